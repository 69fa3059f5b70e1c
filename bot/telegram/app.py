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
    ContextTypes,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.content.render import Audience, message
from bot.telegram import (
    broadcast_handlers,
    console_handlers,
    content_handlers,
    dialogue_handlers,
    follow_up_handlers,
    group_handlers,
    guardian_handlers,
    learning_handlers,
    privacy_handlers,
    rate_limit,
    report_pack_handlers,
    settings_handlers,
    stats_handlers,
    tip_handlers,
)
from bot.telegram.callback_data import FORGET_NO, FORGET_YES
from bot.telegram.context import BotContext, language_for
from bot.telegram.delivery import LeftInOutbox, RetryingRateLimiter
from bot.telegram.ordering import ChatOrderedUpdateProcessor

log = logging.getLogger(__name__)


async def error_handler(update: object, context: BotContext) -> None:
    """Logs the error and tells the user something went wrong, without internals. The user's settings are not
    read: the database may be what failed."""
    if isinstance(context.error, LeftInOutbox):
        log.info("update %s: %s", getattr(update, "update_id", "?"), context.error)
        return
    log.error("update %s failed", getattr(update, "update_id", "?"), exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        language = language_for(update.effective_user.language_code if update.effective_user else None)
        text = message(context.content, "something_went_wrong", Audience(language, "standard", context.default_region))
        await context.bot.send_message(update.effective_chat.id, text)


def build_application(
    token: str, base_url: str, bot_data: dict, post_init=None, post_shutdown=None, send_rate: float = 30
) -> Application:
    """`bot_data` carries the shared services: content (ContentStore), sessions (SQLAlchemy), rasa (RasaClient),
    default_region. `post_init` / `post_shutdown` open and close the ones that need the running event loop.
    `send_rate`: messages a second over all chats (Telegram's limit is about 30; 0: no overall limit)."""
    builder = (
        ApplicationBuilder()
        .token(token)
        .context_types(ContextTypes(context=BotContext))
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
    # Before anything else: a flooding user's updates are dropped (after one notice).
    application.bot_data[rate_limit.RATE_LIMIT] = rate_limit.UpdateRateLimit()
    application.add_handler(TypeHandler(Update, rate_limit.limit_updates), group=-1)
    # Handlers in the order Telegram updates should meet them.
    application.add_handlers(command_handlers())
    application.add_handlers(button_handlers())
    application.add_handlers(message_handlers(bot_data.get("admin_ids", ())))
    application.add_error_handler(error_handler)
    return application


def command_handlers() -> list[CommandHandler]:
    return [
        # /start with a payload is a relative's family link (t.me/<bot>?start=CODE); plain /start welcomes.
        CommandHandler("start", guardian_handlers.start_with_code, has_args=True),
        CommandHandler("start", settings_handlers.start),
        CommandHandler("help", settings_handlers.help_command),
        CommandHandler("privacy", settings_handlers.privacy),
        CommandHandler("report", settings_handlers.report),
        CommandHandler("language", settings_handlers.language),
        CommandHandler("region", settings_handlers.region),
        CommandHandler("simple", settings_handlers.simple),
        CommandHandler("forget", privacy_handlers.forget),
        # Guardian link between a relative and an older user.
        CommandHandler("guardian", guardian_handlers.guardian),
        CommandHandler("link", guardian_handlers.link),
        CommandHandler("family", guardian_handlers.family),
        # Lessons, quiz and tips by subscription.
        CommandHandler("lessons", learning_handlers.lessons),
        CommandHandler("quiz", learning_handlers.quiz),
        CommandHandler("subscribe", tip_handlers.subscribe),
        CommandHandler("unsubscribe", tip_handlers.unsubscribe),
        # After a loss: a report pack kept for the user; check-ins, which /stop ends.
        CommandHandler("pack", report_pack_handlers.pack_command),
        CommandHandler("stop", follow_up_handlers.stop),
        # Trainers only (ADMIN_IDS); everyone else is told "not allowed".
        CommandHandler("stats", stats_handlers.stats_command),
        CommandHandler("reload", content_handlers.reload_command),
        CommandHandler("content_versions", content_handlers.content_versions),
        CommandHandler("rollback", content_handlers.rollback),
        CommandHandler("broadcast", broadcast_handlers.broadcast_command),
        CommandHandler("console", console_handlers.console_command),
        CommandHandler("console_logout", console_handlers.console_logout),
        # Family groups: how talkative the bot is, and how to make it leave.
        CommandHandler("quiet", group_handlers.quiet),
        CommandHandler("loud", group_handlers.loud),
        CommandHandler("leave", group_handlers.leave),
    ]


def button_handlers() -> list[CallbackQueryHandler]:
    """Buttons, by the prefix of their data; then every other callback query (settings, or tampered) goes to a
    parser that refuses the unknown. Each handler checks the whole payload again: a prefix is not proof the
    data is ours."""
    subscription_choices = "^(" + "|".join(tip_handlers.CHOICES) + ")$"
    return [
        CallbackQueryHandler(dialogue_handlers.money_button, pattern=r"^money:(paid|not_paid|unsure)$"),
        CallbackQueryHandler(dialogue_handlers.sign_button, pattern=r"^sign:"),
        CallbackQueryHandler(dialogue_handlers.more_button, pattern=r"^more:"),
        CallbackQueryHandler(privacy_handlers.forget_button, pattern=f"^({FORGET_YES}|{FORGET_NO})$"),
        CallbackQueryHandler(guardian_handlers.consent_button, pattern=r"^guardian:(accept|accept_words|no)$"),
        CallbackQueryHandler(guardian_handlers.unlink_button, pattern=r"^unlink:"),
        CallbackQueryHandler(learning_handlers.lesson_button, pattern=r"^lessons?:"),
        CallbackQueryHandler(learning_handlers.quiz_button, pattern=r"^quiz:"),
        CallbackQueryHandler(content_handlers.content_button, pattern=r"^content:(apply|discard):"),
        CallbackQueryHandler(broadcast_handlers.broadcast_button, pattern=r"^broadcast:(send|cancel):"),
        CallbackQueryHandler(tip_handlers.subscribe_button, pattern=subscription_choices),
        CallbackQueryHandler(follow_up_handlers.checkin_button, pattern=r"^checkin:"),
        CallbackQueryHandler(report_pack_handlers.pack_button, pattern=r"^pack:"),
        CallbackQueryHandler(report_pack_handlers.answer_button, pattern=r"^pk:"),
        CallbackQueryHandler(settings_handlers.setting_button),
    ]


def message_handlers(admin_ids) -> list:
    """The bot added to or removed from a group, then new messages (edits are ignored on purpose: the original
    was already answered)."""
    # In groups, text and captions are watched for scams; everything else is none of the bot's business.
    group_text = filters.UpdateType.MESSAGE & filters.ChatType.GROUPS & (filters.TEXT | filters.CAPTION)
    private = filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE
    # Text, forwarded text and captions: the conversation through Rasa.
    readable = private & (filters.TEXT | filters.CAPTION) & ~filters.COMMAND
    # A trainer's document is a content upload; anyone else's is media the bot cannot read.
    trainers = filters.User(user_id=admin_ids)
    return [
        ChatMemberHandler(group_handlers.bot_membership, ChatMemberHandler.MY_CHAT_MEMBER),
        MessageHandler(group_text & ~filters.COMMAND, group_handlers.group_message),
        # A photo, or an image file from anyone but a trainer: its text and caption read like a typed message.
        MessageHandler(private & (filters.PHOTO | (filters.Document.IMAGE & ~trainers)), dialogue_handlers.screenshot),
        # Through the report pack's open question, if the user's form waits for a typed answer, to the dialogue.
        MessageHandler(readable, report_pack_handlers.text_message),
        MessageHandler(private & filters.Document.ALL & trainers, content_handlers.content_upload),
        # Commands the bot does not have, then anything else (voice, sticker, location, other files...).
        MessageHandler(private & filters.COMMAND, settings_handlers.unknown_command),
        MessageHandler(private, settings_handlers.unsupported),
    ]
