"""/console: a trainer gets a one-time link into the web console (bot/web/); /console_logout signs them out of it
everywhere. Trainers only (ADMIN_IDS): anyone else is told "not allowed", and no link or login row is made."""

from __future__ import annotations

import asyncio
import html
from datetime import UTC, datetime

from telegram import Update

from bot.config import DEFAULT_CONSOLE_PORT
from bot.storage import console_logins
from bot.telegram.admin_access import admin_only
from bot.telegram.context import BotContext

# bot_data key of the console's public base URL (CONSOLE_URL), set by runner.py.
CONSOLE_URL = "console_url"
LINK_MINUTES = int(console_logins.LINK_VALIDITY.total_seconds() // 60)


@admin_only
async def console_command(update: Update, context: BotContext) -> None:
    """/console: a link valid once, for ten minutes; only its hash is stored."""
    trainer = await context.user()
    token = await asyncio.to_thread(
        console_logins.create_link, context.sessions, update.effective_user.id, datetime.now(UTC)
    )
    base = context.bot_data.get(CONSOLE_URL) or f"http://127.0.0.1:{DEFAULT_CONSOLE_PORT}"
    link = f"{base}/login/{token}"
    text = context.text(trainer, "trainer_console_link", minutes=str(LINK_MINUTES), url=link)
    # A link Telegram opens on a tap whatever the address looks like (a loopback address is not always linked).
    shown = html.escape(link)
    await update.effective_message.reply_text(text.replace(shown, f'<a href="{shown}">{shown}</a>', 1))


@admin_only
async def console_logout(update: Update, context: BotContext) -> None:
    """/console_logout: every console session of this trainer ends, and their unused links stop working."""
    trainer = await context.user()
    ended = await asyncio.to_thread(console_logins.end_all, context.sessions, update.effective_user.id)
    await update.effective_message.reply_text(context.text(trainer, "trainer_console_logged_out", sessions=str(ended)))
