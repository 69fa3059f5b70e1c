"""Check-ins after a loss (issue 17): the "Check in on me" button under the stop-loss steps, /stop, and the job
that sends the check-ins due (PTB's JobQueue, every TIP_CHECK_SECONDS seconds, beside the tips).

The schedule lives in the database (bot/storage/follow_ups.py), not in the job queue: after a restart the job
finds what is due, so no check-in is repeated, and of those missed while the bot was down only the latest is
sent. Sends go through the rate limiter like every reply.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot.dialogue.screens import parse_after_loss
from bot.storage import follow_ups
from bot.storage.repository import UserSettings
from bot.telegram.context import BotContext
from bot.telegram.dialogue_handlers import take_off_tapped_button
from bot.telegram.settings_handlers import setting_button
from bot.telegram.tip_handlers import REGION_TIMEZONES

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(UTC)


def _local_time(moment: datetime, user: UserSettings) -> str:
    """A time as the user reads it: in their region's time zone, as tips give it."""
    timezone = ZoneInfo(REGION_TIMEZONES.get(user.region, REGION_TIMEZONES["cn"]))
    return moment.astimezone(timezone).strftime("%Y-%m-%d %H:%M")


# Check-ins come in the day, never at night: the days are counted from the first moment between these local hours.
DAYTIME = (9, 21)


def daytime_start(now: datetime, user: UserSettings) -> datetime:
    """`now`, or, at night in the user's region, the next 9:00 there: every check-in then falls in the day."""
    local = now.astimezone(ZoneInfo(REGION_TIMEZONES.get(user.region, REGION_TIMEZONES["cn"])))
    if DAYTIME[0] <= local.hour < DAYTIME[1]:
        return now
    morning = local.replace(hour=DAYTIME[0], minute=0, second=0, microsecond=0)
    if local.hour >= DAYTIME[1]:
        morning += timedelta(days=1)
    return morning.astimezone(UTC)


async def checkin_button(update: Update, context: BotContext) -> None:
    """"Check in on me" under the stop-loss steps: starts the check-ins (tapped again: they go on as they were)
    and says when the first one comes."""
    query = update.callback_query
    tap = parse_after_loss(query.data, context.content)
    if tap is None or tap[0] != "checkin":
        await setting_button(update, context)  # tampered: the unknown-button reply
        return
    await query.answer()
    user = await context.user()
    # A scam type the content no longer has (an old button) still starts the check-ins: they do not depend on it.
    start = daytime_start(_now(), user)
    schedule = await asyncio.to_thread(follow_ups.start, context.sessions, user.telegram_id, tap[1], start)
    await take_off_tapped_button(query)
    key = "checkin_started" if schedule.started else "checkin_already"
    await update.effective_chat.send_message(context.text(user, key, when=_local_time(schedule.next_due, user)))


async def stop(update: Update, context: BotContext) -> None:
    """/stop: no more check-ins."""
    user = await context.user()
    stopped = await asyncio.to_thread(follow_ups.stop, context.sessions, user.telegram_id)
    await update.effective_message.reply_text(context.text(user, "checkin_stopped" if stopped else "checkin_none"))


def check_in_text(context: BotContext, user: UserSettings, day: int) -> str:
    """The day's check-in, always followed by the warning against the second scam ("I can get your money back")."""
    return context.text(user, f"checkin_day_{day}") + "\n\n" + context.text(user, "checkin_recovery_warning")


async def send_due_follow_ups(context: BotContext) -> None:
    """The job: claims the check-ins due now and sends each; a user who blocked the bot gets no more."""
    sessions = context.sessions
    due = await asyncio.to_thread(follow_ups.claim_due, sessions, _now())
    for check_in in due:
        user = await context.user_by_id(check_in.telegram_id)
        try:
            await context.bot.send_message(check_in.telegram_id, check_in_text(context, user, check_in.day))
        except Forbidden:
            await asyncio.to_thread(follow_ups.stop, sessions, check_in.telegram_id)
        except TelegramError:
            log.exception("a check-in could not be sent")  # retried by the rate limiter already; not sent twice
