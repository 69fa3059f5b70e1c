"""/broadcast: a trainer's announcement or a lesson's tip to every subscriber, previewed per language first,
sent in the background with progress (bot/broadcast.py does the sending)."""

from __future__ import annotations

import asyncio
import html
import secrets

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import broadcast
from bot.content.render import SEPARATOR, Audience, render
from bot.content.schema import LANGUAGES
from bot.storage import subscriptions
from bot.telegram.admin_access import admin_only
from bot.telegram.callback_data import action_and_token
from bot.telegram.context import BotContext
from common.labels import SCAM_TYPES


def _broadcast_texts(context: BotContext, args: list[str], raw: str) -> dict[str, str] | None:
    """`/broadcast lesson <scam type>`: that scam's tip in each language; `/broadcast TEXT`: the trainer's text
    (a line with only --- separates the English version from the Chinese one). None when there is nothing."""
    content = context.content
    if len(args) == 2 and args[0] == "lesson" and args[1] in SCAM_TYPES:
        return {
            lang: "\n\n".join(render(content, "tip", scam_type=args[1], reader=Audience(lang, "standard", "cn")))
            for lang in LANGUAGES
        }
    text = raw.split(maxsplit=1)[1].strip() if len(raw.split(maxsplit=1)) == 2 else ""
    if not text:
        return None
    parts = [html.escape(part.strip()) for part in SEPARATOR.split(text) if part.strip()]
    return {"en": parts[0], "zh": parts[1] if len(parts) > 1 else parts[0]}


@admin_only
async def broadcast_command(update: Update, context: BotContext) -> None:
    """/broadcast TEXT or /broadcast lesson TYPE: a preview per language, then Send / Cancel."""
    trainer = await context.user()
    texts = _broadcast_texts(context, context.args or [], update.effective_message.text or "")
    if texts is None:
        await update.effective_message.reply_text(context.text(trainer, "trainer_broadcast_usage"))
        return
    for language, text in texts.items():
        # Sent exactly as subscribers will get it: broken formatting shows up here, before anyone receives it.
        preview = context.text(trainer, "trainer_broadcast_preview", language=language)
        await update.effective_message.reply_text(f"{preview}\n\n{text}")
    count = len(await asyncio.to_thread(subscriptions.recipients, context.sessions))
    token = secrets.token_hex(8)
    context.bot_data.setdefault("broadcasts", {})[token] = texts
    send = context.label(trainer, "trainer_broadcast_send", count=str(count))
    buttons = [
        InlineKeyboardButton(send, callback_data=f"broadcast:send:{token}"),
        InlineKeyboardButton(
            context.label(trainer, "trainer_broadcast_cancel"), callback_data=f"broadcast:cancel:{token}"
        ),
    ]
    confirm = context.text(trainer, "trainer_broadcast_confirm")
    await update.effective_message.reply_text(confirm, reply_markup=InlineKeyboardMarkup([buttons]))


@admin_only
async def broadcast_button(update: Update, context: BotContext) -> None:
    """Send: goes out in the background with a progress message that updates; Cancel: nothing is sent."""
    query = update.callback_query
    await query.answer()
    action, token = action_and_token(query.data)
    texts = context.bot_data.setdefault("broadcasts", {}).pop(token, None)
    trainer = await context.user()
    if texts is None:
        await query.edit_message_text(context.text(trainer, "trainer_broadcast_gone"))
        return
    if action != "send":
        await query.edit_message_text(context.text(trainer, "trainer_broadcast_cancelled"))
        return
    status = await query.edit_message_text(context.text(trainer, "trainer_broadcast_started"))

    async def progress(result: broadcast.BroadcastResult, done: int, total: int) -> None:
        await status.edit_text(context.text(trainer, "trainer_broadcast_sending", done=str(done), total=str(total)))

    async def send_all() -> None:
        result = await broadcast.broadcast(context.bot, context.sessions, texts, progress=progress)
        counts = {name: str(getattr(result, name)) for name in ("sent", "failed", "blocked", "skipped")}
        await status.edit_text(context.text(trainer, "trainer_broadcast_done", **counts))

    # In the background: the trainer's chat stays responsive while the rate limiter paces the sends.
    context.application.create_task(send_all(), update=update)
