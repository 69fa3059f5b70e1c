"""Check-ins after a loss (issue 17) with real Update objects through the fake Bot API: the "Check in on me"
button under the stop-loss steps, /stop, and the job that sends what is due. No Rasa needed: none of them asks
it."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from bot.content.render import Audience
from bot.dialogue.screens import Rendered, lay_out
from bot.storage.follow_ups import follow_up_of
from bot.storage.models import FollowUp
from bot.storage.repository import UserSettings, get_or_create_user
from bot.telegram.context import BotContext
from bot.telegram.dialogue_handlers import inline_markup
from bot.telegram.follow_up_handlers import daytime_start, send_due_follow_ups
from testkit.content_text import EN, filled, text
from testkit.fake_bot_api import inline_buttons
from testkit.telegram_updates import command, new_id, tap

CHECKIN = "checkin:loan_unfreeze_fee"
HONG_KONG = Audience("zh", "standard", "hk")


def stop_loss_message(app, user_id: int, reader: Audience) -> dict:
    """The last message of a paid story as Telegram shows it under a tap: laid out by the bot's own screens.py,
    with the offers after the loss and the rest of the story as buttons."""
    content = app.bot_data["content"].current
    kinds = [Rendered(kind, "loan_unfreeze_fee", True, ("…",)) for kind in ("stop_loss", "case")]
    [last] = lay_out(content, reader, kinds, offer_more=True)
    return {"message_id": new_id(), "date": 0, "chat": {"id": user_id, "type": "private"}, "text": last.text,
            "reply_markup": inline_markup(last.buttons).to_dict()}  # fmt: skip


def shanghai_time(moment: datetime) -> str:
    """A time as a user in mainland China (the default region) reads it in the bot's messages."""
    return moment.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")


def make_due(app, user_id: int) -> None:
    """The next check-in falls due: its time is moved into the past."""
    with app.bot_data["sessions"].begin() as session:
        past = datetime.now(UTC) - timedelta(minutes=1)
        session.execute(update(FollowUp).where(FollowUp.telegram_id == user_id).values(next_due=past))


async def run_job(app) -> None:
    await send_due_follow_ups(BotContext(app))


async def test_the_button_starts_the_check_ins_goes_and_leaves_the_other_buttons(app, api):
    user = new_id()
    shown = stop_loss_message(app, user, EN)
    offered = [data for _, data in inline_buttons(shown)]
    assert CHECKIN in offered and "pack:loan_unfreeze_fee" in offered
    await tap(app, user, "en", CHECKIN, message=shown)
    assert len(api.sent("answerCallbackQuery")) == 1
    edited = api.sent("editMessageReplyMarkup")[-1]
    assert [data for _, data in inline_buttons(edited)] == [data for data in offered if data != CHECKIN]
    row = follow_up_of(app.bot_data["sessions"], user)
    assert (row.scam_type, row.next_day, row.next_due - row.started_at) == ("loan_unfreeze_fee", 1, timedelta(days=1))
    [confirmation] = api.sent(chat_id=user)
    assert filled("checkin_started", EN, html.unescape(confirmation["text"])) == {"when": shanghai_time(row.next_due)}


async def test_tapping_again_keeps_the_schedule_and_says_when_the_next_one_comes(app, api):
    user = new_id()
    await tap(app, user, "en", CHECKIN)
    first = follow_up_of(app.bot_data["sessions"], user)
    await tap(app, user, "en", "checkin:stock_lecturer")
    assert follow_up_of(app.bot_data["sessions"], user) == first
    assert api.sent()[-1]["text"] == text("checkin_already", EN, when=shanghai_time(first.next_due))


async def test_a_due_check_in_arrives_once_with_the_warning_against_a_second_scam(app, api):
    user = new_id()
    get_or_create_user(app.bot_data["sessions"], user, language="zh", region="hk")
    await tap(app, user, "zh-hant", CHECKIN)
    await run_job(app)
    assert len(api.sent(chat_id=user)) == 1  # only the confirmation: nothing is due yet
    make_due(app, user)
    await run_job(app)
    await run_job(app)
    check_ins = api.sent(chat_id=user)[1:]
    # Day 1, in the user's language and script (Traditional Chinese in Hong Kong), with the recovery-scam warning.
    day_1, warning = text("checkin_day_1", HONG_KONG), text("checkin_recovery_warning", HONG_KONG)
    assert [m["text"] for m in check_ins] == [f"{day_1}\n\n{warning}"]
    assert text("checkin_day_1", Audience("zh", "standard", "cn")) not in check_ins[0]["text"]
    assert follow_up_of(app.bot_data["sessions"], user).next_day == 3


async def test_a_user_who_blocked_the_bot_gets_no_more_check_ins(app, api):
    user = new_id()
    await tap(app, user, "en", CHECKIN)
    make_due(app, user)
    api.block(user)
    await run_job(app)
    assert [call.params["chat_id"] for call in api.refused] == [user]
    assert follow_up_of(app.bot_data["sessions"], user) is None


async def test_stop_ends_the_check_ins_and_says_so(app, api):
    user = new_id()
    await tap(app, user, "en", CHECKIN)
    await command(app, user, "en", "/stop")
    assert api.sent()[-1]["text"] == text("checkin_stopped", EN)
    assert follow_up_of(app.bot_data["sessions"], user) is None
    await command(app, user, "en", "/stop")
    assert api.sent()[-1]["text"] == text("checkin_none", EN)


@pytest.mark.parametrize("data", ["checkin:", "checkin:" + "x" * 33, "checkin:stock_lecturer:extra:" + "x" * 30])
async def test_tampered_button_data_starts_nothing_and_says_so(app, api, data):
    user = new_id()
    await tap(app, user, "en", data)
    assert api.sent()[-1]["text"] == text("unknown_button", EN)
    assert follow_up_of(app.bot_data["sessions"], user) is None
    assert api.sent("editMessageReplyMarkup") == []


async def test_a_scam_type_the_content_does_not_have_still_starts_the_check_ins(app, api):
    """An old button after a content change (or made-up data): the check-ins do not depend on the scam type."""
    user = new_id()
    await tap(app, user, "en", "checkin:nonsense")
    row = follow_up_of(app.bot_data["sessions"], user)
    assert (row.scam_type, row.next_day) == (None, 1)
    assert api.sent()[-1]["text"] == text("checkin_started", EN, when=shanghai_time(row.next_due))


def test_check_ins_are_counted_from_the_day_so_none_comes_at_night():
    """A tap at night (in the user's region) counts the days from 9:00 there: every check-in comes in the day."""
    shanghai = UserSettings(telegram_id=1, language="zh", region="cn", audience="standard")
    london = UserSettings(telegram_id=2, language="en", region="uk", audience="standard")
    noon_in_shanghai = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai
    assert daytime_start(noon_in_shanghai, shanghai) == noon_in_shanghai
    two_am_in_shanghai = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)  # 02:00 on 1 December in Shanghai
    assert daytime_start(two_am_in_shanghai, shanghai) == datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 09:00 there
    eleven_pm_in_london = datetime(2026, 11, 30, 23, 0, tzinfo=UTC)
    assert daytime_start(eleven_pm_in_london, london) == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
