"""/console and /console_logout through the bot's Telegram Application (the fake Bot API): a trainer gets a link
that signs them in to the console, in their language; anyone else gets "not allowed", no link and no row."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import select

from bot.storage.models import ConsoleLink
from testkit.content_text import EN, ZH, text
from testkit.telegram_updates import command, new_id
from testkit.web_console import build_console, client_for, on_page, open_link

CONSOLE_URL = "https://console.example.org"


def links(app) -> list[ConsoleLink]:
    with app.bot_data["sessions"].begin() as session:
        return list(session.scalars(select(ConsoleLink)))


async def test_someone_not_in_admin_ids_gets_no_link_and_no_login_row(app, api):
    app.bot_data["admin_ids"] = frozenset({new_id()})
    stranger = new_id()
    for typed in ("/console", "/console_logout"):
        await command(app, stranger, "en", typed)
        reply = api.sent(chat_id=stranger)[-1]["text"]
        assert reply == text("not_allowed", EN) and "/login/" not in reply
    assert links(app) == []


async def test_a_trainer_gets_a_one_time_link_and_console_logout_signs_them_out(app, api, content_copy, tmp_path,
                                                                                 shipped_content):  # fmt: skip
    trainer = new_id()
    app.bot_data.update(admin_ids=frozenset({trainer}), console_url=CONSOLE_URL)
    await command(app, trainer, "zh-hans", "/console")
    reply = api.sent(chat_id=trainer)[-1]["text"]
    link = re.search(r'<a href="([^"]+)">\1</a>', reply)[1]
    token = link.removeprefix(f"{CONSOLE_URL}/login/")
    assert link.startswith(f"{CONSOLE_URL}/login/") and len(token) >= 40
    expected = text("trainer_console_link", ZH, minutes="10", url=link)
    assert reply == expected.replace(link, f'<a href="{link}">{link}</a>')
    [row] = links(app)
    assert row.admin_id == trainer and token not in row.token_hash
    # The console shares the bot's database: the link signs the trainer in, in their language (Chinese).
    console = build_console(app.bot_data["sessions"], content_copy, tmp_path / "data", CONSOLE_URL, shipped_content)
    console.admin_ids, console.now = frozenset({trainer}), lambda: datetime.now(UTC)
    async with client_for(console, CONSOLE_URL) as browser:
        assert (await open_link(browser, token)).status_code == 303
        home = await browser.get("/")
        assert home.status_code == 200 and on_page("console_signed_in", "zh", admin=trainer) in home.text
        assert on_page("console_nav_publish", "zh") in home.text
        await command(app, trainer, "zh-hans", "/console_logout")
        assert api.sent(chat_id=trainer)[-1]["text"] == text("trainer_console_logged_out", ZH, sessions="1")
        assert (await browser.get("/")).status_code == 401
    assert links(app) == []
