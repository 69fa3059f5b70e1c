"""Trainers keep content/ current from Telegram: /reload, an uploaded file or zip (checked, previewed, applied
as a numbered version), /content_versions and /rollback."""

from __future__ import annotations

import asyncio
import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.content.versions import VersionError
from bot.telegram.admin_access import admin_only
from bot.telegram.callback_data import action_and_token
from bot.telegram.context import BotContext


@admin_only
async def reload_command(update: Update, context: BotContext) -> None:
    """/reload: content from disk, with the check result; broken content leaves the old content live."""
    trainer = await context.user()
    problems = await asyncio.to_thread(context.content_store.reload)
    if problems:
        listing = "\n".join(str(problem) for problem in problems[:30])
        more = f"\n… {len(problems) - 30} more" if len(problems) > 30 else ""
        rejected = context.text(trainer, "trainer_reload_rejected")
        await update.effective_message.reply_text(f"{rejected}\n<pre>{html.escape(listing + more)}</pre>")
        return
    await update.effective_message.reply_text(context.text(trainer, "trainer_reloaded"))


MAX_UPLOAD_BYTES = 5 * 1024 * 1024


@admin_only
async def content_upload(update: Update, context: BotContext) -> None:
    """A content file or a zip of content/ as a document: checked, then a preview with Apply / Discard."""
    trainer = await context.user()
    document = update.effective_message.document
    if document.file_size and document.file_size > MAX_UPLOAD_BYTES:
        await update.effective_message.reply_text(context.text(trainer, "trainer_upload_too_large"))
        return
    data = bytes(await (await document.get_file()).download_as_bytearray())
    staged = await asyncio.to_thread(context.content_versions.stage, document.file_name or "upload", data)
    if not staged.ok:
        listing = "\n".join(staged.problems[:30])
        rejected = context.text(trainer, "trainer_upload_rejected")
        await update.effective_message.reply_text(f"{rejected}\n<pre>{html.escape(listing)}</pre>")
        return
    buttons = [
        InlineKeyboardButton(context.label(trainer, "trainer_apply"), callback_data=f"content:apply:{staged.token}"),
        InlineKeyboardButton(
            context.label(trainer, "trainer_discard"), callback_data=f"content:discard:{staged.token}"
        ),
    ]
    preview = f"{context.text(trainer, 'trainer_upload_preview')}\n<pre>{html.escape(staged.preview)}</pre>"
    await update.effective_message.reply_text(preview, reply_markup=InlineKeyboardMarkup([buttons]))


@admin_only
async def content_button(update: Update, context: BotContext) -> None:
    """Apply or discard a staged upload (or rollback)."""
    query = update.callback_query
    await query.answer()
    action, token = action_and_token(query.data)
    versions, trainer = context.content_versions, await context.user()
    if action == "discard":
        await asyncio.to_thread(versions.discard, token)
        await query.edit_message_text(context.text(trainer, "trainer_discarded"))
        return
    try:
        number = await asyncio.to_thread(versions.apply, token, update.effective_user.id)
    except VersionError as error:
        await query.edit_message_text(context.text(trainer, "trainer_not_applied", reason=str(error)))
        return
    problems = await asyncio.to_thread(context.content_store.reload)
    key = "trainer_applied_reload_failed" if problems else "trainer_applied"
    await query.edit_message_text(context.text(trainer, key, number=str(number)))


@admin_only
async def content_versions(update: Update, context: BotContext) -> None:
    """/content_versions: every applied version, newest first."""
    listed = await asyncio.to_thread(context.content_versions.list_versions)
    lines = [
        f"{'▶' if v.current else ' '} {v.number}  {v.applied_at:%Y-%m-%d %H:%M} UTC  by {v.by or '-'}  {v.summary}"
        for v in listed
    ]
    await update.effective_message.reply_text(f"<pre>{html.escape(chr(10).join(lines))}</pre>")


@admin_only
async def rollback(update: Update, context: BotContext) -> None:
    """/rollback N: version N becomes live again, as a new version."""
    args, trainer = context.args or [], await context.user()
    if len(args) != 1 or not args[0].isdecimal() or len(args[0]) > 9:
        await update.effective_message.reply_text(context.text(trainer, "trainer_rollback_usage"))
        return
    try:
        number = await asyncio.to_thread(context.content_versions.rollback, int(args[0]), update.effective_user.id)
    except VersionError as error:
        await update.effective_message.reply_text(context.text(trainer, "trainer_not_rolled_back", reason=str(error)))
        return
    await asyncio.to_thread(context.content_store.reload)
    reply = context.text(trainer, "trainer_rolled_back", old=args[0], number=str(number))
    await update.effective_message.reply_text(reply)
