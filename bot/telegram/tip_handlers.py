"""/subscribe and /unsubscribe, and the job that sends due tips (PTB's JobQueue, every TIP_CHECK_SECONDS seconds).

The schedule lives in the database (bot/storage/subscriptions.py), not in the job queue: after a restart the
job finds what is due, so no tip is repeated or missed. Sends go through the rate limiter like every reply.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import Forbidden, TelegramError

from bot.content.render import render
from bot.storage import subscriptions
from bot.telegram.context import BotContext, reader_of
from common.labels import SCAM_TYPES

log = logging.getLogger(__name__)

# The time zone of each region the bot serves: tips come at the hour the user picked, their time.
REGION_TIMEZONES = {
    "cn": "Asia/Shanghai", "hk": "Asia/Hong_Kong", "tw": "Asia/Taipei", "sg": "Asia/Singapore",
    "uk": "Europe/London", "us": "America/New_York", "au": "Australia/Sydney",
}  # fmt: skip
# Button -> (frequency, local hour), with its label in content/messages.yml.
CHOICES = {"sub:daily:9": ("daily", 9), "sub:daily:20": ("daily", 20), "sub:weekly:9": ("weekly", 9)}
LABELS = {data: "subscribe_" + data.removeprefix("sub:").replace(":", "_") for data in CHOICES}


def _chosen(args: list[str]) -> tuple[str, int] | None:
    """`/subscribe daily 7` or `/subscribe weekly 18`: a frequency and a local hour, or None."""
    if len(args) == 2 and args[0] in subscriptions.PERIODS and args[1].isdecimal() and 0 <= int(args[1]) <= 23:
        return args[0], int(args[1])
    return None


async def _subscribe(update: Update, context: BotContext, frequency: str, hour: int) -> str:
    """Saves the subscription; returns the confirmation in the user's language."""
    user = await context.user()
    timezone = REGION_TIMEZONES.get(user.region, REGION_TIMEZONES["cn"])
    due = await asyncio.to_thread(
        subscriptions.subscribe, context.sessions, user.telegram_id, frequency, hour, timezone, _now()
    )
    when = due.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M")
    return context.text(user, "subscribed", when=when)


async def subscribe(update: Update, context: BotContext) -> None:
    """/subscribe: buttons for how often; or `/subscribe daily|weekly HOUR` directly."""
    chosen = _chosen(context.args or [])
    if chosen:
        await update.effective_message.reply_text(await _subscribe(update, context, *chosen))
        return
    user = await context.user()
    rows = [[InlineKeyboardButton(context.label(user, LABELS[data]), callback_data=data)] for data in CHOICES]
    await update.effective_message.reply_text(
        context.text(user, "subscribe_choose"), reply_markup=InlineKeyboardMarkup(rows)
    )


async def subscribe_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    await query.answer()
    await query.edit_message_text(await _subscribe(update, context, *CHOICES[query.data]))


async def unsubscribe(update: Update, context: BotContext) -> None:
    user = await context.user()
    removed = await asyncio.to_thread(subscriptions.unsubscribe, context.sessions, user.telegram_id)
    await update.effective_message.reply_text(context.text(user, "unsubscribed" if removed else "not_subscribed"))


def _now() -> datetime:
    return datetime.now(UTC)


async def send_due_tips(context: BotContext) -> None:
    """The job: claims the tips due now and sends each; a user who blocked the bot is marked and skipped."""
    sessions = context.sessions
    due = await asyncio.to_thread(subscriptions.claim_due, sessions, _now())
    content = context.content
    for tip in due:
        user = await context.user_by_id(tip.telegram_id)
        scam_type = SCAM_TYPES[tip.number % len(SCAM_TYPES)]
        case_index = tip.number // len(SCAM_TYPES)
        try:
            for message in render(content, "tip", scam_type=scam_type, reader=reader_of(user), case_index=case_index):
                await context.bot.send_message(tip.telegram_id, message)
        except Forbidden:
            await asyncio.to_thread(subscriptions.mark_blocked, sessions, tip.telegram_id)
        except TelegramError:
            log.exception("a tip could not be sent")  # retried by the rate limiter already; not sent twice
