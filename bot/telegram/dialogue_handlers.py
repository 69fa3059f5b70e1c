"""User messages through Rasa, replies rendered from content/; the buttons under the replies (have you sent
money? which warning signs happened to you?)."""

from __future__ import annotations

import asyncio
import logging
from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.classify import has_words, readable_text
from bot.content.library import Content
from bot.content.render import Audience, localise, render
from bot.rasa_client import BotReply, RasaClient, RasaUnavailable
from bot.storage import repository
from bot.storage.models import User
from bot.telegram import guardian_handlers, simple_mode
from bot.telegram.callbacks import parse_sign, sign_data
from bot.telegram.settings_handlers import load_user, reader_of, report, setting_button, text_for

log = logging.getLogger(__name__)

# Button -> what Rasa is told (Rasa reads "/intent" as that intent, without the NLU model).
MONEY_ANSWERS = {"money:paid": "/affirm", "money:not_paid": "/deny", "money:unsure": "/unsure"}
MONEY_LABELS = {
    "en": {"money:paid": "Yes", "money:not_paid": "No", "money:unsure": "Not sure"},
    "zh": {"money:paid": "是", "money:not_paid": "没有", "money:unsure": "不确定"},
}
TICKED, UNTICKED = "✅", "⬜"
# Money states that make a conversation high risk, for alerts to linked relatives.
MONEY_AT_STAKE = ("paid", "about_to_pay")


def conversation_id(user: User) -> str:
    """The user's conversation in Rasa's tracker store."""
    return f"telegram-{user.telegram_id}"


def money_keyboard(language: str) -> InlineKeyboardMarkup:
    labels = MONEY_LABELS[language]
    return InlineKeyboardMarkup([[InlineKeyboardButton(labels[d], callback_data=d) for d in MONEY_ANSWERS]])


def sign_keyboard(
    content: Content, scam_type: str, reader: Audience, money_gone: bool, ticked: set[str]
) -> InlineKeyboardMarkup:
    """One button per warning sign, labelled with its short (simple-mode) wording; ticked ones carry a mark."""
    rows = []
    for item in content.scams[scam_type]["checklist"]:
        label = localise(item["sign"], reader.lang, "elderly")
        mark = TICKED if item["id"] in ticked else UNTICKED
        data = sign_data(scam_type, item["id"], money_gone)
        rows.append([InlineKeyboardButton(f"{mark} {label}", callback_data=data)])
    return InlineKeyboardMarkup(rows)


def _keyboard_for(content: Content, reply: BotReply, user: User) -> InlineKeyboardMarkup | None:
    if reply.kind == "ask_money":
        return money_keyboard(user.language)
    if reply.kind == "checklist" and reply.scam_type in content.scams:
        return sign_keyboard(content, reply.scam_type, reader_of(user), reply.money_gone, ticked=set())
    return None


async def _converse(update: Update, context: ContextTypes.DEFAULT_TYPE, user: User, text: str, quoted: str) -> None:
    rasa: RasaClient = context.bot_data["rasa"]
    try:
        replies: list[BotReply] = await rasa.send(conversation_id(user), text)
    except RasaUnavailable:
        log.exception("Rasa did not answer")
        await update.effective_chat.send_message(text_for(context, user, "rasa_unavailable"))
        return
    store = context.bot_data["content"]
    store.refresh()
    content = store.current
    # The user reads the warning first; statistics and relatives' alerts follow once it is sent.
    for reply in replies:
        messages = render(
            content,
            reply.kind,
            scam_type=reply.scam_type,
            reader=reader_of(user),
            paid=reply.money_gone,
            user_text=quoted,
        )
        for index, message in enumerate(messages):
            last = index == len(messages) - 1
            markup = _keyboard_for(content, reply, user) if last else None
            if markup and reply.kind == "checklist":
                message += "\n\n" + text_for(context, user, "sign_hint")
            await update.effective_chat.send_message(message, reply_markup=markup)
    for reply in replies:
        if reply.kind == "warning" and reply.scam_type and reply.money_status in MONEY_AT_STAKE:
            # High risk: a recognised scam with money sent or about to be. Linked relatives hear of it.
            await guardian_handlers.alert_relatives(update, context, user, reply.scam_type, True, asked=False)
        if reply.kind == "warning" and reply.scam_type:
            # Anonymous statistics: the date, scam type, language and money state; never who or what.
            money = None if reply.money_status in (None, "unsure") else reply.money_status == "paid"
            sessions = context.bot_data["sessions"]
            today = date.today()
            await asyncio.to_thread(repository.record_scam, sessions, reply.scam_type, user.language, money, today)


async def message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text message, a forwarded one, or a caption: analysed as text through Rasa."""
    user = await load_user(update, context)
    incoming = update.effective_message
    text = readable_text(incoming.text or incoming.caption or "")
    if not has_words(text):
        await incoming.reply_text(text_for(context, user, "ask_details"))
        return
    big_button = simple_mode.meaning_of(context.bot_data["content"].current, text)
    if big_button in ("yes", "no"):
        await _converse(update, context, user, "/affirm" if big_button == "yes" else "/deny", quoted="")
    elif big_button == "call_help":
        await report(update, context)
    elif big_button == "ask_family":
        await guardian_handlers.ask_family(update, context, user)
    else:
        # Kept in memory only (never stored), for an alert to relatives the user agreed may see their words.
        if context.user_data is not None:
            context.user_data["last_words"] = text
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
    await _converse(update, context, user, answer, quoted="")


def _ticked_on(message: Message | None) -> set[str]:
    """The signs already ticked, read from the keyboard of the message the user tapped: the state lives in
    the chat, so it survives restarts and needs no storage."""
    if not isinstance(message, Message) or message.reply_markup is None:
        return set()
    ticked = set()
    for row in message.reply_markup.inline_keyboard:
        for button in row:
            if isinstance(button.callback_data, str) and button.text.startswith(TICKED):
                ticked.add(button.callback_data.split(":")[2])
    return ticked


async def sign_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A warning sign tapped as "this happened to me": the button gets a tick and the bot answers with the
    risk level of everything ticked so far."""
    query = update.callback_query
    content: Content = context.bot_data["content"].current
    checklist_ids = {t: {i["id"] for i in s["checklist"]} for t, s in content.scams.items()}
    tap = parse_sign(query.data, checklist_ids)
    if tap is None:
        await setting_button(update, context)  # tampered or from content that has since changed
        return
    await query.answer()
    user = await load_user(update, context)
    already = _ticked_on(query.message) & checklist_ids[tap.scam_type]
    ticked = already | {tap.item_id}
    reader = reader_of(user)
    if isinstance(query.message, Message) and tap.item_id not in already:
        keyboard = sign_keyboard(content, tap.scam_type, reader, tap.money_gone, ticked)
        try:
            await query.edit_message_reply_markup(keyboard)
        except BadRequest as error:
            log.info("could not tick the sign on the message: %s", error)  # e.g. the message is too old
    messages = render(
        content, "risk", scam_type=tap.scam_type, reader=reader, paid=tap.money_gone, ticked=tuple(ticked)
    )
    for text in messages:
        await update.effective_chat.send_message(text)
