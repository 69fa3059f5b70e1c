"""Trainers' commands, only for the Telegram ids in ADMIN_IDS: everyone else gets "not allowed" and nothing
happens."""

from __future__ import annotations

import asyncio
import functools
import html
from datetime import date

from telegram import Update
from telegram.ext import ContextTypes

from bot import stats
from bot.telegram.settings_handlers import load_user, text_for


def admin_only(handler):
    """Runs the handler only for configured admins; says "not allowed" to anyone else."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_user is None or update.effective_user.id not in context.bot_data["admin_ids"]:
            user = await load_user(update, context)
            await update.effective_message.reply_text(text_for(context, user, "not_allowed"))
            return
        await handler(update, context)

    return guarded


@admin_only
async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stats [days]: the table (monospace) and the chart."""
    args = context.args or []
    try:
        days = int(args[0]) if args else 7
        stats.check_days(days)
    except ValueError as error:
        await update.effective_message.reply_text(html.escape(str(error)))
        return
    report = await asyncio.to_thread(stats.build_report, context.bot_data["sessions"], days, date.today())
    await update.effective_message.reply_text(f"<pre>{html.escape(stats.format_text(report))}</pre>")
    chart = await asyncio.to_thread(stats.render_png, report)
    await update.effective_message.reply_photo(chart, caption=f"{report.since} – {report.until}")


@admin_only
async def reload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reload: content from disk, with the check result; broken content leaves the old content live."""
    store = context.bot_data["content"]
    problems = await asyncio.to_thread(store.reload)
    if problems:
        listing = "\n".join(str(problem) for problem in problems[:30])
        more = f"\n… {len(problems) - 30} more" if len(problems) > 30 else ""
        await update.effective_message.reply_text(
            f"Rejected, the previous content stays live:\n<pre>{html.escape(listing + more)}</pre>"
        )
        return
    await update.effective_message.reply_text("Content reloaded: check passed.")
