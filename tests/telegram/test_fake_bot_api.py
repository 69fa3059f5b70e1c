"""The fake Bot API speaks Telegram's protocol well enough for python-telegram-bot's own Bot class."""

from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import NetworkError, RetryAfter


async def test_bot_sends_messages_and_the_fake_records_them(api):
    async with Bot("123:TEST", base_url=api.base_url) as bot:
        me = await bot.get_me()
        message = await bot.send_message(chat_id=42, text="Stop paying now.")
    assert me.username == "anti_fraud_test_bot"
    assert message.text == "Stop paying now." and message.chat.id == 42
    assert api.sent() == [{"chat_id": 42, "text": "Stop paying now."}]


async def test_updates_arrive_through_long_polling_and_confirmed_ones_are_dropped(api):
    user = {"id": 5, "is_bot": False, "first_name": "Lin"}
    message = {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"}, "from": user, "text": "你好"}
    first = api.push_update({"message": message})
    async with Bot("123:TEST", base_url=api.base_url) as bot:
        updates = await bot.get_updates(timeout=1)
        assert [u.message.text for u in updates] == ["你好"]
        assert await bot.get_updates(offset=first + 1, timeout=0) == ()


async def test_a_429_carries_retry_after_and_a_500_is_a_network_error(api):
    api.fail_next("sendMessage", 429, retry_after=2)
    api.fail_next("sendMessage", 500)
    async with Bot("123:TEST", base_url=api.base_url) as bot:
        with pytest.raises(RetryAfter) as too_many:
            await bot.send_message(chat_id=1, text="a")
        with pytest.raises(NetworkError):
            await bot.send_message(chat_id=1, text="b")
        await bot.send_message(chat_id=1, text="c")
    retry_after = too_many.value.retry_after
    assert getattr(retry_after, "total_seconds", lambda: retry_after)() == 2
    assert [p["text"] for p in api.sent()] == ["c"]
