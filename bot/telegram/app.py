"""Builds the python-telegram-bot Application the way PTB's maintainers build theirs (rules-bot)."""

from __future__ import annotations

import logging

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    filters,
)

from bot.telegram import (
    admin_handlers,
    dialogue_handlers,
    group_handlers,
    guardian_handlers,
    learning_handlers,
    privacy_handlers,
    settings_handlers,
    tip_handlers,
)
from bot.telegram.callbacks import FORGET_NO, FORGET_YES
from bot.telegram.delivery import RetryingRateLimiter
from bot.telegram.ordering import ChatOrderedUpdateProcessor

log = logging.getLogger(__name__)


async def error_handler(update: object, context) -> None:
    """Logs the error and tells the user something went wrong, without internals."""
    log.error("update %s failed", getattr(update, "update_id", "?"), exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        await context.bot.send_message(
            update.effective_chat.id, "Sorry, something went wrong. Please try again. / 抱歉，出了点问题，请再试一次。"
        )


def build_application(
    token: str, base_url: str, bot_data: dict, post_init=None, post_shutdown=None, send_rate: float = 30
) -> Application:
    """`bot_data` carries the shared services: content (ContentStore), sessions (SQLAlchemy), rasa (RasaClient),
    default_region. `post_init` / `post_shutdown` open and close the ones that need the running event loop.
    `send_rate`: messages a second over all chats (Telegram's limit is about 30; 0: no overall limit)."""
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        # Files (a trainer's content upload) come from the same server: .../bot -> .../file/bot.
        .base_file_url(base_url.removesuffix("bot") + "file/bot")
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        # Telegram's flood limits on every send, 429s waited out, 5xx and timeouts retried.
        .rate_limiter(RetryingRateLimiter(max_retries=3, overall_max_rate=send_rate))
        # Chats side by side, each chat's updates in order.
        .concurrent_updates(ChatOrderedUpdateProcessor())
    )
    if post_init:
        builder = builder.post_init(post_init)
    if post_shutdown:
        builder = builder.post_shutdown(post_shutdown)
    application = builder.build()
    application.bot_data.update(bot_data)

    # Handlers in the order Telegram updates should meet them.
    # 1. Commands.
    #    /start with a payload is a relative's family link (t.me/<bot>?start=CODE); plain /start welcomes.
    application.add_handler(CommandHandler("start", guardian_handlers.start_with_code, has_args=True))
    application.add_handler(CommandHandler("start", settings_handlers.start))
    application.add_handler(CommandHandler("help", settings_handlers.help_command))
    application.add_handler(CommandHandler("privacy", settings_handlers.privacy))
    application.add_handler(CommandHandler("report", settings_handlers.report))
    application.add_handler(CommandHandler("language", settings_handlers.language))
    application.add_handler(CommandHandler("region", settings_handlers.region))
    application.add_handler(CommandHandler("simple", settings_handlers.simple))
    application.add_handler(CommandHandler("forget", privacy_handlers.forget))
    #    Guardian link between a relative and an older user.
    application.add_handler(CommandHandler("guardian", guardian_handlers.guardian))
    application.add_handler(CommandHandler("link", guardian_handlers.link))
    application.add_handler(CommandHandler("family", guardian_handlers.family))
    #    Lessons, quiz and tips by subscription.
    application.add_handler(CommandHandler("lessons", learning_handlers.lessons))
    application.add_handler(CommandHandler("quiz", learning_handlers.quiz))
    application.add_handler(CommandHandler("subscribe", tip_handlers.subscribe))
    application.add_handler(CommandHandler("unsubscribe", tip_handlers.unsubscribe))
    #    Trainers only (ADMIN_IDS); everyone else is told "not allowed".
    application.add_handler(CommandHandler("stats", admin_handlers.stats_command))
    application.add_handler(CommandHandler("reload", admin_handlers.reload_command))
    application.add_handler(CommandHandler("content_versions", admin_handlers.content_versions))
    application.add_handler(CommandHandler("rollback", admin_handlers.rollback))
    application.add_handler(CommandHandler("broadcast", admin_handlers.broadcast_command))
    #    Family groups: how talkative the bot is, and how to make it leave.
    application.add_handler(CommandHandler("quiet", group_handlers.quiet))
    application.add_handler(CommandHandler("loud", group_handlers.loud))
    application.add_handler(CommandHandler("leave", group_handlers.leave))
    # 2. Buttons, by the prefix of their data: the money question, the warning signs, /forget's confirmation;
    #    then every other callback query (settings, or tampered) goes to a parser that refuses the unknown.
    #    Each handler checks the whole payload again: a prefix is not proof the data is ours.
    #    (Order: money, signs, forget, family consent, unlink, lessons, quiz, content upload, broadcast, subscription.)
    money_answers = r"^money:(paid|not_paid|unsure)$"
    application.add_handler(CallbackQueryHandler(dialogue_handlers.money_button, pattern=money_answers))
    application.add_handler(CallbackQueryHandler(dialogue_handlers.sign_button, pattern=r"^sign:"))
    forget_answers = f"^({FORGET_YES}|{FORGET_NO})$"
    application.add_handler(CallbackQueryHandler(privacy_handlers.forget_button, pattern=forget_answers))
    consent_answers = r"^guardian:(accept|accept_words|no)$"
    application.add_handler(CallbackQueryHandler(guardian_handlers.consent_button, pattern=consent_answers))
    application.add_handler(CallbackQueryHandler(guardian_handlers.unlink_button, pattern=r"^unlink:"))
    application.add_handler(CallbackQueryHandler(learning_handlers.lesson_button, pattern=r"^lessons?:"))
    application.add_handler(CallbackQueryHandler(learning_handlers.quiz_button, pattern=r"^quiz:"))
    application.add_handler(CallbackQueryHandler(admin_handlers.content_button, pattern=r"^content:(apply|discard):"))
    application.add_handler(CallbackQueryHandler(admin_handlers.broadcast_button, pattern=r"^broadcast:(send|cancel):"))
    subscription_choices = "^(" + "|".join(tip_handlers.CHOICES) + ")$"
    application.add_handler(CallbackQueryHandler(tip_handlers.subscribe_button, pattern=subscription_choices))
    application.add_handler(CallbackQueryHandler(settings_handlers.setting_button))
    # 3. The bot added to or removed from a group.
    application.add_handler(ChatMemberHandler(group_handlers.bot_membership, ChatMemberHandler.MY_CHAT_MEMBER))
    # 4. New messages (edits are ignored on purpose: the original was already answered).
    #    In groups: text and captions are watched for scams; everything else is none of the bot's business.
    group_text = filters.UpdateType.MESSAGE & filters.ChatType.GROUPS & (filters.TEXT | filters.CAPTION)
    application.add_handler(MessageHandler(group_text & ~filters.COMMAND, group_handlers.group_message))
    #    In private chats:
    private = filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE
    #    Text, forwarded text and captions: the conversation through Rasa.
    readable = private & (filters.TEXT | filters.CAPTION) & ~filters.COMMAND
    application.add_handler(MessageHandler(readable, dialogue_handlers.message))
    #    A trainer's document is a content upload; anyone else's is media the bot cannot read.
    trainers = filters.User(user_id=bot_data.get("admin_ids", ()))
    application.add_handler(MessageHandler(private & filters.Document.ALL & trainers, admin_handlers.content_upload))
    #    Commands the bot does not have, then anything else (photo, voice, sticker, location...).
    application.add_handler(MessageHandler(private & filters.COMMAND, settings_handlers.unknown_command))
    application.add_handler(MessageHandler(private, settings_handlers.unsupported))
    # 5. Errors.
    application.add_error_handler(error_handler)
    return application
