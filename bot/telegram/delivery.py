"""Outgoing messages: Telegram's flood limits, and no reply lost to a Bot API outage or a restart."""

from __future__ import annotations

import asyncio
import json
import logging
import warnings
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from telegram import Bot
from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import AIORateLimiter
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter  # PTB's own conversion of a request's values
from telegram.warnings import PTBUserWarning

from bot.storage import outbox
from bot.telegram.ordering import ChatOrderedUpdateProcessor
from bot.telegram.send_order import RankedLimiter

log = logging.getLogger(__name__)


# How long a message to a user is tried again while Telegram answers 429 or 5xx, times out or cannot be reached.
DELIVERY_SECONDS = 600.0
MAX_BACKOFF_SECONDS = 30.0


def _is_delivery(endpoint: str) -> bool:
    """A message to a user (sent or edited): worth minutes of retrying. Other calls (getChat...) fail fast."""
    return endpoint.startswith(("send", "edit"))


class RetryingRateLimiter(AIORateLimiter):
    """PTB's AIORateLimiter (about 30 messages a second overall, 20 a minute per group; a 429 is waited out for
    its `retry_after`), which also retries a request when the Bot API answers 5xx, times out or cannot be
    reached. A message to a user is tried again with backoff for up to `delivery_seconds` (10 minutes): five
    429s or seven 502s in a row used to drop the warning itself. A warning about a scam in progress must not be
    dropped; a rare duplicate after a timeout whose message did arrive is the lesser harm. Other calls give up
    after `network_retries`.

    Once `keep_in` has given it the database, a message Telegram does not take at the first try is kept there
    (the outbox) until Telegram accepts it or its ten minutes are over. A restart, or a stop while Telegram is
    failing, leaves it there, and `deliver_pending` sends it at the next start. A message that goes through at
    once (nearly all) costs no database write: writing every one before its first try cost four thread hops a
    turn, and a crash in the instant of a first try would lose the update being answered anyway (PTB has
    already taken it from Telegram). SIGTERM lets the turns in hand finish first (runner.py)."""

    def __init__(
        self,
        *,
        overall_max_rate: float = 30,
        network_retries: int = 4,
        first_backoff: float = 0.5,
        delivery_seconds: float = DELIVERY_SECONDS,
        **limits,
    ) -> None:
        # The overall limit is ours (send_order.py: the first message of every turn first); PTB's per-group
        # limits and its waiting out of 429s stay.
        super().__init__(overall_max_rate=0, **limits)
        self._ranked = RankedLimiter(overall_max_rate) if overall_max_rate > 0 else None
        self._network_retries = network_retries
        self._first_backoff = first_backoff
        self._delivery_seconds = delivery_seconds
        self._sessions: sessionmaker[Session] | None = None
        self._stopping: Callable[[], bool] = lambda: False

    def keep_in(self, sessions: sessionmaker[Session], stopping: Callable[[], bool]) -> None:
        """From now on messages to chats go through the outbox. `stopping`: true once the bot is shutting down,
        when a failing message is left in the outbox instead of holding up the stop for minutes."""
        self._sessions = sessions
        self._stopping = stopping

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        """`rate_limit_args`: {"rank": n}, the message's place in its turn (0, the default: the first), or PTB's
        own (how many 429s to wait out)."""
        rank = rate_limit_args.get("rank", 0) if isinstance(rate_limit_args, dict) else 0
        rate_limit_args = None if isinstance(rate_limit_args, dict) else rate_limit_args
        # The message's outbox row once it has one: [row id or None]; None for calls that are not messages.
        kept = [_resending.get()] if _is_delivery(endpoint) else None
        try:
            result = await self._with_retries(callback, args, kwargs, endpoint, data, rate_limit_args, rank, kept)
        except LeftInOutbox:
            raise  # the row stays
        except Exception:
            await self._done(kept)  # refused, or ten minutes of trying are over
            raise
        await self._done(kept)
        return result

    async def _keep(self, endpoint: str, data: dict) -> int | None:
        chat_id = data.get("chat_id")
        if self._sessions is None or not isinstance(chat_id, int):
            return None
        request = RequestData([RequestParameter.from_input(key, value) for key, value in data.items()])
        if request.contains_files:
            return None  # a chart or a file: not worth keeping, and not what a warning is made of
        try:
            parameters = json.dumps(request.parameters, ensure_ascii=False)
            return await asyncio.to_thread(outbox.keep, self._sessions, chat_id, endpoint, parameters, _now())
        except SQLAlchemyError:
            # The message matters more than its safety net: a failing database does not stop it.
            log.exception("could not keep a message in the outbox; sending it anyway")
            return None

    async def _done(self, kept: list[int | None] | None) -> None:
        row = kept[0] if kept else None
        if row is None or self._sessions is None:
            return
        try:
            await asyncio.to_thread(outbox.done, self._sessions, row)
        except SQLAlchemyError:
            log.exception("could not clear outbox row %s; it may be sent again at the next start", row)

    async def _with_retries(self, callback, args, kwargs, endpoint, data, rate_limit_args, rank: int, kept):
        loop = asyncio.get_running_loop()
        deadline = loop.time() + (self._delivery_seconds if _is_delivery(endpoint) else 0.0)
        attempt = 0
        while True:
            try:
                if self._ranked is not None and data.get("chat_id") is not None:
                    await self._ranked.acquire(rank)
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except BadRequest:
                raise  # our request is wrong: sending it again cannot help
            except (NetworkError, RetryAfter) as error:
                wait = min(self._first_backoff * 2**attempt, MAX_BACKOFF_SECONDS)
                if isinstance(error, RetryAfter):  # still limited after the rate limiter's own retries
                    wait = max(wait, error.retry_after.total_seconds() if hasattr(error.retry_after, "total_seconds")
                               else float(error.retry_after))  # fmt: skip
                attempt += 1
                if kept is not None and kept[0] is None:
                    kept[0] = await self._keep(endpoint, data)  # from its first failure on, it survives a restart
                if kept is not None and self._stopping():
                    raise LeftInOutbox(f"{endpoint} kept for the next start: {error}") from error
                if attempt > self._network_retries and loop.time() + wait > deadline:
                    raise
                log.warning("Bot API %s failed (%s); retrying in %.1f s", endpoint, error, wait)
                await asyncio.sleep(wait)


class LeftInOutbox(NetworkError):
    """The bot is stopping while a message cannot get through: it stays in the outbox for the next start (and
    the user is not told that something went wrong: the message is still coming)."""


# The outbox row a message comes from when it is sent again after a restart (instead of a new row).
_resending: ContextVar[int | None] = ContextVar("resending", default=None)


def _now() -> datetime:
    return datetime.now(UTC)


async def deliver_pending(
    bot: Bot, sessions: sessionmaker[Session], processor: ChatOrderedUpdateProcessor
) -> list[asyncio.Task]:
    """Sends, at start, what the last run could not deliver: each chat's messages in their order, before the
    chat's new updates are answered (each task holds the chat's turn); other chats are not held up. Messages
    older than the ten minutes allowed are dropped. Returns the tasks, one per chat."""
    since = _now() - timedelta(seconds=DELIVERY_SECONDS)
    pending = await asyncio.to_thread(outbox.take_pending, sessions, since)
    chats: dict[int, list[outbox.Pending]] = {}
    for row in pending:
        chats.setdefault(row.chat_id, []).append(row)

    async def deliver(chat_id: int, rows: list[outbox.Pending]) -> None:
        async with processor.chat_turn(chat_id):
            for row in rows:
                marker = _resending.set(row.id)
                try:
                    with warnings.catch_warnings():
                        # PTB suggests its named method; the stored request is replayed as it was made.
                        warnings.simplefilter("ignore", PTBUserWarning)
                        await bot.do_api_request(row.endpoint, api_kwargs=json.loads(row.parameters))
                except Exception:
                    log.exception("could not deliver an earlier message to chat %s", chat_id)
                finally:
                    _resending.reset(marker)

    tasks = [asyncio.create_task(deliver(chat_id, rows)) for chat_id, rows in chats.items()]
    await asyncio.sleep(0)  # each task takes its chat's turn now, before the first update can
    if tasks:
        log.info("delivering %d earlier messages to %d chats", len(pending), len(chats))
    return tasks
