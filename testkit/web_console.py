"""The trainers' web console as a trainer's browser meets it: the console over a content folder with its own
archive and drafts, a clock tests move instead of sleeping, an HTTP client to the ASGI app in this process
(httpx's ASGITransport: no network), and signing in the way a trainer does (the bot's link, its page, its button)."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from pathlib import Path

import httpx
from markupsafe import escape

from bot.content.store import ContentStore
from bot.content.versions import ContentVersions
from bot.storage import console_logins
from bot.web.app import build_app
from bot.web.services import Console, make_console
from bot.web.words import Words
from testkit.content_text import shipped

ADMIN = 4242
OTHER_ADMIN = 4343
START = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
CONSOLE_URL = "http://127.0.0.1:8088"
# A warning sign the tests add in the console, Chinese and English, standard and simple mode (field name -> text).
ADDED_SIGN = {
    "sign.en.standard": "The 'teacher' asks you to share your phone screen so he can guide your trades",
    "sign.en.elderly": "He asks to see your phone screen",
    "sign.zh.standard": "“老师”要您打开屏幕共享，说要在线指导您操作",
    "sign.zh.elderly": "对方要您打开屏幕共享",
    "why.en.standard": "Sharing your screen shows him your passwords and codes.",
    "why.en.elderly": "Never show a stranger your screen.",
    "why.zh.standard": "一开屏幕共享，对方就能看到您的密码和验证码。",
    "why.zh.elderly": "别让陌生人看您的手机屏幕。",
}


class Clock:
    """The console's clock, moved by the tests."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def build_console(
    sessions, content_root: Path, data_dir: Path, url: str = CONSOLE_URL, store: ContentStore | None = None
) -> Console:
    """The console for trainers ADMIN and OTHER_ADMIN over `content_root`, its clock a Clock at START. `store`:
    an already loaded store to read the console's words from (tests that publish nothing share one: a load
    takes seconds), else one loaded from `content_root`."""
    versions = ContentVersions(content_root, data_dir / "content_versions")
    store = store or ContentStore(content_root)
    console = make_console(sessions, store, versions, data_dir, {ADMIN, OTHER_ADMIN}, url)
    console.now = Clock()
    return console


def client_for(console: Console, base_url: str = CONSOLE_URL) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app(console)), base_url=base_url)


def form_token(page: str) -> str:
    """The CSRF token a page's forms carry."""
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


async def open_link(http: httpx.AsyncClient, token: str) -> httpx.Response:
    """A trainer opens the bot's link and presses "Sign in"; the response to the button."""
    page = await http.get(f"/login/{token}")
    assert page.status_code == 200, page.text
    return await http.post(f"/login/{token}", data={"csrf": form_token(page.text)})


async def signed_in(http: httpx.AsyncClient, console: Console, admin: int = ADMIN) -> httpx.Response:
    """Signs `admin` in through a new link; the response to the "Sign in" button (its session cookie is kept)."""
    token = console_logins.create_link(console.sessions, admin, console.now())
    answer = await open_link(http, token)
    assert answer.status_code == 303 and answer.headers["location"] == "/", answer.text
    return answer


def shown_fields(page: str) -> dict[str, str]:
    """The values of a form page's text fields as a browser would post them, by name."""
    fields = dict(re.findall(r'<textarea id="[^"]+" name="([^"]+)"[^>]*>([^<]*)</textarea>', page))
    fields.update(re.findall(r'<input id="[^"]+" name="([^"]+)" value="([^"]*)"', page))
    return {name: html.unescape(value) for name, value in fields.items()}


async def post_form(http: httpx.AsyncClient, url: str, changes: dict[str, str], **extra: str) -> httpx.Response:
    """Posts the form of the page at `url` as a browser would: every field as shown, `changes` typed over them,
    `extra` fields added (a ticked box), and the page's CSRF token."""
    page = await http.get(url)
    data = {**shown_fields(page.text), **changes, **extra, "csrf": form_token(page.text)}
    return await http.post(url, data=data)


def field_block(page: str, name: str) -> str:
    """The HTML of one field on an edit page: its label, its input and whatever is shown beside it."""
    found = re.search(rf'<div class="field[^"]*" id="f-{re.escape(name)}">(.*?)\n      </div>', page, re.S)
    assert found, f"no field {name} on the page"
    return found.group(1)


def on_page(key: str, lang: str = "en", **values) -> str:
    """A console word from content/trainer_messages.yml as a page shows it (escaped the way Jinja2 escapes)."""
    return str(escape(Words(shipped(), lang)(key, **values)))
