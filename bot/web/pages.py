"""What every console page shares: who is signed in (the session cookie), the CSRF check of every POST, and
rendering a template in the trainer's language.

Every route except the login link's goes through `signed_in`: no valid session, no page (401; a session that
ended for want of activity says so, and how to get a new link); a POST without the session's CSRF token is refused
(403) before the handler runs.
"""

from __future__ import annotations

import asyncio
import functools
from dataclasses import dataclass
from pathlib import Path

import jinja2
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from bot.content.schema import AUDIENCES, LANGUAGES
from bot.storage import console_logins
from bot.web import csrf
from bot.web.services import Console
from bot.web.words import Words

COOKIE = "console_session"
TEMPLATES = Path(__file__).resolve().parent / "templates"
# The largest form is a scam type's page (about 200 fields); no page takes files.
MAX_FIELDS = 2000
MAX_FIELD_BYTES = 256 * 1024

templates = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
)


@dataclass(frozen=True)
class Visitor:
    """A signed-in trainer: their Telegram id, their session (its id is only in their cookie) and their words."""

    admin_id: int
    session_id: str
    words: Words
    form: FormData | None = None  # a POST's fields, its CSRF token checked


def console_of(request: Request) -> Console:
    return request.app.state.console


def browser_words(request: Request) -> Words:
    """Words for someone not signed in: Chinese when their browser asks for it first, else English."""
    accepted = request.headers.get("accept-language", "").lower()
    return Words(console_of(request).content.current, "zh" if accepted.startswith("zh") else "en")


async def visitor(request: Request) -> Visitor | None:
    """The trainer whose valid session cookie came with the request; None without one, or when their session
    ended, or when they are no longer in ADMIN_IDS. A session that ended just now for want of activity is noted
    in `request.state.session_idle` (the refusal says so)."""
    session_id = request.cookies.get(COOKIE)
    if not session_id or len(session_id) > 128:
        return None
    console = console_of(request)
    console.content.refresh_soon()  # an upload, a rollback or an edit on disk since: as the bot picks them up
    check = await asyncio.to_thread(console_logins.check_session, console.sessions, session_id, console.now())
    request.state.session_idle = check.status == "idle"
    admin_id = check.admin_id
    if admin_id is None or admin_id not in console.admin_ids:
        return None
    language = await asyncio.to_thread(console_logins.admin_language, console.sessions, admin_id)
    return Visitor(admin_id, session_id, Words(console.content.current, language))


# Notices a redirect after a POST may ask a page to show (?notice=...), with the numbers each takes.
NOTICES = {
    "console_saved": (), "console_nothing_changed": (), "console_discarded": (), "console_published": ("number",),
    "console_rolled_back": ("old", "number"), "console_item_added": (), "console_item_removed": (),
}  # fmt: skip


def _notice(request: Request, words: Words) -> str:
    key = request.query_params.get("notice")
    if key not in NOTICES:
        return ""
    values = {name: request.query_params.get(name, "") for name in NOTICES[key]}
    return words(key, **values) if all(value.isdecimal() for value in values.values()) else ""


def _label(words: Words, token: str) -> str:
    """One piece of a field's label: a word key, a language, an audience, or an id shown as it is."""
    if token.startswith("console_"):
        return words(token)
    if token in LANGUAGES:
        return words(f"console_lang_{token}")
    if token in AUDIENCES:
        return words(f"console_audience_{token}")
    return token


def render(request: Request, template: str, who: Visitor | Words, status_code: int = 200, **values) -> Response:
    words = who.words if isinstance(who, Visitor) else who
    context = {
        "t": words,
        "lang": words.lang,
        "label": lambda tokens: " · ".join(_label(words, token) for token in tokens),
        "admin_id": who.admin_id if isinstance(who, Visitor) else None,
        "csrf": csrf.token_for(who.session_id) if isinstance(who, Visitor) else "",
        "notice": _notice(request, words),
        **values,
    }
    response = templates.TemplateResponse(request, template, context, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    return response


def refusal(request: Request, key: str, status_code: int, words: Words | None = None, **values) -> Response:
    """A page that says only why nothing happened (not signed in, a form refused, a link that cannot be used)."""
    words = words or browser_words(request)
    return render(request, "message.html", words, status_code, message=words(key, **values))


def _idle(request: Request) -> Response:
    """The page after a session ended for want of activity: ask the bot for a new link; the cookie goes."""
    minutes = int(console_logins.IDLE_LIMIT.total_seconds() // 60)
    response = refusal(request, "console_session_idle", 401, minutes=minutes)
    secure = console_of(request).secure_cookies
    response.delete_cookie(COOKIE, path="/", secure=secure, httponly=True, samesite="strict")
    return response


def signed_in(handler):
    """A route for signed-in trainers only; a POST must carry the session's CSRF token."""

    @functools.wraps(handler)
    async def guarded(request: Request) -> Response:
        who = await visitor(request)
        if who is None and getattr(request.state, "session_idle", False):
            return _idle(request)
        if who is None:
            return refusal(request, "console_login_needed", 401)
        if request.method == "POST":
            form = await request.form(max_files=0, max_fields=MAX_FIELDS, max_part_size=MAX_FIELD_BYTES)
            if not csrf.is_valid(who.session_id, form.get(csrf.FIELD)):
                return refusal(request, "console_csrf_refused", 403, who.words)
            who = Visitor(who.admin_id, who.session_id, who.words, form)
        return await handler(request, who)

    return guarded


def not_found() -> HTTPException:
    return HTTPException(404)
