"""Private chats: a user's message (typed, or read from a screenshot they sent) or answer button goes through
the one conversation turn (bot/dialogue/turn.py) and its messages are sent; the warning-sign buttons under the
checklist are answered here."""

from __future__ import annotations

import asyncio
import logging
from datetime import date

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.content.model import Content
from bot.content.render import render
from bot.dialogue.buttons import MONEY_ANSWERS, TICKED, Button, parse_sign, sign_buttons
from bot.dialogue.screens import more_message, parse_more
from bot.dialogue.turn import TurnRequest, take_turn_patiently
from bot.rasa_client import RasaUnavailable
from bot.storage import repository
from bot.storage.repository import UserSettings
from bot.telegram import guardian_handlers, sent_images, simple_mode
from bot.telegram.context import BotContext, conversation_id, reader_of
from bot.telegram.settings_handlers import report, setting_button
from bot.user_text import has_words, readable_text

log = logging.getLogger(__name__)


def inline_markup(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    """The turn's buttons (data) as Telegram's inline keyboard."""
    if not rows:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in rows])


async def _converse(
    update: Update, context: BotContext, user: UserSettings, *, text: str = "", answer: str | None = None,
    image_text: str = "",
) -> None:  # fmt: skip
    store = context.content_store
    store.refresh_soon()
    forwarded = bool(text) and getattr(update.effective_message, "forward_origin", None) is not None
    request = TurnRequest(reader_of(user), text=text, answer=answer, conversation_id=conversation_id(user),
                          forwarded=forwarded, image_text=image_text)  # fmt: skip

    async def one_moment() -> None:
        await update.effective_chat.send_message(context.text(user, "rasa_restarting"))

    try:
        result = await take_turn_patiently(context.nlu, store.current, request, one_moment, context.rasa_patience)
    except RasaUnavailable:
        log.exception("Rasa did not answer")
        await update.effective_chat.send_message(context.text(user, "rasa_unavailable"))
        return
    # The user reads the warning first; relatives' alerts and statistics follow once it is sent.
    for rank, out in enumerate(result.messages):
        # Under Telegram's send limit, every user's first message of a turn goes before later ones (send_order.py).
        await context.bot.send_message(
            update.effective_chat.id, out.text, reply_markup=inline_markup(out.buttons), rate_limit_args={"rank": rank}
        )
    plan = result.plan
    if result.high_risk:
        # Money, a code or access gone or about to go: linked relatives of an older user hear of it.
        await guardian_handlers.alert_relatives(update, context, user, plan.scam_type, True, asked=False)
    if result.story_told:
        # Anonymous statistics: the date, scam type, language and money state; never who or what.
        money = None if plan.money_status in (None, "unsure") else plan.money_status == "paid"
        sessions = context.sessions
        await asyncio.to_thread(repository.record_scam, sessions, result.story_told, user.language, money, date.today())


async def message(update: Update, context: BotContext) -> None:
    """A text message, a forwarded one, or a caption: analysed as text through Rasa."""
    user = await context.user()
    incoming = update.effective_message
    text = readable_text(incoming.text or incoming.caption or "")
    if not has_words(text):
        await incoming.reply_text(context.text(user, "ask_details"))
        return
    big_button = simple_mode.meaning_of(context.content, text)
    if big_button in ("yes", "no"):
        await _converse(update, context, user, answer="affirm" if big_button == "yes" else "deny")
    elif big_button == "call_help":
        await report(update, context)
    elif big_button == "ask_family":
        await guardian_handlers.ask_family(update, context, user)
    else:
        await guardian_handlers.keep_words_for_family(context, user, text)
        await _converse(update, context, user, text=text)


async def screenshot(update: Update, context: BotContext) -> None:
    """A photo, or an image sent as a file: the text in it (a chat, an SMS, a web page) and its caption go through
    the turn as one typed message. The image itself is only held in memory while it is read, never stored."""
    user = await context.user()
    incoming = update.effective_message
    image_text = await sent_images.image_text(context.bot, incoming, reader_of(user).region)
    text = readable_text("\n".join(part for part in (incoming.caption, image_text) if part))
    if not has_words(text):
        await incoming.reply_text(context.text(user, "unsupported_media"))
        return
    await guardian_handlers.keep_words_for_family(context, user, text)
    await _converse(update, context, user, text=text, image_text=image_text)


async def money_button(update: Update, context: BotContext) -> None:
    """Yes / No / Not sure under "have you already sent money?"."""
    answer = MONEY_ANSWERS.get(update.callback_query.data or "")
    if answer is None:
        # PTB lets empty callback data past a pattern; anything not ours is the unknown-button reply's job.
        await setting_button(update, context)
        return
    await update.callback_query.answer()
    user = await context.user()
    await _converse(update, context, user, answer=answer)


async def take_off_tapped_button(query: CallbackQuery) -> None:
    """The tapped button leaves the message's keyboard; the message and its other buttons stay."""
    if not isinstance(query.message, Message) or query.message.reply_markup is None:
        return
    keyboard = query.message.reply_markup.inline_keyboard
    kept = [kept_row for row in keyboard if (kept_row := [b for b in row if b.callback_data != query.data])]
    try:
        await query.edit_message_reply_markup(InlineKeyboardMarkup(kept) if kept else None)
    except BadRequest as error:
        log.info("could not take the button off the message: %s", error)  # e.g. the message is too old


async def more_button(update: Update, context: BotContext) -> None:
    """"Real case", "Warning signs", "What to do", "Report" under a turn's last message: that one message now,
    and the button goes (the message stays as it was otherwise)."""
    query = update.callback_query
    tap = parse_more(query.data, context.content)
    if tap is None:
        await setting_button(update, context)  # tampered, or a scam type the content no longer has
        return
    await query.answer()
    user = await context.user()
    await take_off_tapped_button(query)
    for out in more_message(context.content, tap, reader_of(user)):
        await update.effective_chat.send_message(out.text, reply_markup=inline_markup(out.buttons))


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


async def sign_button(update: Update, context: BotContext) -> None:
    """A warning sign tapped as "this happened to me": the button gets a tick and the bot answers with the
    risk level of everything ticked so far."""
    query = update.callback_query
    content: Content = context.content
    checklist_ids = {t: {i["id"] for i in s["checklist"]} for t, s in content.scams.items()}
    tap = parse_sign(query.data, checklist_ids)
    if tap is None:
        await setting_button(update, context)  # tampered or from content that has since changed
        return
    await query.answer()
    user = await context.user()
    already = _ticked_on(query.message) & checklist_ids[tap.scam_type]
    ticked = already | {tap.item_id}
    reader = reader_of(user)
    if isinstance(query.message, Message) and tap.item_id not in already:
        keyboard = inline_markup(sign_buttons(content, tap.scam_type, reader, tap.money_gone, ticked))
        try:
            await query.edit_message_reply_markup(keyboard)
        except BadRequest as error:
            log.info("could not tick the sign on the message: %s", error)  # e.g. the message is too old
    messages = render(
        content, "risk", scam_type=tap.scam_type, reader=reader, paid=tap.money_gone, ticked=tuple(ticked)
    )
    for text in messages:
        await update.effective_chat.send_message(text)
