"""/broadcast: one announcement to every subscribed user, in their language.

Sends go through the bot's rate limiter (bot/telegram/delivery.py: Telegram's flood limits, 429s waited out,
5xx and timeouts retried); this module adds no pacing of its own. A few sends are kept in flight at once so
the limiter, not a request's round trip, sets the pace. A user who blocked the bot is marked in the database
and skipped by every later broadcast and tip, until they subscribe again.

The Telegram command and its confirmation buttons live in the handlers; they call `broadcast` with a
`progress` callback that edits a progress message.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError

from bot.storage import subscriptions

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"  # a subscriber in a language the texts lack
CONCURRENCY = 20  # sends in flight at once: enough to keep the rate limiter (30 a second) busy


@dataclass
class BroadcastResult:
    sent: int = 0
    failed: int = 0  # any other Bot API error, after the rate limiter's own retries
    blocked: int = 0  # answered "Forbidden" (blocked the bot, deactivated): marked, skipped from now on
    skipped: int = 0  # already marked blocked before this broadcast: not tried


# progress(result so far, recipients done, recipients in all)
Progress = Callable[[BroadcastResult, int, int], Awaitable[object]]


async def broadcast(
    bot: Bot,
    sessions: sessionmaker[Session],
    texts: dict[str, str],
    *,
    progress: Progress | None = None,
    progress_every: int = 25,
) -> BroadcastResult:
    """Sends `texts[language]` (HTML) to each subscriber and returns the counts. `progress(result, done, total)`
    is awaited about every `progress_every` sends and once at the end with done == total."""
    targets = await asyncio.to_thread(subscriptions.recipients, sessions)
    result = BroadcastResult(skipped=await asyncio.to_thread(subscriptions.count_blocked, sessions))
    # Each user's text chosen before anything is sent: a missing text fails here (KeyError), not halfway.
    messages = [(telegram_id, texts.get(language) or texts[DEFAULT_LANGUAGE]) for telegram_id, language in targets]
    total, done = len(messages), 0
    pending = iter(messages)  # shared by the workers: each recipient is taken exactly once
    reporting = asyncio.Lock()

    async def report() -> None:
        # A progress edit is cosmetic: its failure must not stop the broadcast. A copy of the counts, so the
        # callback sees numbers that match `done` even while the other workers go on.
        try:
            await progress(dataclasses.replace(result), done, total)
        except Exception:
            log.exception("broadcast progress could not be reported")

    async def worker() -> None:
        nonlocal done
        for telegram_id, text in pending:
            try:
                await bot.send_message(telegram_id, text, parse_mode=ParseMode.HTML)
                result.sent += 1
            except Forbidden:
                await asyncio.to_thread(subscriptions.mark_blocked, sessions, telegram_id)
                result.blocked += 1  # counted once marked: no await between a count and `done`, so they agree
            except TelegramError as error:
                result.failed += 1  # already retried by the rate limiter where retrying can help
                log.warning("broadcast to %s failed: %s", telegram_id, error)
            done += 1
            # Reports are not queued up behind a slow one: if one is still running, the next due one shows
            # the newer count. This worker alone waits for its report; the others keep sending.
            if progress and done % progress_every == 0 and done < total and not reporting.locked():
                async with reporting:
                    await report()

    # A TaskGroup: an unexpected error in one worker cancels the others and reaches the caller.
    async with asyncio.TaskGroup() as workers:
        for _ in range(min(CONCURRENCY, total)):
            workers.create_task(worker())
    if progress:
        await report()  # the final count, done == total
    log.info("broadcast: %s", result)
    return result
