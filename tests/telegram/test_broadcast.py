"""/broadcast core: every subscriber once, in their language, at Telegram's pace, with counts; users who
blocked the bot are marked and skipped next time. Against the fake Bot API over HTTP with the bot's own rate
limiter, on SQLite."""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, insert
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.broadcast import BroadcastResult, broadcast
from bot.storage import subscriptions
from bot.storage.database import make_engine, make_sessions, upgrade_schema
from bot.storage.models import Subscription, User
from bot.storage.subscriptions import count_blocked, recipients
from bot.telegram.delivery import RetryingRateLimiter

TEXTS = {
    "en": "<b>New scam:</b> fake parcel fees. Never pay by link.",
    "zh": "<b>新骗局：</b>假快递补费，切勿点链接付款。",
}


@pytest.fixture
def db(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'bot.db'}")
    upgrade_schema(engine)
    yield make_sessions(engine)
    engine.dispose()


def add_subscribers(sessions, languages: dict[int, str | None], blocked: set[int] = frozenset()) -> None:
    """Subscribed users in bulk; language None: no settings row (the broadcast falls back to English)."""
    now = datetime.now(UTC)
    with sessions.begin() as session:
        users = [{"telegram_id": i, "language": lang} for i, lang in languages.items() if lang is not None]
        session.execute(insert(User), users)
        session.execute(
            insert(Subscription),
            [{"telegram_id": i, "frequency": "daily", "hour": 9, "timezone": "Asia/Shanghai", "next_due": now,
              "tips_sent": 0, "blocked": i in blocked} for i in languages],
        )  # fmt: skip


def fullest_bucket(times: list[float], rate: float) -> float:
    """The most a leaky bucket draining `rate` a second holds when each send adds one: the burst it needed."""
    level = fullest = 0.0
    for before, now in zip([times[0], *times], times):
        level = max(level - (now - before) * rate, 0.0) + 1
        fullest = max(fullest, level)
    return fullest


class TimedRequest(HTTPXRequest):
    """PTB's HTTP client, noting when each sendMessage is sent: the moment the rate limiter let it go."""

    def __init__(self) -> None:
        super().__init__()
        self.sends: list[float] = []

    async def do_request(self, url: str, method: str, *args, **kwargs) -> tuple[int, bytes]:
        if url.endswith("/sendMessage"):
            self.sends.append(time.monotonic())
        return await super().do_request(url, method, *args, **kwargs)


async def test_500_subscribers_at_the_rate_limit_with_blocked_users_marked_and_skipped(api, db):
    ids = range(10_001, 10_501)
    languages = {i: "zh" if i % 3 == 0 else "en" for i in ids}
    for i in list(ids)[-10:]:
        languages[i] = None  # subscribed without a settings row
    already_blocked = set(list(ids)[100:105])  # marked in an earlier broadcast or tip
    blocking = set(list(ids)[7::25])  # 20 users who blocked the bot since
    assert len(blocking) == 20 and not blocking & already_blocked
    add_subscribers(db, languages, blocked=already_blocked)
    with db.begin() as session:
        session.add(User(telegram_id=42, language="en"))  # has settings but never subscribed: gets nothing
    for chat_id in blocking:
        api.block(chat_id)

    reports: list[tuple[BroadcastResult, int, int]] = []

    async def progress(result: BroadcastResult, done: int, total: int) -> None:
        reports.append((result, done, total))

    # As in production (bot/telegram/app.py): PTB's AIORateLimiter defaults, 30 messages a second overall.
    limiter, request = RetryingRateLimiter(max_retries=3), TimedRequest()
    async with ExtBot("123:TEST", base_url=api.base_url, rate_limiter=limiter, request=request) as bot:
        result = await broadcast(bot, db, TEXTS, progress=progress)

    assert result == BroadcastResult(sent=475, failed=0, blocked=20, skipped=5)

    # Each subscriber once, in their language (English without a settings row), as HTML; nobody else.
    delivered = api.sent()
    expected = set(ids) - already_blocked - blocking
    assert Counter(m["chat_id"] for m in delivered) == Counter(expected)
    for message in delivered:
        assert message["text"] == TEXTS[languages[message["chat_id"]] or "en"]
        assert message["parse_mode"] == "HTML"
    assert sorted(c.params["chat_id"] for c in api.refused) == sorted(blocking)  # tried once each

    # Progress: every 25 sends with the counts so far, then the final count with done == total.
    total = 500 - len(already_blocked)
    assert [done for _, done, _ in reports] == [*range(25, total, 25), total]
    assert all(t == total and r.sent + r.failed + r.blocked == done for r, done, t in reports)
    assert reports[-1][0] == result

    # The rate limit held. PTB's limiter is a leaky bucket (aiolimiter): up to 30 sends at once, and room for
    # one more every 1/30 s. So the sends are replayed through such a bucket: it must never hold more than 30,
    # which is to say no window of w seconds held more than 30 + 30·w sends. (A plain "at most 30 in any
    # 1-second window" does not hold even for a correct sender: the first second carries the burst, up to 60,
    # and after the event loop stalls, say for a garbage collection, the bucket lets a few sends catch up.)
    # Timed as they left the client: arrival times at the fake add HTTP and thread-scheduling jitter, which on
    # a loaded machine bunches arrivals by tens of milliseconds. 31: a little room for the time noted a moment
    # after the limiter's own clock reading.
    assert len(request.sends) == total  # no send retried, none bypassing the limiter
    assert fullest_bucket(sorted(request.sends), rate=30) <= 31
    # End to end, 30 a second on average: by the fake's clock the 465 sends after the burst took at least
    # 465/30 = 15.5 s (less 0.3 s: a slow start drains the bucket while the burst goes out, and jitter).
    arrivals = sorted([c.at for c in api.calls if c.method == "sendMessage"] + [c.at for c in api.refused])
    assert len(arrivals) == total and arrivals[-1] - arrivals[0] >= (total - 30) / 30 - 0.3

    # The 20 are marked now; the next broadcast skips all 25 without trying them again.
    assert all(subscriptions.subscription_of(db, i).blocked for i in blocking)
    assert count_blocked(db) == 25 and not {i for i, _ in recipients(db)} & (blocking | already_blocked)
    keep = set(list(ids)[1:6]) | blocking | already_blocked  # a small second broadcast: 5 to send, 25 to skip
    with db.begin() as session:
        session.execute(delete(Subscription).where(Subscription.telegram_id.not_in(keep)))
    async with ExtBot("123:TEST", base_url=api.base_url, rate_limiter=RetryingRateLimiter(max_retries=3)) as bot:
        again = await broadcast(bot, db, TEXTS)
    assert again == BroadcastResult(sent=5, failed=0, blocked=0, skipped=25)
    assert len(api.refused) == 20


async def test_other_errors_are_counted_as_failed_and_a_failing_progress_does_not_stop_it(api, db):
    add_subscribers(db, {1: "en", 2: "zh", 3: "fr", 4: "en", 5: "zh"})  # "fr": no such text, English instead
    api.fail_next("sendMessage", 400)  # a bad request: not retried, counted as failed
    api.fail_next("sendMessage", 500)  # a passing 5xx: retried by the rate limiter, then sent
    dones: list[int] = []

    async def progress(result: BroadcastResult, done: int, total: int) -> None:
        dones.append(done)
        raise RuntimeError("the progress message was deleted")

    limiter = RetryingRateLimiter(first_backoff=0.01)
    async with ExtBot("123:TEST", base_url=api.base_url, rate_limiter=limiter) as bot:
        result = await broadcast(bot, db, TEXTS, progress=progress, progress_every=2)

    assert result == BroadcastResult(sent=4, failed=1, blocked=0, skipped=0)
    assert dones == [2, 4, 5]
    language = {1: "en", 2: "zh", 3: "en", 4: "en", 5: "zh"}
    assert all(m["text"] == TEXTS[language[m["chat_id"]]] for m in api.sent()) and len(api.sent()) == 4
    assert count_blocked(db) == 0  # a failure is not a block


async def test_nobody_subscribed_sends_nothing_and_still_reports(api, db):
    reports = []

    async def progress(result, done, total):
        reports.append((result, done, total))

    async with ExtBot("123:TEST", base_url=api.base_url, rate_limiter=RetryingRateLimiter()) as bot:
        assert await broadcast(bot, db, TEXTS, progress=progress) == BroadcastResult()
    assert reports == [(BroadcastResult(), 0, 0)] and api.sent() == []
