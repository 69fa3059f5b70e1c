"""/forget: deletes everything stored about the user, after they confirm with a button."""

from __future__ import annotations

import asyncio
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.rasa_client import RasaClient, RasaUnavailable
from bot.storage import repository
from bot.telegram.callback_data import FORGET_NO, FORGET_YES
from bot.telegram.context import BotContext, conversation_id

log = logging.getLogger(__name__)


async def forget(update: Update, context: BotContext) -> None:
    """Asks for confirmation; nothing is deleted until the user taps Yes."""
    user = await context.user()
    buttons = [
        InlineKeyboardButton(context.text(user, "forget_yes"), callback_data=FORGET_YES),
        InlineKeyboardButton(context.text(user, "forget_no"), callback_data=FORGET_NO),
    ]
    await update.effective_message.reply_text(
        context.text(user, "forget_confirm"), reply_markup=InlineKeyboardMarkup([buttons])
    )


async def forget_button(update: Update, context: BotContext) -> None:
    """Yes: the Rasa conversation and the settings row are deleted. No: nothing changes."""
    query = update.callback_query
    user = await context.user()
    await query.answer()
    if query.data != FORGET_YES:
        await query.edit_message_text(context.text(user, "forget_kept"))
        return
    # The reply is written before the row goes, in the user's language; the conversation goes first, so a
    # failure there leaves the settings and the user can try again.
    done = context.text(user, "forget_done")
    rasa: RasaClient = context.nlu
    try:
        await rasa.forget(conversation_id(user))
    except RasaUnavailable:
        log.exception("Rasa could not forget a conversation")
        await query.edit_message_text(context.text(user, "forget_failed"))
        return
    await asyncio.to_thread(repository.forget_user, context.sessions, user.telegram_id)
    if context.user_data is not None:
        context.user_data.clear()  # the last words kept in memory for a relative's alert
    await query.edit_message_text(done)
