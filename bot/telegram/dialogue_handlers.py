"""User messages through Rasa, replies rendered from content/; the money question's buttons."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.classify import has_words, readable_text
from bot.content.render import render
from bot.rasa_client import BotReply, RasaClient
from bot.storage import repository
from bot.storage.models import User
from bot.telegram.settings_handlers import load_user, reader_of, setting_button, text_for

# Button -> what Rasa is told (Rasa reads "/intent" as that intent, without the NLU model).
MONEY_ANSWERS = {"money:paid": "/affirm", "money:not_paid": "/deny", "money:unsure": "/unsure"}
MONEY_LABELS = {
    "en": {"money:paid": "Yes", "money:not_paid": "No", "money:unsure": "Not sure"},
    "zh": {"money:paid": "是", "money:not_paid": "没有", "money:unsure": "不确定"},
}


def chat_lock(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> asyncio.Lock:
    """One conversation turn at a time per chat, so replies keep the order of the messages; different chats
    run side by side."""
    locks = context.bot_data.setdefault("chat_locks", defaultdict(asyncio.Lock))
    return locks[chat_id]


def money_keyboard(language: str) -> InlineKeyboardMarkup:
    labels = MONEY_LABELS[language]
    return InlineKeyboardMarkup([[InlineKeyboardButton(labels[d], callback_data=d) for d in MONEY_ANSWERS]])


async def _converse(update: Update, context: ContextTypes.DEFAULT_TYPE, user: User, text: str, quoted: str) -> None:
    rasa: RasaClient = context.bot_data["rasa"]
    replies: list[BotReply] = await rasa.send(f"telegram-{user.telegram_id}", text)
    content = context.bot_data["content"]
    content.refresh()
    for reply in replies:
        paid = reply.money_gone
        if reply.kind == "warning" and reply.scam_type:
            # Anonymous statistics: the date, scam type, language and money state; never who or what.
            money = None if reply.money_status in (None, "unsure") else reply.money_status == "paid"
            sessions = context.bot_data["sessions"]
            today = date.today()
            await asyncio.to_thread(repository.record_scam, sessions, reply.scam_type, user.language, money, today)
        messages = render(
            content.current, reply.kind, scam_type=reply.scam_type, reader=reader_of(user), paid=paid, user_text=quoted
        )
        for index, message in enumerate(messages):
            last = index == len(messages) - 1
            markup = money_keyboard(user.language) if reply.kind == "ask_money" and last else None
            await update.effective_chat.send_message(message, reply_markup=markup)


async def message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text message, a forwarded one, or a caption: analysed as text through Rasa."""
    user = await load_user(update, context)
    incoming = update.effective_message
    text = readable_text(incoming.text or incoming.caption or "")
    async with chat_lock(context, update.effective_chat.id):
        if not has_words(text):
            await incoming.reply_text(text_for(context, user, "ask_details"))
            return
        await _converse(update, context, user, text, quoted=text)


async def money_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Yes / No / Not sure under "have you already sent money?"."""
    answer = MONEY_ANSWERS.get(update.callback_query.data or "")
    if answer is None:
        # PTB lets empty callback data past a pattern; anything not ours is the unknown-button reply's job.
        await setting_button(update, context)
        return
    await update.callback_query.answer()
    user = await load_user(update, context)
    async with chat_lock(context, update.effective_chat.id):
        await _converse(update, context, user, answer, quoted="")
