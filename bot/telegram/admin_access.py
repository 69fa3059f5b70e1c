"""Trainers' commands are only for the Telegram ids in ADMIN_IDS: everyone else gets "not allowed" and nothing
happens."""

from __future__ import annotations

import functools

from telegram import Update

from bot.telegram.context import BotContext


def admin_only(handler):
    """Runs the handler only for configured admins; says "not allowed" to anyone else."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: BotContext) -> None:
        if update.effective_user is None or update.effective_user.id not in context.admin_ids:
            user = await context.user()
            await update.effective_message.reply_text(context.text(user, "not_allowed"))
            return
        await handler(update, context)

    return guarded
