"""The outbox (issue 15, fault 3): a message Telegram does not take at the first try is kept in the database
until Telegram accepts it (one that goes through at once is never written); a stop while Telegram fails leaves
it there, and the next start delivers it first, in order, before that chat's new updates."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import NetworkError
from telegram.ext import ExtBot

from bot.storage import outbox, repository
from bot.storage.models import PendingDelivery
from bot.telegram.delivery import RetryingRateLimiter, deliver_pending
from bot.telegram.ordering import ChatOrderedUpdateProcessor
from testkit.telegram_updates import message_update


def rows(sessions) -> list[PendingDelivery]:
    with sessions() as session:
        return list(session.scalars(select(PendingDelivery).order_by(PendingDelivery.id)))


def outbox_bot(api, sessions, *, stopping=lambda: False, **limits) -> ExtBot:
    limiter = RetryingRateLimiter(first_backoff=0.01, **limits)
    limiter.keep_in(sessions, stopping)
    return ExtBot("123:TEST", base_url=api.base_url, rate_limiter=limiter)


async def test_a_message_is_in_the_outbox_while_telegram_fails_and_gone_once_delivered(api, sessions):
    api.outage("sendMessage")
    async with outbox_bot(api, sessions) as bot:
        sending = asyncio.create_task(bot.send_message(chat_id=7, text="Stop paying."))
        await asyncio.sleep(0.3)
        [kept] = rows(sessions)
        assert (kept.chat_id, kept.endpoint) == (7, "sendMessage")
        assert "Stop paying." in kept.parameters
        api.outage_over("sendMessage")
        await sending
    assert [m["text"] for m in api.sent()] == ["Stop paying."]
    assert rows(sessions) == []


async def test_a_message_that_goes_through_at_once_is_never_written(api, sessions, monkeypatch):
    written = []
    monkeypatch.setattr(outbox, "keep", lambda *args: written.append(args) or 1)
    async with outbox_bot(api, sessions) as bot:
        await bot.send_message(chat_id=7, text="Stop paying.")
    assert written == [] and [m["text"] for m in api.sent()] == ["Stop paying."]


async def test_a_refused_message_is_not_kept(api, sessions):
    api.fail_next("sendMessage", 400)
    async with outbox_bot(api, sessions) as bot:
        with pytest.raises(Exception, match="fake failure 400"):
            await bot.send_message(chat_id=7, text="x")
    assert rows(sessions) == []


async def test_a_stop_while_telegram_fails_leaves_the_messages_for_the_next_start(api, sessions):
    stopping = False
    api.outage("sendMessage")
    buttons = InlineKeyboardMarkup([[InlineKeyboardButton("Real case", callback_data="case:x")]])
    async with outbox_bot(api, sessions, stopping=lambda: stopping) as bot:
        first = asyncio.create_task(bot.send_message(chat_id=7, text="1. Stop paying.", reply_markup=buttons))
        await asyncio.sleep(0.2)
        stopping = True
        with pytest.raises(NetworkError):
            await first  # given up at once, not after ten minutes
        with pytest.raises(NetworkError):
            await bot.send_message(chat_id=7, text="2. Call 110.")
    assert len(rows(sessions)) == 2
    assert api.sent() == []

    # The next start: Telegram works again.
    api.outage_over("sendMessage")
    processor = ChatOrderedUpdateProcessor()
    async with outbox_bot(api, sessions) as bot:
        tasks = await deliver_pending(bot, sessions, processor)
        await asyncio.gather(*tasks)
    sent = api.sent(chat_id=7)
    assert [m["text"] for m in sent] == ["1. Stop paying.", "2. Call 110."]
    assert sent[0]["reply_markup"] == {"inline_keyboard": [[{"text": "Real case", "callback_data": "case:x"}]]}
    assert rows(sessions) == []  # delivered once, not again at the start after


async def test_the_chats_new_updates_wait_for_its_earlier_messages(api, sessions):
    now = datetime.now(UTC)
    outbox.keep(sessions, 7, "sendMessage", '{"chat_id": 7, "text": "earlier"}', now)
    api.fail_next("sendMessage", 502, delay=0.3)  # the earlier message takes a while to get through
    processor = ChatOrderedUpdateProcessor()
    async with outbox_bot(api, sessions) as bot:
        tasks = await deliver_pending(bot, sessions, processor)

        async def answer_new_message() -> None:
            await bot.send_message(chat_id=7, text="reply to a new message")

        update = Update.de_json({"update_id": 1, **message_update(7, "en", text="hi")}, Bot("1:A"))
        await processor.process_update(update, answer_new_message())
        await asyncio.gather(*tasks)
    assert [m["text"] for m in api.sent(chat_id=7)] == ["earlier", "reply to a new message"]


async def test_messages_past_their_ten_minutes_are_dropped_not_sent(api, sessions):
    outbox.keep(sessions, 7, "sendMessage", '{"chat_id": 7, "text": "stale"}', datetime.now(UTC) - timedelta(hours=1))
    async with outbox_bot(api, sessions) as bot:
        tasks = await deliver_pending(bot, sessions, ChatOrderedUpdateProcessor())
    assert tasks == []
    assert api.sent() == []
    assert rows(sessions) == []


def test_forget_deletes_the_users_undelivered_messages(sessions):
    now = datetime.now(UTC)
    outbox.keep(sessions, 7, "sendMessage", '{"chat_id": 7, "text": "mine"}', now)
    outbox.keep(sessions, 8, "sendMessage", '{"chat_id": 8, "text": "someone else"}', now)
    repository.forget_user(sessions, 7)
    assert [row.chat_id for row in rows(sessions)] == [8]
