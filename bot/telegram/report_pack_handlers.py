"""The report pack after a loss (issue 17) on Telegram: "📝 Prepare my report" under the stop-loss steps starts a
short form (bot/report_pack/form.py), one question at a time; the pack is one message and a picture to show at
a counter, shared with linked relatives only on a tap, kept for 30 days only if the user says so. /pack shows a
kept one again.

Callback data: `pack:<scam>` starts (bot/dialogue/screens.py); `pk:<step>:<answer>` answers a question;
`pk:share` shares the picture. A typed answer is a short private text message while the user's form waits for
one; whether it waits is asked of the database (one lookup by primary key), so with several bot workers behind
a load balancer the worker that gets the answer knows the question, whichever worker asked it.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden

from bot.content.render import render
from bot.dialogue.screens import parse_after_loss
from bot.report_pack import form
from bot.report_pack.image import pack_png
from bot.storage import guardians, report_packs
from bot.storage.repository import UserSettings
from bot.telegram import dialogue_handlers
from bot.telegram.context import BotContext, reader_of
from bot.telegram.settings_handlers import setting_button
from bot.telegram.tip_handlers import REGION_TIMEZONES

log = logging.getLogger(__name__)
TRADITIONAL = ("hk", "tw")


def _now() -> datetime:
    return datetime.now(UTC)


def _today(user: UserSettings) -> date:
    return _now().astimezone(ZoneInfo(REGION_TIMEZONES.get(user.region, REGION_TIMEZONES["cn"]))).date()


def _choice_label(context: BotContext, user: UserSettings, step: str, choice: str) -> str:
    return context.label(user, f"pack_{step}_{choice}")


def _question(
    context: BotContext, user: UserSettings, step: str, ticked: list[str]
) -> tuple[str, InlineKeyboardMarkup]:
    """The question for `step` and its buttons."""
    skip = [InlineKeyboardButton(context.label(user, "pack_skip"), callback_data=f"pk:{step}:{form.SKIP}")]
    key = "pack_q_when_earlier" if step == form.WHEN_TYPED else f"pack_q_{step}"
    text = context.text(user, key)
    how = form.HOW[step]
    if how == "text":
        return f"{text}\n\n{context.text(user, 'pack_type_answer')}", InlineKeyboardMarkup([skip])
    if how == "many":
        rows = [
            [InlineKeyboardButton(("✅ " if item in ticked else "") + _choice_label(context, user, step, item),
                                  callback_data=f"pk:{step}:{item}")]
            for item in form.EVIDENCE
        ]  # fmt: skip
        done = InlineKeyboardButton(context.label(user, "pack_evidence_done"), callback_data=f"pk:{step}:done")
        return text, InlineKeyboardMarkup([*rows, [done]])
    buttons = [
        InlineKeyboardButton(_choice_label(context, user, step, c), callback_data=f"pk:{step}:{c}")
        for c in form.CHOICES[step]
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return text, InlineKeyboardMarkup([*rows, skip] if step != "keep" else rows)


async def _ask(update: Update, context: BotContext, user: UserSettings, step: str) -> None:
    text, markup = _question(context, user, step, [])
    await update.effective_chat.send_message(text, reply_markup=markup)


async def pack_button(update: Update, context: BotContext) -> None:
    """"📝 Prepare my report" under the stop-loss steps: the form starts (again, if one was under way)."""
    query = update.callback_query
    offer = parse_after_loss(query.data, context.content)
    if offer is None or offer[0] != "pack":
        await setting_button(update, context)  # tampered
        return
    await query.answer()
    user = await context.user()
    first = form.STEPS[0][0]
    await asyncio.to_thread(report_packs.start, context.sessions, user.telegram_id, offer[1], first, _now())
    await dialogue_handlers.take_off_tapped_button(query)
    await update.effective_chat.send_message(context.text(user, "pack_intro"))
    await _ask(update, context, user, first)


async def answer_button(update: Update, context: BotContext) -> None:
    """A button under a question (pk:<step>:<answer>), or "share" under the pack's picture (pk:share)."""
    query = update.callback_query
    parts = (query.data or "").split(":")
    if parts == ["pk", "share"]:
        await _share(update, context, query)
        return
    if len(parts) != 3 or parts[1] not in form.HOW:
        await setting_button(update, context)
        return
    step, choice = parts[1], parts[2]
    user = await context.user()
    state = await asyncio.to_thread(report_packs.get, context.sessions, user.telegram_id)
    if state is None or state.step != step:
        # An old question's button: the form has moved on, or it was finished, closed or deleted.
        await query.answer()
        if state is None:
            await _close_question(query)
            await update.effective_chat.send_message(context.text(user, "pack_expired"))
        return
    if step == "evidence" and choice != "done":
        await _tick_evidence(update, context, user, state, choice)
        return
    answered = _answered_by_button(user, state, step, choice)
    if answered is None:
        await setting_button(update, context)
        return
    await query.answer()
    await _close_question(query)
    if step == "keep":
        await _finish(update, context, user, state, dict(state.answers), keep=choice == "yes")
    else:
        await _moved_on(update, context, user, dict(state.answers), answered)


def _answered_by_button(
    user: UserSettings, state: report_packs.PackState, step: str, choice: str
) -> form.Answered | None:
    if step == "evidence":  # Done: what is ticked stays as it is
        return form.Answered("evidence", state.answers.get("evidence", []), form.next_step("evidence"))
    if choice == form.SKIP:
        return form.skip(step)
    return form.answer_choice(step, choice, _today(user))


async def _tick_evidence(
    update: Update, context: BotContext, user: UserSettings, state: report_packs.PackState, item: str
) -> None:
    """A kind of evidence ticked or unticked: stored, and shown by a tick in the question's own keyboard."""
    query = update.callback_query
    ticked = form.toggle_evidence(state.answers.get("evidence", []), item)
    if ticked is None:
        await setting_button(update, context)
        return
    await query.answer()
    answers = {**state.answers, "evidence": ticked}
    await asyncio.to_thread(report_packs.save, context.sessions, user.telegram_id, "evidence", answers)
    await query.edit_message_reply_markup(_question(context, user, "evidence", ticked)[1])


async def text_message(update: Update, context: BotContext) -> None:
    """A private text message: the answer to the open question of the user's report pack when it waits for a
    typed one, else a message for the dialogue. A message too long to be an answer (a new story) goes to the
    dialogue without a lookup, and the question stays open."""
    incoming = update.effective_message
    text = incoming.text or incoming.caption or ""
    state = None
    if form.fits_an_answer(text):
        state = await asyncio.to_thread(report_packs.get, context.sessions, update.effective_user.id)
    answered = form.answer_text(state.step, text) if state is not None else None
    if answered is None:
        await dialogue_handlers.message(update, context)
        return
    await _moved_on(update, context, await context.user(), dict(state.answers), answered)


async def _moved_on(
    update: Update, context: BotContext, user: UserSettings, answers: dict, answered: form.Answered
) -> None:
    if answered.value is not None:
        answers[answered.key] = answered.value
    else:
        answers.pop(answered.key, None)
    saved = await asyncio.to_thread(report_packs.save, context.sessions, user.telegram_id, answered.then, answers)
    if not saved:  # deleted meanwhile (/forget)
        await update.effective_chat.send_message(context.text(user, "pack_expired"))
        return
    await _ask(update, context, user, answered.then)


async def _close_question(query: CallbackQuery) -> None:
    """An answered question loses its buttons, so an old one cannot be answered twice."""
    try:
        await query.edit_message_reply_markup(None)
    except BadRequest as error:
        log.info("could not take the buttons off a question: %s", error)


def pack_text(context: BotContext, user: UserSettings, scam_type: str | None, answers: dict) -> list[str]:
    """The pack as Telegram HTML messages in the user's language, wording and region."""
    return render(
        context.content, "report_pack", scam_type=scam_type, reader=reader_of(user), paid=True, extra={"pack": answers}
    )


async def _send_pack(update: Update, context: BotContext, user: UserSettings, scam_type: str | None, answers: dict):
    """The pack's message, then its picture with the share button when the user has relatives to share with."""
    messages = pack_text(context, user, scam_type, answers)
    for text in messages:
        await update.effective_chat.send_message(text)
    png = await asyncio.to_thread(pack_png, "\n".join(messages), user.language == "zh" and user.region in TRADITIONAL)
    relatives = await asyncio.to_thread(guardians.relatives_of, context.sessions, user.telegram_id)
    share = [[InlineKeyboardButton(context.label(user, "pack_share_button"), callback_data="pk:share")]]
    await update.effective_chat.send_photo(
        png,
        caption=context.text(user, "pack_file_caption"),
        reply_markup=InlineKeyboardMarkup(share) if relatives else None,
    )


async def _finish(
    update: Update, context: BotContext, user: UserSettings, state: report_packs.PackState, answers: dict, keep: bool
) -> None:
    """Sends the pack; keeps the answers 30 days if the user said so, else deletes them at once."""
    await _send_pack(update, context, user, state.scam_type, answers)
    sessions = context.sessions
    if keep:
        until = _now() + timedelta(days=form.KEEP_DAYS)
        await asyncio.to_thread(report_packs.save, sessions, user.telegram_id, form.DONE, answers)
        await asyncio.to_thread(report_packs.keep, sessions, user.telegram_id, until)
        day = until.astimezone(ZoneInfo(REGION_TIMEZONES.get(user.region, REGION_TIMEZONES["cn"]))).date()
        await update.effective_chat.send_message(context.text(user, "pack_kept", until=day.isoformat()))
    else:
        await asyncio.to_thread(report_packs.remove, sessions, user.telegram_id)
        await update.effective_chat.send_message(context.text(user, "pack_not_kept"))


async def pack_command(update: Update, context: BotContext) -> None:
    """/pack: a kept pack again, or the open question of a form under way."""
    user = await context.user()
    state = await asyncio.to_thread(report_packs.get, context.sessions, user.telegram_id)
    if state is None:
        await update.effective_message.reply_text(context.text(user, "pack_none"))
    elif state.step == form.DONE:
        await _send_pack(update, context, user, state.scam_type, state.answers)
    else:
        await _ask(update, context, user, state.step)


async def _share(update: Update, context: BotContext, query: CallbackQuery) -> None:
    """The pack's picture, copied to each linked relative with a line saying whose it is; nothing is stored."""
    await query.answer()
    user = await context.user()
    relatives = await asyncio.to_thread(guardians.relatives_of, context.sessions, user.telegram_id)
    if not relatives or not isinstance(query.message, Message):
        await update.effective_chat.send_message(context.text(user, "pack_share_none"))
        return
    who = update.effective_user.first_name or context.text(user, "someone")
    told = 0
    for link in relatives:
        relative = await context.user_by_id(link.relative_id)
        try:
            await context.bot.send_message(link.relative_id, context.text(relative, "pack_share_from", who=who))
            await context.bot.copy_message(link.relative_id, query.message.chat_id, query.message.message_id)
            told += 1
        except Forbidden:
            log.info("a relative has blocked the bot; the pack was not shared with them")
    await dialogue_handlers.take_off_tapped_button(query)
    await update.effective_chat.send_message(context.text(user, "pack_shared", count=str(told)))


async def forget_old_packs(context: BotContext) -> None:
    """Job: kept packs past their 30 days and forms left unfinished for a day are deleted."""
    removed = await asyncio.to_thread(report_packs.delete_expired, context.sessions, _now())
    if removed:
        log.info("deleted %d report packs past their time", removed)
