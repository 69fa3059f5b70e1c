"""/stats [days]: trainers' statistics as a table and a chart (anonymous counts only, bot/stats/)."""

from __future__ import annotations

import asyncio
import html
from datetime import date

from telegram import Update

from bot import stats
from bot.telegram.admin_access import admin_only
from bot.telegram.context import BotContext


@admin_only
async def stats_command(update: Update, context: BotContext) -> None:
    """/stats [days]: the table (monospace) and the chart."""
    args = context.args or []
    user = await context.user()
    try:
        days = int(args[0]) if args else stats.DEFAULT_DAYS
        stats.check_days(days)
    except ValueError:
        await update.effective_message.reply_text(context.text(user, "trainer_stats_days", max=str(stats.MAX_DAYS)))
        return
    words = stats.stats_words(context.content, user.language)
    report = await asyncio.to_thread(stats.build_report, context.sessions, days, date.today())
    await update.effective_message.reply_text(f"<pre>{html.escape(stats.format_text(report, words))}</pre>")
    chart = await asyncio.to_thread(stats.render_png, report, words)
    caption = context.label(user, "trainer_stats_caption", since=str(report.since), until=str(report.until))
    await update.effective_message.reply_photo(chart, caption=caption)
