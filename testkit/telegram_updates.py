"""Real Telegram updates for the Application under test (as PTB's tests/auxil/build_messages.py does),
and the Application itself wired to a temporary SQLite file and the repo's content."""

from __future__ import annotations

import contextlib
import itertools
import random
from pathlib import Path

from telegram import Update

from bot.content.store import ContentStore
from bot.storage.database import make_engine, make_sessions, upgrade_schema
from bot.telegram.app import build_application
from testkit import ROOT

# Rasa's tracker store outlives a test run (and a session lasts an hour): ids that start afresh each run would
# continue an earlier run's conversations.
_ids = itertools.count(random.SystemRandom().randrange(10**6, 10**9, 10**5))


def sender(user_id: int, language_code: str) -> dict:
    return {"id": user_id, "is_bot": False, "first_name": "Lin", "language_code": language_code}


def new_id() -> int:
    return next(_ids)


def message_update(user_id: int, language_code: str, **fields) -> dict:
    """A private message from the user: text=..., or caption=/photo=/sticker=... fields (no update_id)."""
    who = sender(user_id, language_code)
    message = {"message_id": next(_ids), "date": 0, "chat": {"id": user_id, "type": "private"}, "from": who, **fields}
    return {"message": message}


def command_update(user_id: int, language_code: str, text: str) -> dict:
    entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return message_update(user_id, language_code, text=text, entities=entities)


def tap_update(user_id: int, language_code: str, data: str, message: dict | None = None) -> dict:
    """A tap on an inline button carrying `data` (or any string a tampering client sends), under `message`
    (default: a message without buttons)."""
    message = message or {"message_id": next(_ids), "date": 0, "chat": {"id": user_id, "type": "private"}, "text": "…"}
    who = sender(user_id, language_code)
    query = {"id": str(next(_ids)), "from": who, "chat_instance": "1", "data": data, "message": message}
    return {"callback_query": query}


async def feed(app, update: dict) -> None:
    await app.process_update(Update.de_json({"update_id": next(_ids), **update}, app.bot))


async def say(app, user_id: int, language_code: str, **fields) -> None:
    await feed(app, message_update(user_id, language_code, **fields))


async def command(app, user_id: int, language_code: str, text: str) -> None:
    await feed(app, command_update(user_id, language_code, text))


async def tap(app, user_id: int, language_code: str, data: str, message: dict | None = None) -> None:
    await feed(app, tap_update(user_id, language_code, data, message))


@contextlib.asynccontextmanager
async def running_app(base_url: str, folder: Path, **services):
    """The bot's Application against `base_url` (the fake Bot API), with its own SQLite database."""
    engine = make_engine(f"sqlite:///{folder / 'bot.db'}")
    upgrade_schema(engine)
    # No waiting for a Rasa that is down: these tests see at once what a user sees when it stays down.
    bot_data = {"sessions": make_sessions(engine), "default_region": "cn", "rasa_patience": 0.0, **services}
    if "content" not in bot_data:  # loading and checking content/ takes a second or two: pass it in to share it
        bot_data["content"] = ContentStore(ROOT / "content")
    application = build_application("123:TEST", base_url, bot_data)
    await application.initialize()
    try:
        yield application
    finally:
        await application.shutdown()
        engine.dispose()


def group_message_update(chat_id: int, user_id: int, language_code: str, **fields) -> dict:
    """A message in a family group (chat ids of groups are negative)."""
    who = sender(user_id, language_code)
    chat = {"id": chat_id, "type": "group", "title": "Family"}
    return {"message": {"message_id": next(_ids), "date": 0, "chat": chat, "from": who, **fields}}


def bot_added_update(chat_id: int, user_id: int, language_code: str, status: str = "member") -> dict:
    """The bot's membership in a group changed (added: member; removed: left)."""
    bot = {"id": 1000, "is_bot": True, "first_name": "AntiFraudBot", "username": "anti_fraud_test_bot"}
    old = {"status": "left", "user": bot} if status == "member" else {"status": "member", "user": bot}
    change = {"chat": {"id": chat_id, "type": "group", "title": "Family"}, "from": sender(user_id, language_code),
              "date": 0, "old_chat_member": old, "new_chat_member": {"status": status, "user": bot}}  # fmt: skip
    return {"my_chat_member": change}


def wait_for_more(api, chat_id: int, before: int, predicate, timeout: float = 60) -> list[dict]:
    """Waits until a message after the first `before` satisfies `predicate`; returns the new messages."""
    api.wait_for(lambda a: any(predicate(m) for m in a.sent(chat_id=chat_id)[before:]), timeout=timeout)
    return api.sent(chat_id=chat_id)[before:]


def tapped_message(sent: dict) -> dict:
    """The message as Telegram shows it under the user's tap: the bot's text and its keyboard."""
    chat = {"id": sent["chat_id"], "type": "private"}
    return {"message_id": new_id(), "date": 0, "chat": chat, "text": sent["text"], "reply_markup": sent["reply_markup"]}
