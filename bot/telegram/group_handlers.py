"""Family-group mode: the bot introduces itself once, then speaks only when a message (usually forwarded)
is clearly a scam, or when someone asks it about a message by replying to it and mentioning the bot.

With Telegram's privacy mode on (the default) a bot in a group receives only commands, replies to its own
messages and mentions, so "reply and mention me" is the way to ask; with privacy mode off it sees every
message and watches on its own (README, "Family groups").
"""

from __future__ import annotations

import asyncio
import html
import logging
from datetime import UTC, date, datetime

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError

from bot.content.render import Audience, localise
from bot.dialogue.turn import TurnRequest, take_turn_patiently
from bot.language import detect_language
from bot.rasa_client import RasaUnavailable
from bot.storage import groups, repository
from bot.telegram.context import BotContext, language_for
from bot.user_text import has_words, readable_text

log = logging.getLogger(__name__)
GROUP_TYPES = (ChatType.GROUP, ChatType.SUPERGROUP)


def _group_text(context: BotContext, key: str, language: str) -> str:
    messages = context.content.messages
    return html.escape(localise(messages[key], language, "standard"))


def _language_of(update: Update) -> str:
    """The language of whoever added the bot or typed the command."""
    return language_for(update.effective_user.language_code if update.effective_user else None)


async def bot_membership(update: Update, context: BotContext) -> None:
    """The bot was added to a group (introduce itself, once) or removed from it (forget the group)."""
    change = update.my_chat_member
    if change.chat.type not in GROUP_TYPES:
        return
    sessions = context.sessions
    status = change.new_chat_member.status
    if status in (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR):
        first = await asyncio.to_thread(groups.mark_introduced, sessions, change.chat.id, datetime.now(UTC))
        if first:
            await context.bot.send_message(change.chat.id, _group_text(context, "group_intro", _language_of(update)))
    elif status in (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED):
        await asyncio.to_thread(groups.forget_group, sessions, change.chat.id)


def _mentions_bot(message: Message, username: str) -> bool:
    mentions = message.parse_entities([MessageEntity.MENTION]) | message.parse_caption_entities([MessageEntity.MENTION])
    return any(text.lstrip("@").lower() == username.lower() for text in mentions.values())


async def group_message(update: Update, context: BotContext) -> None:
    """A message in a group: warn if it is clearly a scam; if someone asked (mention), always answer."""
    message = update.effective_message
    asked = _mentions_bot(message, context.bot.username)
    # "@bot" in a reply to a message: the question is about the message replied to.
    target = message.reply_to_message if asked and message.reply_to_message else message
    text = readable_text(target.text or target.caption or "")
    if target is message and asked:
        text = text.replace(f"@{context.bot.username}", " ").strip()
    if not has_words(text):
        return
    language = detect_language(text)
    sessions = context.sessions
    group = await asyncio.to_thread(groups.get_group, sessions, update.effective_chat.id)
    store = context.content_store
    store.refresh_soon()
    reader = Audience(language, "standard", context.default_region)
    forwarded = target.forward_origin is not None
    request = TurnRequest(reader, text=text, group_sensitivity=group.sensitivity, asked=asked, forwarded=forwarded)

    async def one_moment() -> None:
        if asked:  # the group hears "one moment" only from a question put to the bot
            await message.reply_text(_group_text(context, "rasa_restarting", language))

    try:
        result = await take_turn_patiently(context.nlu, store.current, request, one_moment, context.rasa_patience)
    except RasaUnavailable:
        log.exception("Rasa did not answer a group message")
        if asked:
            await message.reply_text(_group_text(context, "rasa_unavailable", language))
        return
    for index, out in enumerate(result.messages):
        if index == 0:
            await target.reply_text(out.text)
        else:
            await update.effective_chat.send_message(out.text)
    if result.story_told:
        # Anonymous statistics, as for private chats: whether money went is not known here.
        await asyncio.to_thread(repository.record_scam, sessions, result.story_told, language, None, date.today())


def _in_group(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type in GROUP_TYPES


ADMIN_STATUSES = (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


async def _sent_by_admin(update: Update, context: BotContext) -> bool:
    """Whether a group's administrator sent this message, as Telegram says now (a demoted admin is not one).

    An anonymous administrator writes as the group itself (`sender_chat` is the chat). Any other sender is looked
    up with getChatMember; if Telegram cannot say, the answer is no: switching the protection down is refused
    rather than allowed to anyone."""
    message, chat = update.effective_message, update.effective_chat
    if message.sender_chat is not None:
        return message.sender_chat.id == chat.id
    if update.effective_user is None:
        return False
    try:
        member = await context.bot.get_chat_member(chat.id, update.effective_user.id)
    except TelegramError:
        log.warning("getChatMember failed for a group command; refused")
        return False
    return member.status in ADMIN_STATUSES


async def _admin_command_allowed(update: Update, context: BotContext) -> bool:
    """In a group, from an administrator; otherwise the sender is told why nothing happened."""
    language = _language_of(update)
    if not _in_group(update):
        await update.effective_message.reply_text(_group_text(context, "group_only", language))
        return False
    if not await _sent_by_admin(update, context):
        await update.effective_message.reply_text(_group_text(context, "group_admins_only", language))
        return False
    return True


async def _step_sensitivity(update: Update, context: BotContext, step: int) -> None:
    """One step quieter (-1) or louder (+1) along quiet - normal - loud, so /quiet after /loud is normal."""
    language = _language_of(update)
    if not await _admin_command_allowed(update, context):
        return
    sessions, chat_id = context.sessions, update.effective_chat.id
    current = (await asyncio.to_thread(groups.get_group, sessions, chat_id)).sensitivity
    levels = groups.GROUP_SENSITIVITIES
    wanted = levels[min(max(levels.index(current) + step, 0), len(levels) - 1)]
    await asyncio.to_thread(groups.set_sensitivity, sessions, chat_id, wanted)
    await update.effective_message.reply_text(_group_text(context, f"group_{wanted}", language))


async def quiet(update: Update, context: BotContext) -> None:
    """/quiet: warn less in this group (administrators only: a scammer among the members must not switch the
    protection down)."""
    await _step_sensitivity(update, context, -1)


async def loud(update: Update, context: BotContext) -> None:
    """/loud: warn more in this group."""
    await _step_sensitivity(update, context, +1)


async def leave(update: Update, context: BotContext) -> None:
    """/leave: say goodbye, forget the group, leave it."""
    language = _language_of(update)
    if not await _admin_command_allowed(update, context):
        return
    await update.effective_message.reply_text(_group_text(context, "group_leaving", language))
    await asyncio.to_thread(groups.forget_group, context.sessions, update.effective_chat.id)
    await update.effective_chat.leave()
