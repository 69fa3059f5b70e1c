"""Signing in with the bot's one-time link, and signing out.

The link (/login/<token>) first shows a page with a "Sign in" button; only that button's POST uses the link up.
A link preview or a scanner that fetches the address therefore cannot spend it. The sign-in form is protected like
every other form: its token is in a short-lived cookie of its own, compared with the posted one. The session
cookie is HttpOnly, SameSite=Strict and, when CONSOLE_URL is https, Secure.
"""

from __future__ import annotations

import asyncio
import hmac
import re
import secrets

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.storage import console_logins
from bot.web import csrf
from bot.web.pages import COOKIE, Visitor, console_of, refusal, render, signed_in
from bot.web.words import Words

LOGIN_COOKIE = "console_login"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")
LINK_MINUTES = int(console_logins.LINK_VALIDITY.total_seconds() // 60)


def _refused(request: Request, words: Words | None = None) -> Response:
    return refusal(request, "console_login_refused", 403, words, minutes=LINK_MINUTES)


async def _words_of(request: Request, admin_id: int) -> Words:
    console = console_of(request)
    language = await asyncio.to_thread(console_logins.admin_language, console.sessions, admin_id)
    return Words(console.content.current, language)


async def login_page(request: Request) -> Response:
    """GET /login/<token>: a "Sign in" button when the link can still be used; the link stays unused."""
    token = request.path_params["token"]
    console = console_of(request)
    if not TOKEN.match(token):
        return _refused(request)
    check = await asyncio.to_thread(console_logins.check_link, console.sessions, token, console.now())
    if check.status != "ok" or check.admin_id not in console.admin_ids:
        return _refused(request)
    form_token = secrets.token_urlsafe(32)
    response = render(request, "login.html", await _words_of(request, check.admin_id), form_token=form_token)
    response.set_cookie(
        LOGIN_COOKIE, form_token, max_age=LINK_MINUTES * 60, path="/login", secure=console.secure_cookies,
        httponly=True, samesite="strict",
    )  # fmt: skip
    return response


async def login(request: Request) -> Response:
    """POST /login/<token>: uses the link up and opens a session (cookie), then the console's first page."""
    token = request.path_params["token"]
    console = console_of(request)
    form = await request.form(max_files=0, max_fields=10)
    expected, posted = request.cookies.get(LOGIN_COOKIE, ""), form.get(csrf.FIELD)
    if not expected or not isinstance(posted, str) or not hmac.compare_digest(expected, posted):
        return refusal(request, "console_csrf_refused", 403)
    if not TOKEN.match(token):
        return _refused(request)
    now = console.now()
    opened = await asyncio.to_thread(console_logins.open_session, console.sessions, token, now)
    if not isinstance(opened, console_logins.SignedIn) or opened.admin_id not in console.admin_ids:
        return _refused(request)
    response = RedirectResponse("/", status_code=303)
    lifetime = int((opened.expires_at - now).total_seconds())
    response.set_cookie(
        COOKIE, opened.session_id, max_age=lifetime, path="/", secure=console.secure_cookies, httponly=True,
        samesite="strict",
    )  # fmt: skip
    response.delete_cookie(LOGIN_COOKIE, path="/login", secure=console.secure_cookies, httponly=True, samesite="strict")
    return response


@signed_in
async def logout(request: Request, who: Visitor) -> Response:
    """POST /logout: this browser's session ends."""
    console = console_of(request)
    await asyncio.to_thread(console_logins.end_session, console.sessions, who.session_id)
    response = render(request, "message.html", who.words, message=who.words("console_signed_out"))
    response.delete_cookie(COOKIE, path="/", secure=console.secure_cookies, httponly=True, samesite="strict")
    return response
