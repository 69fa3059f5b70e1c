"""Issue 6: tips survive restarts (the bot as a process, no Rasa needed for tips), and trainers' commands are
only for ADMIN_IDS (real Update objects into the Application)."""

from __future__ import annotations

import html
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update

from bot.storage.database import make_engine, make_sessions
from bot.storage.models import Subscription
from bot.storage.repository import record_scam
from tests.bot_process import bot_environment, running_bot
from tests.telegram_updates import command, new_id, running_app, tap, tap_update

ADMIN = 4242
# Tips need no Rasa: the bot runs with an address where nothing listens.
RASA_DOWN = "http://127.0.0.1:9"


def tips_to(api, chat_id: int) -> list[str]:
    return [m["text"] for m in api.sent() if m["chat_id"] == chat_id and "💡" in m["text"]]


def test_a_tip_due_across_two_restarts_is_sent_exactly_once(api, tmp_path):
    env = bot_environment(api, RASA_DOWN, tmp_path, TIP_CHECK_SECONDS="0.5")
    user = new_id()
    with running_bot(api, env, tmp_path / "bot.log"):
        api.push_update(tap_update(user, "zh-hans", "sub:daily:9"))
        api.wait_for(lambda a: any("已订阅" in m["text"] for m in a.sent("editMessageText")))
    # Stopped before the tip is due; it falls due while the bot is down.
    due = datetime.now(UTC) + timedelta(seconds=2)
    engine = make_engine(env["DATABASE_URL"])
    with make_sessions(engine).begin() as session:
        session.execute(update(Subscription).where(Subscription.telegram_id == user).values(next_due=due))
    engine.dispose()
    time.sleep(2.5)
    with running_bot(api, env, tmp_path / "bot.log"):
        api.wait_for(lambda a: tips_to(a, user), timeout=30)
        time.sleep(1.5)  # a few more rounds of the job
    with running_bot(api, env, tmp_path / "bot.log"):
        time.sleep(2)  # started again after the send: nothing more is due
    tips = tips_to(api, user)
    assert len(tips) == 1 and tips[0].startswith("💡 <b>防骗小贴士</b>")


@pytest.fixture
async def app(api, tmp_path):
    async with running_app(api.base_url, tmp_path, admin_ids=frozenset({ADMIN})) as application:
        yield application


@pytest.mark.parametrize("text", ["/stats", "/stats 30", "/reload"])
async def test_everyone_but_an_admin_is_refused_and_nothing_happens(app, api, text):
    await command(app, new_id(), "en", text)
    assert [html.unescape(m["text"]) for m in api.sent()] == ["Sorry, that command is only for the bot's trainers."]
    assert api.sent("sendPhoto") == []


async def test_stats_sends_the_table_and_a_png_matching_the_stored_numbers(app, api):
    today = date.today()
    sessions = app.bot_data["sessions"]
    for _ in range(3):
        record_scam(sessions, "stock_lecturer", "zh", True, today)
    record_scam(sessions, "loan_unfreeze_fee", "en", False, today - timedelta(days=1))
    await command(app, ADMIN, "en", "/stats 7")
    table = html.unescape(api.sent()[-1]["text"])
    assert table.startswith("<pre>") and str(today - timedelta(days=6)) in table
    stock_line = next(line for line in table.splitlines() if "stock_lecturer" in line and str(today) in line)
    assert stock_line.split()[-4:] == ["3", "0", "0", "3"]  # paid, not paid, unknown, total
    photo = api.sent("sendPhoto")[-1]["photo"]
    assert photo.startswith(b"\x89PNG\r\n\x1a\n") and len(photo) > 5000


async def test_stats_with_a_wrong_number_of_days_says_why(app, api):
    await command(app, ADMIN, "en", "/stats 1000")
    assert "from 1 to 366" in api.sent()[-1]["text"] and api.sent("sendPhoto") == []


async def test_reload_reports_the_check_result(app, api):
    await command(app, ADMIN, "en", "/reload")
    assert api.sent()[-1]["text"] == "Content reloaded: check passed."


async def test_subscribe_buttons_then_unsubscribe(app, api):
    user = new_id()
    await command(app, user, "en", "/subscribe")
    choices = [b["callback_data"] for row in api.sent()[-1]["reply_markup"]["inline_keyboard"] for b in row]
    assert choices == ["sub:daily:9", "sub:daily:20", "sub:weekly:9"]
    await tap(app, user, "en", "sub:weekly:9")
    assert api.sent("editMessageText")[-1]["text"].startswith("Subscribed. The first tip comes 20")
    await command(app, user, "en", "/unsubscribe")
    assert api.sent()[-1]["text"].startswith("No more tips")
    await command(app, user, "en", "/unsubscribe")
    assert api.sent()[-1]["text"].startswith("You were not subscribed")
