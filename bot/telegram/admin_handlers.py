"""Trainers' commands, only for the Telegram ids in ADMIN_IDS: everyone else gets "not allowed" and nothing
happens."""

from __future__ import annotations

import asyncio
import functools
import html
import secrets
from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot import broadcast, stats
from bot.content.render import SEPARATOR, Audience, render
from bot.content.schema import LANGUAGES
from bot.content.versions import ContentVersions, VersionError
from bot.telegram.settings_handlers import load_user, text_for
from common.labels import SCAM_TYPES


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


# --- content upload with versions ----------------------------------------------------------------------
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def _versions(context: ContextTypes.DEFAULT_TYPE) -> ContentVersions:
    return context.bot_data["content_versions"]


@admin_only
async def content_upload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A content file or a zip of content/ as a document: checked, then a preview with Apply / Discard."""
    document = update.effective_message.document
    if document.file_size and document.file_size > MAX_UPLOAD_BYTES:
        await update.effective_message.reply_text("Rejected: the file is larger than 5 MB. Nothing changed.")
        return
    data = bytes(await (await document.get_file()).download_as_bytearray())
    staged = await asyncio.to_thread(_versions(context).stage, document.file_name or "upload", data)
    if not staged.ok:
        listing = "\n".join(staged.problems[:30])
        await update.effective_message.reply_text(f"Rejected, nothing changed:\n<pre>{html.escape(listing)}</pre>")
        return
    buttons = [
        InlineKeyboardButton("Apply", callback_data=f"content:apply:{staged.token}"),
        InlineKeyboardButton("Discard", callback_data=f"content:discard:{staged.token}"),
    ]
    preview = f"Check passed. Changes:\n<pre>{html.escape(staged.preview)}</pre>"
    await update.effective_message.reply_text(preview, reply_markup=InlineKeyboardMarkup([buttons]))


@admin_only
async def content_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Apply or discard a staged upload (or rollback)."""
    query = update.callback_query
    await query.answer()
    _, action, token = (query.data.split(":", 2) + ["", ""])[:3]
    versions = _versions(context)
    if action == "discard":
        await asyncio.to_thread(versions.discard, token)
        await query.edit_message_text("Discarded. Nothing changed.")
        return
    try:
        number = await asyncio.to_thread(versions.apply, token, update.effective_user.id)
    except VersionError as error:
        await query.edit_message_text(f"Not applied: {html.escape(str(error))}")
        return
    problems = await asyncio.to_thread(context.bot_data["content"].reload)
    await query.edit_message_text(f"Applied as version {number}." + (" Reload failed!" if problems else ""))


@admin_only
async def content_versions(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/content_versions: every applied version, newest first."""
    listed = await asyncio.to_thread(_versions(context).list_versions)
    lines = [
        f"{'▶' if v.current else ' '} {v.number}  {v.applied_at:%Y-%m-%d %H:%M} UTC  by {v.by or '-'}  {v.summary}"
        for v in listed
    ]
    await update.effective_message.reply_text(f"<pre>{html.escape(chr(10).join(lines))}</pre>")


@admin_only
async def rollback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/rollback N: version N becomes live again, as a new version."""
    args = context.args or []
    if len(args) != 1 or not args[0].isdigit():
        await update.effective_message.reply_text("Usage: /rollback N (see /content_versions).")
        return
    try:
        number = await asyncio.to_thread(_versions(context).rollback, int(args[0]), update.effective_user.id)
    except VersionError as error:
        await update.effective_message.reply_text(f"Not rolled back: {html.escape(str(error))}")
        return
    await asyncio.to_thread(context.bot_data["content"].reload)
    await update.effective_message.reply_text(f"Version {args[0]} is live again, as version {number}.")


# --- broadcast -----------------------------------------------------------------------------------------------
def _broadcast_texts(context: ContextTypes.DEFAULT_TYPE, args: list[str], raw: str) -> dict[str, str] | None:
    """`/broadcast lesson <scam type>`: that scam's tip in each language; `/broadcast TEXT`: the trainer's text
    (a line with only --- separates the English version from the Chinese one). None when there is nothing."""
    content = context.bot_data["content"].current
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
async def broadcast_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/broadcast TEXT or /broadcast lesson TYPE: a preview per language, then Send / Cancel."""
    texts = _broadcast_texts(context, context.args or [], update.effective_message.text or "")
    if texts is None:
        await update.effective_message.reply_text(
            "Usage: /broadcast TEXT (a line with --- between the English and the Chinese text), "
            "or /broadcast lesson SCAM_TYPE."
        )
        return
    for language, text in texts.items():
        # Sent exactly as subscribers will get it: broken formatting shows up here, before anyone receives it.
        await update.effective_message.reply_text(f"Preview ({language}):\n\n{text}")
    count = len(await asyncio.to_thread(broadcast.recipients, context.bot_data["sessions"]))
    token = secrets.token_hex(8)
    context.bot_data.setdefault("broadcasts", {})[token] = texts
    buttons = [
        InlineKeyboardButton(f"Send to {count} subscribers", callback_data=f"broadcast:send:{token}"),
        InlineKeyboardButton("Cancel", callback_data=f"broadcast:cancel:{token}"),
    ]
    await update.effective_message.reply_text("Send this warning?", reply_markup=InlineKeyboardMarkup([buttons]))


@admin_only
async def broadcast_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send: goes out in the background with a progress message that updates; Cancel: nothing is sent."""
    query = update.callback_query
    await query.answer()
    _, action, token = (query.data.split(":", 2) + ["", ""])[:3]
    texts = context.bot_data.setdefault("broadcasts", {}).pop(token, None)
    if texts is None:
        await query.edit_message_text("This broadcast was already sent or cancelled.")
        return
    if action != "send":
        await query.edit_message_text("Cancelled. Nothing was sent.")
        return
    status = await query.edit_message_text("Sending…")

    async def progress(result: broadcast.BroadcastResult, done: int, total: int) -> None:
        await status.edit_text(f"Sending… {done}/{total}")

    async def send_all() -> None:
        result = await broadcast.broadcast(context.bot, context.bot_data["sessions"], texts, progress=progress)
        await status.edit_text(
            f"Done: sent {result.sent}, failed {result.failed}, blocked the bot {result.blocked}, "
            f"skipped (blocked earlier) {result.skipped}."
        )

    # In the background: the trainer's chat stays responsive while the rate limiter paces the sends.
    context.application.create_task(send_all(), update=update)
