"""Issue 6: tips survive restarts (the bot as a process, no Rasa needed for tips), and trainers' commands are
only for ADMIN_IDS (real Update objects into the Application)."""

from __future__ import annotations

import asyncio
import html
import re
import shutil
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update

from bot.content.render import Audience
from bot.content.store import ContentStore
from bot.content.versions import ContentVersions
from bot.storage.database import make_engine, make_sessions
from bot.storage.models import Subscription
from bot.storage.repository import get_or_create_user, record_scam
from bot.storage.subscriptions import subscribe
from testkit import ROOT
from testkit.bot_process import RASA_DOWN, bot_environment, running_bot
from testkit.content_text import EN, ZH, filled, opens_as, rendered, text, words
from testkit.fake_bot_api import inline_buttons
from testkit.telegram_updates import command, new_id, running_app, say, tap, tap_update

ADMIN = 4242
# Tips need no Rasa: the bot runs with an address where nothing listens.


def tips_to(api, chat_id: int) -> list[str]:
    """The tips a (Chinese-speaking) subscriber has received."""
    return [m["text"] for m in api.sent(chat_id=chat_id) if opens_as(m["text"], "tip", ZH)]


def is_entry(key: str, reader: Audience, sent: dict) -> bool:
    """Whether a message the bot sent is the entry `key` of messages.yml, whatever its placeholders hold."""
    return filled(key, reader, html.unescape(sent["text"])) is not None


def test_a_tip_due_across_two_restarts_is_sent_exactly_once(api, tmp_path):
    env = bot_environment(api, RASA_DOWN, tmp_path, TIP_CHECK_SECONDS="0.5")
    user = new_id()
    with running_bot(api, env, tmp_path / "bot.log"):
        api.push_update(tap_update(user, "zh-hans", "sub:daily:9"))
        api.wait_for(lambda a: any(is_entry("subscribed", ZH, m) for m in a.sent("editMessageText")))
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
    assert len(tips) == 1  # one tip, in the subscriber's language


@pytest.fixture
async def app(api, tmp_path, shipped_content):
    """Here the Application also knows a trainer (ADMIN)."""
    async with running_app(api.base_url, tmp_path, content=shipped_content, admin_ids=frozenset({ADMIN})) as app:
        yield app


ADMIN_COMMANDS = ["/stats", "/stats 30", "/reload", "/content_versions", "/rollback 1", "/broadcast hi"]


@pytest.mark.parametrize("typed", ADMIN_COMMANDS)
async def test_everyone_but_an_admin_is_refused_and_nothing_happens(app, api, typed):
    await command(app, new_id(), "en", typed)
    assert [m["text"] for m in api.sent()] == [text("not_allowed", EN)]
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
    for wrong in ("1000", "0", "week"):
        await command(app, ADMIN, "en", f"/stats {wrong}")
        assert api.sent()[-1]["text"] == text("trainer_stats_days", EN, max="366")
    assert api.sent("sendPhoto") == []


async def test_reload_reports_the_check_result(app, api):
    await command(app, ADMIN, "en", "/reload")
    assert api.sent()[-1]["text"] == text("trainer_reloaded", EN)


async def test_subscribe_buttons_then_unsubscribe(app, api):
    user = new_id()
    await command(app, user, "en", "/subscribe")
    choices = [data for _, data in inline_buttons(api.sent()[-1])]
    assert choices == ["sub:daily:9", "sub:daily:20", "sub:weekly:9"]
    await tap(app, user, "en", "sub:weekly:9")
    subscribed = filled("subscribed", EN, html.unescape(api.sent("editMessageText")[-1]["text"]))
    assert re.fullmatch(r"\d{4}-\d\d-\d\d 09:00", subscribed["when"]), subscribed  # next Monday, 9:00
    await command(app, user, "en", "/unsubscribe")
    assert api.sent()[-1]["text"] == text("unsubscribed", EN)
    await command(app, user, "en", "/unsubscribe")
    assert api.sent()[-1]["text"] == text("not_subscribed", EN)


# --- content upload, versions, rollback, broadcast (the trainer's side) ------------------------------------
@pytest.fixture
async def trainer_app(api, tmp_path):
    live = tmp_path / "content"
    shutil.copytree(ROOT / "content", live)
    versions = ContentVersions(live, tmp_path / "versions")
    async with running_app(
        api.base_url, tmp_path, admin_ids=frozenset({ADMIN}), content=ContentStore(live), content_versions=versions
    ) as application:
        yield application, live


def document(file_name: str, file_id: str) -> dict:
    return {"document": {"file_id": file_id, "file_unique_id": file_id, "file_name": file_name, "file_size": 10}}


async def test_an_invalid_upload_is_rejected_with_file_and_line_and_changes_nothing(trainer_app, api):
    app, live = trainer_app
    before = (live / "messages.yml").read_bytes()
    greeting = app.bot_data["content"].current.messages["greet"]
    api.files["broken"] = before.replace(b'greet:\n  en:', b'greet:\n  en: [', 1)
    await say(app, ADMIN, "en", **document("messages.yml", "broken"))
    reply = html.unescape(api.sent()[-1]["text"])
    assert reply.startswith(words("trainer_upload_rejected", EN)) and "content/messages.yml:" in reply
    assert (live / "messages.yml").read_bytes() == before
    assert app.bot_data["content"].current.messages["greet"] == greeting


async def test_a_valid_upload_is_previewed_applied_and_rolled_back(trainer_app, api):
    app, live = trainer_app
    original = (live / "messages.yml").read_text(encoding="utf-8")
    old_greeting = app.bot_data["content"].current.messages["greet"]["en"]["standard"]
    edited = original.replace(old_greeting, "Hi there, I check messages for scams.", 1)
    api.files["good"] = edited.encode()
    await say(app, ADMIN, "en", **document("messages.yml", "good"))
    preview = api.sent()[-1]
    assert html.unescape(preview["text"]).startswith(words("trainer_upload_preview", EN))
    assert "Hi there" in preview["text"]
    apply = preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    assert (live / "messages.yml").read_text(encoding="utf-8") == original  # nothing before the confirmation
    await tap(app, ADMIN, "en", apply)
    assert api.sent("editMessageText")[-1]["text"] == text("trainer_applied", EN, number="2")
    greetings = app.bot_data["content"].current.messages["greet"]
    assert greetings["en"]["standard"] == "Hi there, I check messages for scams."

    await command(app, ADMIN, "en", "/content_versions")
    listing = html.unescape(api.sent()[-1]["text"])
    assert "▶ 2" in listing and "  1  " in listing
    await command(app, ADMIN, "en", "/rollback 1")
    assert api.sent()[-1]["text"] == text("trainer_rolled_back", EN, old="1", number="3")
    assert (live / "messages.yml").read_text(encoding="utf-8") == original
    assert app.bot_data["content"].current.messages["greet"]["en"]["standard"] == old_greeting


async def test_a_document_from_anyone_else_is_just_media_the_bot_cannot_read(trainer_app, api):
    app, live = trainer_app
    api.files["x"] = b"greet: {}"
    await say(app, new_id(), "en", **document("messages.yml", "x"))
    assert api.sent()[-1]["text"] == text("unsupported_media", EN)


async def test_broadcast_previews_each_language_then_sends_with_a_final_count(trainer_app, api):
    app, live = trainer_app
    sessions = app.bot_data["sessions"]
    english, chinese, blocked = new_id(), new_id(), new_id()
    for user, language in ((english, "en"), (chinese, "zh"), (blocked, "en")):
        get_or_create_user(sessions, user, language=language)
        subscribe(sessions, user, "daily", 9, "Asia/Shanghai", datetime.now(UTC))
    api.block(blocked)
    english_text, chinese_text = "Fake police calls are back: hang up.", "冒充公安的电话又来了，直接挂断。"
    await command(app, ADMIN, "en", f"/broadcast {english_text}\n---\n{chinese_text}")
    previews = [html.unescape(m["text"]) for m in api.sent()[-3:-1]]
    preview = {lang: words("trainer_broadcast_preview", EN, language=lang) for lang in ("en", "zh")}
    assert previews == [f"{preview['en']}\n\n{english_text}", f"{preview['zh']}\n\n{chinese_text}"]
    confirm = api.sent()[-1]
    send = confirm["reply_markup"]["inline_keyboard"][0][0]
    assert send["text"] == words("trainer_broadcast_send", EN, count="3")
    await tap(app, ADMIN, "en", send["callback_data"])
    # The broadcast runs in the background on this event loop: wait without blocking it.
    deadline = time.monotonic() + 30
    while not any(is_entry("trainer_broadcast_done", EN, m) for m in api.sent("editMessageText")):
        assert time.monotonic() < deadline, "the broadcast did not finish"
        await asyncio.sleep(0.05)
    assert api.sent("editMessageText")[-1]["text"] == text(
        "trainer_broadcast_done", EN, sent="2", failed="0", blocked="1", skipped="0"
    )
    to = {m["chat_id"]: m["text"] for m in api.sent() if m["chat_id"] in (english, chinese)}
    assert to == {english: english_text, chinese: chinese_text}
    # Tapping Send again sends nothing twice.
    await tap(app, ADMIN, "en", send["callback_data"])
    assert api.sent("editMessageText")[-1]["text"] == text("trainer_broadcast_gone", EN)


async def test_subscribe_at_an_hour_of_ones_own(app, api):
    user = new_id()
    await command(app, user, "en", "/subscribe daily 7")
    subscribed = filled("subscribed", EN, html.unescape(api.sent()[-1]["text"]))
    assert re.fullmatch(r"\d{4}-\d\d-\d\d 07:00", subscribed["when"]), subscribed
    await command(app, user, "en", "/subscribe daily 25")
    assert api.sent()[-1].get("reply_markup")  # not an hour: the choice buttons instead


async def test_broadcast_a_lesson_previews_the_tip_in_both_languages(trainer_app, api):
    app, live = trainer_app
    await command(app, ADMIN, "en", "/broadcast lesson dating_recharge")
    previews = [m["text"] for m in api.sent()[-3:-1]]
    # Each language's preview is the lesson's tip as subscribers would get it.
    for preview, lang in zip(previews, ("en", "zh"), strict=True):
        tip = "\n\n".join(rendered("tip", Audience(lang, "standard", "cn"), scam_type="dating_recharge"))
        assert preview == f"{text('trainer_broadcast_preview', EN, language=lang)}\n\n{tip}"
    send = api.sent()[-1]["reply_markup"]["inline_keyboard"][0][0]["text"]
    assert send == words("trainer_broadcast_send", EN, count="0")
