"""The context every handler receives: the bot's services by name instead of `bot_data["…"]` lookups.

PTB's pattern for this is a CallbackContext subclass registered through ContextTypes (its contexttypesbot
example). The services themselves stay in `bot_data`, where runner.py puts them at start-up.
"""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import Application, CallbackContext, ExtBot

from bot.content.model import Content
from bot.content.render import Audience, label, message
from bot.content.store import ContentStore
from bot.content.versions import ContentVersions
from bot.dialogue.turn import PATIENCE_SECONDS
from bot.rasa_client import RasaClient
from bot.storage import repository
from bot.storage.repository import UserSettings
from common.rasa_api import DEFAULT_RETENTION_DAYS


def language_for(telegram_language: str | None) -> str:
    """A new user's (or a group's) language from their Telegram app: Chinese for any zh variant, else English."""
    return "zh" if (telegram_language or "").lower().startswith("zh") else "en"


def reader_of(user: UserSettings) -> Audience:
    """Whom a reply is written for: the user's language, simple or standard wording, and region."""
    return Audience(user.language, user.audience, user.region)


def conversation_id(user: UserSettings) -> str:
    """The user's conversation in Rasa's tracker store."""
    return f"telegram-{user.telegram_id}"


class BotContext(CallbackContext[ExtBot, dict, dict, dict]):
    def __init__(self, application: Application, chat_id: int | None = None, user_id: int | None = None):
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self._update: Update | None = None

    @classmethod
    def from_update(cls, update: object, application: Application) -> BotContext:
        context = super().from_update(update, application)
        if isinstance(update, Update):
            context._update = update
        return context

    @property
    def content_store(self) -> ContentStore:
        return self.bot_data["content"]

    @property
    def content(self) -> Content:
        """The content live now; a handler reads it once, so one reply never mixes two versions."""
        return self.bot_data["content"].current

    @property
    def sessions(self):
        """SQLAlchemy's sessionmaker for the bot's database."""
        return self.bot_data["sessions"]

    @property
    def nlu(self) -> RasaClient:
        return self.bot_data["rasa"]

    @property
    def rasa_patience(self) -> float:
        """How long a message waits for a Rasa server that cannot be reached (RASA_PATIENCE_SECONDS)."""
        return self.bot_data.get("rasa_patience", PATIENCE_SECONDS)

    @property
    def retention_days(self) -> int:
        """Days the dialogue engine keeps what users wrote (CONVERSATION_RETENTION_DAYS), for the privacy text."""
        return self.bot_data.get("retention_days", DEFAULT_RETENTION_DAYS)

    @property
    def default_region(self) -> str:
        return self.bot_data["default_region"]

    @property
    def admin_ids(self) -> frozenset[int]:
        return self.bot_data.get("admin_ids", frozenset())

    @property
    def content_versions(self) -> ContentVersions:
        return self.bot_data["content_versions"]

    async def user(self) -> UserSettings:
        """The settings of the person who sent this update (created with their app's language if new)."""
        sender = self._update.effective_user
        return await asyncio.to_thread(
            repository.get_or_create_user,
            self.sessions,
            sender.id,
            language=language_for(sender.language_code),
            region=self.default_region,
        )

    async def user_by_id(self, telegram_id: int) -> UserSettings:
        """Another user's settings (a linked relative or older user), to write to them in their language."""
        return await asyncio.to_thread(
            repository.get_or_create_user, self.sessions, telegram_id, region=self.default_region
        )

    async def save_user(self, user: UserSettings, **changes) -> UserSettings:
        """Changes a user's settings; returns them as stored."""
        return await asyncio.to_thread(repository.update_user, self.sessions, user.telegram_id, **changes)

    def label(self, user: UserSettings, key: str, **values: str) -> str:
        """A text from content/messages.yml in the user's language and audience, as plain text (button labels,
        captions), with its {placeholders} filled."""
        return label(self.content, key, reader_of(user), **values)

    def text(self, user: UserSettings, key: str, **values: str) -> str:
        """A message from content/messages.yml in the user's language and audience, escaped for HTML, with its
        {placeholders} filled (values escaped too)."""
        return message(self.content, key, reader_of(user), **values)
