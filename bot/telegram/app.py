"""Builds the python-telegram-bot Application the way PTB's maintainers build theirs (rules-bot)."""

from __future__ import annotations

import logging

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    filters,
)

from bot.telegram import dialogue_handlers, settings_handlers

log = logging.getLogger(__name__)


async def error_handler(update: object, context) -> None:
    """Logs the error and tells the user something went wrong, without internals."""
    log.error("update %s failed", getattr(update, "update_id", "?"), exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        await context.bot.send_message(
            update.effective_chat.id, "Sorry, something went wrong. Please try again. / 抱歉，出了点问题，请再试一次。"
        )


def build_application(token: str, base_url: str, bot_data: dict) -> Application:
    """`bot_data` carries the shared services: content (ContentStore), sessions (SQLAlchemy), rasa (RasaClient),
    default_region."""
    application = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        # Telegram's limits (about 30 messages a second overall, 1 per second per chat) on every send.
        .rate_limiter(AIORateLimiter(max_retries=3))
        .build()
    )
    application.bot_data.update(bot_data)

    # Handlers in the order Telegram updates should meet them.
    # 1. Commands.
    application.add_handler(CommandHandler("start", settings_handlers.start))
    application.add_handler(CommandHandler("help", settings_handlers.help_command))
    application.add_handler(CommandHandler("privacy", settings_handlers.privacy))
    application.add_handler(CommandHandler("report", settings_handlers.report))
    application.add_handler(CommandHandler("language", settings_handlers.language))
    application.add_handler(CommandHandler("region", settings_handlers.region))
    application.add_handler(CommandHandler("simple", settings_handlers.simple))
    # 2. Buttons: answers to the money question, then every other callback query (ours or tampered) goes
    #    to one parser that refuses the unknown.
    money_answers = r"^money:(paid|not_paid|unsure)$"
    application.add_handler(CallbackQueryHandler(dialogue_handlers.money_button, pattern=money_answers))
    application.add_handler(CallbackQueryHandler(settings_handlers.setting_button))
    # 3. New private messages (edits are ignored on purpose: the original was already answered).
    private = filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE
    #    Text, forwarded text and captions: the conversation through Rasa.
    readable = private & (filters.TEXT | filters.CAPTION) & ~filters.COMMAND
    application.add_handler(MessageHandler(readable, dialogue_handlers.message))
    #    Commands the bot does not have, then anything else (photo, voice, sticker, location...).
    application.add_handler(MessageHandler(private & filters.COMMAND, settings_handlers.unknown_command))
    application.add_handler(MessageHandler(private, settings_handlers.unsupported))
    # 4. Errors.
    application.add_error_handler(error_handler)
    return application
