"""Signing in to the trainers' console: a link works once and for ten minutes, sessions end after eight hours,
after thirty minutes without a request, or on signing out, cookies carry their flags, every form needs the
session's CSRF token, and every page but the link's needs a session. On SQLite and PostgreSQL (the `sessions`
fixture)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.storage import console_logins
from bot.storage.models import ConsoleLink, ConsoleSession
from testkit.web_console import ADMIN, START, build_console, client_for, form_token, on_page, open_link, signed_in

REFUSED = on_page("console_login_refused", minutes="10")
SIGN_IN_FIRST = on_page("console_login_needed")
IDLE = on_page("console_session_idle", minutes="30")


@pytest.fixture
def console(sessions, content_copy, tmp_path, shipped_content):
    return build_console(sessions, content_copy, tmp_path / "data", store=shipped_content)


@pytest.fixture
async def client(console):
    async with client_for(console) as http:
        yield http


def session_rows(console) -> list[ConsoleSession]:
    with console.sessions.begin() as session:
        return list(session.scalars(select(ConsoleSession)))


async def test_a_link_opens_one_session_once_and_the_cookie_is_httponly_and_same_site(console, client):
    token = console_logins.create_link(console.sessions, ADMIN, START)
    # Opening the link (or a preview fetching it) shows a button and spends nothing.
    for _ in range(2):
        page = await client.get(f"/login/{token}")
        assert page.status_code == 200 and on_page("console_login_button") in page.text
    answer = await open_link(client, token)
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith("console_session="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # CONSOLE_URL is http: a Secure cookie would never come back
    assert f"Max-Age={8 * 3600}" in cookie
    home = await client.get("/")
    assert home.status_code == 200 and on_page("console_signed_in", admin=ADMIN) in home.text
    # The same link again, in another browser: refused, no second session.
    async with client_for(console) as other:
        again = await other.get(f"/login/{token}")
        assert again.status_code == 403 and REFUSED in again.text
        assert (await other.get("/")).status_code == 401
    assert len(session_rows(console)) == 1


async def test_a_link_opened_in_two_browsers_signs_in_only_the_first_to_press(console, client):
    token = console_logins.create_link(console.sessions, ADMIN, START)
    async with client_for(console) as other:
        pages = [await client.get(f"/login/{token}"), await other.get(f"/login/{token}")]
        assert (await client.post(f"/login/{token}", data={"csrf": form_token(pages[0].text)})).status_code == 303
        second = await other.post(f"/login/{token}", data={"csrf": form_token(pages[1].text)})
        assert second.status_code == 403 and REFUSED in second.text
        assert (await other.get("/")).status_code == 401
    assert len(session_rows(console)) == 1


async def test_a_link_expires_after_ten_minutes(console, client):
    token = console_logins.create_link(console.sessions, ADMIN, START)
    console.now.now = START + timedelta(minutes=10)
    page = await client.get(f"/login/{token}")
    assert page.status_code == 403 and REFUSED in page.text
    assert session_rows(console) == []
    # Another link, opened within its ten minutes, works.
    fresh = console_logins.create_link(console.sessions, ADMIN, START + timedelta(minutes=1))
    console.now.now = START + timedelta(minutes=10, seconds=59)
    assert (await open_link(client, fresh)).status_code == 303


async def test_the_button_pressed_after_the_ten_minutes_is_refused(console, client):
    token = console_logins.create_link(console.sessions, ADMIN, START)
    page = await client.get(f"/login/{token}")
    console.now.now = START + timedelta(minutes=10, seconds=1)
    answer = await client.post(f"/login/{token}", data={"csrf": form_token(page.text)})
    assert answer.status_code == 403 and REFUSED in answer.text and session_rows(console) == []


async def test_a_session_ends_after_eight_hours_even_in_use(console, client):
    await signed_in(client, console)
    # The trainer keeps working: a page every 20 minutes keeps the session from going idle, not past 8 hours.
    console.now.now = START
    while console.now.now < START + timedelta(hours=7, minutes=40):
        console.now.now += timedelta(minutes=20)
        assert (await client.get("/")).status_code == 200
    console.now.now = START + timedelta(hours=8) - timedelta(seconds=1)
    assert (await client.get("/")).status_code == 200
    console.now.now = START + timedelta(hours=8)
    ended = await client.get("/")
    assert ended.status_code == 401 and SIGN_IN_FIRST in ended.text
    assert session_rows(console) == []  # an ended session's row goes when it is seen


async def test_a_session_ends_after_thirty_minutes_without_a_request(console, client):
    await signed_in(client, console)
    # Each request starts the thirty minutes again.
    for minutes in (29, 58, 87):
        console.now.now = START + timedelta(minutes=minutes, seconds=59)
        page = await client.get("/")
        assert page.status_code == 200 and IDLE not in page.text
    # Thirty minutes after the last one the session is over: the page says why and how to get a new link.
    console.now.now += timedelta(minutes=30)
    ended = await client.get("/scams/phishing")
    assert ended.status_code == 401 and IDLE in ended.text and "/console" in ended.text
    assert session_rows(console) == []
    assert "console_session=" in ended.headers["set-cookie"] and "Max-Age=0" in ended.headers["set-cookie"]
    # The browser dropped the cookie: the next page is the ordinary "sign in first".
    again = await client.get("/")
    assert again.status_code == 401 and SIGN_IN_FIRST in again.text and IDLE not in again.text


async def test_a_form_sent_after_the_idle_limit_saves_nothing(console, client):
    await signed_in(client, console)
    page = await client.get("/scams/phishing")
    console.now.now = START + timedelta(minutes=30)
    answer = await client.post(
        "/scams/phishing", data={"csrf": form_token(page.text), "name.en": "phishing trick in a text message"}
    )
    assert answer.status_code == 401 and IDLE in answer.text
    assert not console.drafts.exists(ADMIN)


async def test_a_session_from_before_the_idle_limit_counts_from_its_sign_in(console, client):
    """A session opened before migration 0008 has no last request stored: its sign-in time stands in."""
    await signed_in(client, console)
    with console.sessions.begin() as session:
        session.scalars(select(ConsoleSession)).one().last_seen_at = None
    console.now.now = START + timedelta(minutes=29)
    assert (await client.get("/")).status_code == 200
    console.now.now = START + timedelta(minutes=59)
    assert (await client.get("/")).status_code == 401


async def test_only_hashes_are_stored(console, client):
    token = console_logins.create_link(console.sessions, ADMIN, START)
    answer = await open_link(client, token)
    session_id = answer.cookies["console_session"]
    with console.sessions.begin() as session:
        link = session.scalars(select(ConsoleLink)).one()
        stored = session.scalars(select(ConsoleSession)).one()
        assert link.token_hash == console_logins.hashed(token) and token not in link.token_hash
        assert stored.session_hash == console_logins.hashed(session_id) and stored.admin_id == ADMIN
        assert link.used_at is not None


async def test_the_cookie_is_secure_over_https(sessions, content_copy, tmp_path, shipped_content):
    https = "https://console.example.org"
    console = build_console(sessions, content_copy, tmp_path / "data", url=https, store=shipped_content)
    async with client_for(console, base_url=https) as http:
        answer = await signed_in(http, console)
        cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith("console_session="))
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
        assert (await http.get("/")).status_code == 200


async def test_every_page_but_the_link_needs_a_session(client):
    for url in ("/", "/scams/stock_lecturer", "/regions/cn", "/quiz/phishing", "/preview", "/publish", "/history",
                "/history/1", "/stats", "/stats.csv"):  # fmt: skip
        answer = await client.get(url)
        assert answer.status_code == 401 and SIGN_IN_FIRST in answer.text, url
        assert "csv" not in answer.headers["content-type"]
    for url in ("/publish", "/scams/stock_lecturer", "/history/1/rollback", "/draft/discard", "/logout"):
        assert (await client.post(url, data={"csrf": "x"})).status_code == 401, url
    assert (await client.get("/login/not-a-token")).status_code == 403


async def test_a_form_without_the_sessions_csrf_token_is_refused(console, client):
    await signed_in(client, console)
    page = await client.get("/scams/phishing")
    edit = {"name.en": "something else entirely"}
    token = form_token(page.text)
    wrong = token[:-1] + ("1" if token.endswith("0") else "0")  # one character off (never the token itself)
    for data in (edit, {**edit, "csrf": ""}, {**edit, "csrf": wrong}):
        answer = await client.post("/scams/phishing", data=data)
        assert answer.status_code == 403 and on_page("console_csrf_refused") in answer.text
    assert not console.drafts.exists(ADMIN)
    # Another trainer's token does not pass either: it belongs to their session.
    async with client_for(console) as other:
        await signed_in(other, console)
        foreign = form_token((await other.get("/")).text)
    assert (await client.post("/publish", data={"csrf": foreign})).status_code == 403
    # The sign-in button needs its own token, from the link's page (a cookie of that page).
    token = console_logins.create_link(console.sessions, ADMIN, START)
    async with client_for(console) as fresh:
        forged = await fresh.post(f"/login/{token}", data={"csrf": "made-up"})
        assert forged.status_code == 403 and console_logins.check_link(console.sessions, token, START).status == "ok"


async def test_signing_out_ends_the_session_and_console_logout_ends_them_all(console, client):
    await signed_in(client, console)
    home = await client.get("/")
    out = await client.post("/logout", data={"csrf": form_token(home.text)})
    assert out.status_code == 200 and on_page("console_signed_out") in out.text
    assert (await client.get("/")).status_code == 401
    # Two browsers and an unused link; /console_logout's storage call ends every one.
    async with client_for(console) as first, client_for(console) as second:
        await signed_in(first, console)
        await signed_in(second, console)
        unused = console_logins.create_link(console.sessions, ADMIN, START)
        assert console_logins.end_all(console.sessions, ADMIN) == 2
        assert (await first.get("/")).status_code == 401 and (await second.get("/")).status_code == 401
        assert (await second.get(f"/login/{unused}")).status_code == 403


async def test_someone_no_longer_in_admin_ids_is_signed_out(console, client):
    await signed_in(client, console)
    console.admin_ids = frozenset()
    assert (await client.get("/")).status_code == 401


async def test_every_response_carries_the_security_headers(console, client):
    for answer in (await client.get("/"), await client.get("/static/console.css"), await client.get("/nope")):
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy and "http" not in policy
        assert answer.headers["x-frame-options"] == "DENY" and answer.headers["referrer-policy"] == "no-referrer"
    await signed_in(client, console)
    page = await client.get("/stats")
    assert "<script>" not in page.text and 'src="http' not in page.text and 'href="http' not in page.text
