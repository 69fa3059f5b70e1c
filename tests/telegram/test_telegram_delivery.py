"""Ordering of incoming updates per chat, and retries of outgoing requests, without the rest of the bot."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot, Update
from telegram.error import BadRequest, NetworkError
from telegram.ext import ExtBot

from bot.telegram.delivery import RetryingRateLimiter
from bot.telegram.ordering import ChatOrderedUpdateProcessor
from testkit.telegram_updates import message_update


def update_in(chat_id: int, update_id: int) -> Update:
    return Update.de_json({"update_id": update_id, **message_update(chat_id, "en", text="hi")}, Bot("1:A"))


async def test_one_chat_in_order_while_another_chat_is_not_held_up():
    processor = ChatOrderedUpdateProcessor()
    finished: list[str] = []

    async def handle(name: str, seconds: float) -> None:
        await asyncio.sleep(seconds)
        finished.append(name)

    async with processor:
        await asyncio.gather(
            processor.process_update(update_in(1, 1), handle("chat 1, first (slow)", 0.3)),
            processor.process_update(update_in(1, 2), handle("chat 1, second", 0)),
            processor.process_update(update_in(2, 3), handle("chat 2", 0)),
        )
    assert finished == ["chat 2", "chat 1, first (slow)", "chat 1, second"]
    assert processor.busy_chats == 0  # no lock kept for chats that are done


async def test_a_flood_from_one_chat_does_not_take_the_slots_another_chat_needs():
    """600 queued messages of one chat held all of PTB's slots while they waited for their chat's turn, and
    another user's first reply waited 57 s (issue 15). Here 2 slots, 50 queued updates of chat 1."""
    processor = ChatOrderedUpdateProcessor(max_concurrent_updates=2)
    started: list[str] = []

    async def handle(name: str) -> None:
        started.append(name)
        await asyncio.sleep(0.01)

    async with processor:
        flood = [processor.process_update(update_in(1, n), handle(f"chat 1, {n}")) for n in range(50)]
        tasks = [asyncio.create_task(c) for c in flood]
        await asyncio.sleep(0)  # the flood is queued first
        await processor.process_update(update_in(2, 99), handle("chat 2"))
        await asyncio.gather(*tasks)
    # Chat 2 went next to chat 1's first update, not after its backlog; chat 1 kept its order.
    assert started.index("chat 2") <= 1
    assert [name for name in started if name != "chat 2"] == [f"chat 1, {n}" for n in range(50)]


async def test_updates_without_a_chat_are_processed_too():
    processor = ChatOrderedUpdateProcessor()
    done = asyncio.Event()

    async def handle() -> None:
        done.set()

    await processor.process_update(object(), handle())
    assert done.is_set()


async def test_a_500_is_retried_until_the_message_goes_through(api):
    api.fail_next("sendMessage", 500)
    api.fail_next("sendMessage", 502)
    limiter = RetryingRateLimiter(first_backoff=0.01)
    async with ExtBot("123:TEST", base_url=api.base_url, rate_limiter=limiter) as bot:
        await bot.send_message(chat_id=7, text="Stop paying.")
    assert [m["text"] for m in api.sent()] == ["Stop paying."]


async def test_a_bad_request_is_not_sent_again_and_the_error_reaches_the_caller(api):
    api.fail_next("sendMessage", 400)
    limiter = RetryingRateLimiter(first_backoff=0.01)
    async with ExtBot("123:TEST", base_url=api.base_url, rate_limiter=limiter) as bot:
        with pytest.raises(BadRequest):
            await bot.send_message(chat_id=7, text="x")
    assert api.sent() == []


@pytest.mark.parametrize(("status", "times"), [(429, 5), (502, 7)])
async def test_a_warning_outlasts_a_run_of_telegram_errors(api, status, times):
    """Five 429s or seven 502s in a row used to drop the warning itself (issue 15): a message is tried again,
    with backoff, for up to ten minutes."""
    for _ in range(times):
        api.fail_next("sendMessage", status, retry_after=0 if status == 429 else None)
    limiter = RetryingRateLimiter(first_backoff=0.01, max_retries=1)
    async with ExtBot("123:TEST", base_url=api.base_url, rate_limiter=limiter) as bot:
        await bot.send_message(chat_id=7, text="Stop paying.")
    assert [m["text"] for m in api.sent()] == ["Stop paying."]


async def test_other_calls_give_up_after_their_retries(api):
    for _ in range(3):
        api.fail_next("getChat", 500)
    limiter = RetryingRateLimiter(network_retries=2, first_backoff=0.01)
    async with ExtBot("123:TEST", base_url=api.base_url, rate_limiter=limiter) as bot:
        with pytest.raises(NetworkError):
            await bot.get_chat(7)


async def test_retries_end_and_the_error_reaches_the_caller(api):
    for _ in range(3):
        api.fail_next("sendMessage", 500)
    limiter = RetryingRateLimiter(network_retries=2, first_backoff=0.01, delivery_seconds=0)
    async with ExtBot("123:TEST", base_url=api.base_url, rate_limiter=limiter) as bot:
        with pytest.raises(NetworkError):
            await bot.send_message(chat_id=7, text="x")
        await bot.send_message(chat_id=7, text="next")
    assert [m["text"] for m in api.sent()] == ["next"]


async def test_under_a_backlog_every_turns_first_message_goes_before_later_ones(api):
    """Issue 16: with Telegram's send limit the bottleneck, the first message of each turn (rank 0) overtakes
    the later messages of earlier turns that are still waiting."""
    # One send a second: after the first, each later one waits a whole second, so the test's own timing (a slow
    # machine, a first HTTP call that takes a while) cannot decide the order.
    limiter = RetryingRateLimiter(overall_max_rate=1)
    async with ExtBot("123:TEST", base_url=api.base_url, rate_limiter=limiter) as bot:

        def send(chat_id: int, text: str, rank: int):
            return asyncio.create_task(bot.send_message(chat_id, text, rate_limit_args={"rank": rank}))

        backlog = [send(chat, f"later {chat}", 1) for chat in range(1, 5)]  # one goes at once, three wait
        while not api.sent():
            await asyncio.sleep(0.01)
        firsts = [send(chat, f"first {chat}", 0) for chat in range(21, 23)]
        await asyncio.gather(*backlog, *firsts)
    order = [m["text"] for m in api.sent()]
    # The waiting first messages overtake the waiting later ones; first come, first served within a rank.
    assert order == ["later 1", "first 21", "first 22", "later 2", "later 3", "later 4"], order
