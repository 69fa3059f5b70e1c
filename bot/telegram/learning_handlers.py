"""/lessons (one lesson per scam type, paged, progress remembered) and /quiz ("spot the scam", scored).

Lesson pages reuse the message kinds a user meets in a conversation (warning with how it works, a real case,
the warning signs, what to do), so trainers edit one text for both.
"""

from __future__ import annotations

import asyncio
import html
import random
from datetime import UTC, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.content.model import Content
from bot.content.render import localise, render
from bot.content.script import script_of, to_script
from bot.storage import learning
from bot.storage.repository import UserSettings
from bot.telegram.context import BotContext, reader_of
from bot.telegram.settings_handlers import setting_button
from bot.text_limits import split_html
from common.labels import NONE, SCAM_TYPES

LESSON_PAGES = ("warning", "case", "checklist", "prevention")
LAST_PAGE = len(LESSON_PAGES) - 1


def _as_read(text: str, user: UserSettings) -> str:
    """Content text as the user reads it (Traditional Chinese in Hong Kong and Taiwan)."""
    return to_script(text, script_of(user.language, user.region))


def _scam_name(content: Content, scam_type: str, user: UserSettings) -> str:
    return _as_read(localise(content.scams[scam_type]["name"], user.language, "standard"), user)


# --- lessons ---------------------------------------------------------------------------------------------
def _menu(context: BotContext, user: UserSettings, progress: dict) -> InlineKeyboardMarkup:
    content = context.content
    rows = []
    for scam_type in SCAM_TYPES:
        page, done = progress.get(scam_type, (0, False))
        mark = "✅" if done else f"📘 {page + 1}/{len(LESSON_PAGES)}" if scam_type in progress else "📘"
        name = _scam_name(content, scam_type, user)
        rows.append([InlineKeyboardButton(f"{mark} {name}", callback_data=f"lesson:{scam_type}:{page}")])
    return InlineKeyboardMarkup(rows)


async def lessons(update: Update, context: BotContext) -> None:
    """/lessons: the menu; a lesson opens where the user left it."""
    user = await context.user()
    progress = await asyncio.to_thread(learning.lesson_progress, context.sessions, user.telegram_id)
    await update.effective_message.reply_text(
        context.text(user, "lessons_title"), reply_markup=_menu(context, user, progress)
    )


def _parse_lesson(data: str) -> tuple[str, int] | None:
    parts = data.split(":")
    if len(parts) != 3 or parts[1] not in SCAM_TYPES or not parts[2].isdecimal() or int(parts[2]) > LAST_PAGE:
        return None
    return parts[1], int(parts[2])


async def lesson_button(update: Update, context: BotContext) -> None:
    """A lesson page (lesson:<type>:<page>), or back to the menu (lessons:menu); the message is edited in place."""
    query = update.callback_query
    user = await context.user()
    sessions = context.sessions
    if query.data == "lessons:menu":
        await query.answer()
        progress = await asyncio.to_thread(learning.lesson_progress, sessions, user.telegram_id)
        menu = _menu(context, user, progress)
        await query.edit_message_text(context.text(user, "lessons_title"), reply_markup=menu)
        return
    choice = _parse_lesson(query.data)
    if choice is None:
        await setting_button(update, context)  # tampered: the unknown-button answer
        return
    await query.answer()
    scam_type, page = choice
    await asyncio.to_thread(learning.save_page, sessions, user.telegram_id, scam_type, page, LAST_PAGE)
    content = context.content
    messages = render(content, LESSON_PAGES[page], scam_type=scam_type, reader=reader_of(user))
    name = _scam_name(content, scam_type, user)
    heading = context.text(user, "lesson_heading", name=name, page=str(page + 1), pages=str(len(LESSON_PAGES)))
    header = f"<b>{heading}</b>"
    pieces = split_html("\n\n".join([header, *messages]))
    nav = [
        InlineKeyboardButton(context.label(user, key), callback_data=f"lesson:{scam_type}:{to}")
        for key, to in (("lesson_back", page - 1), ("lesson_next", page + 1))
        if 0 <= to <= LAST_PAGE
    ]
    menu = [InlineKeyboardButton(context.label(user, "lesson_menu"), callback_data="lessons:menu")]
    keyboard = InlineKeyboardMarkup([nav, menu] if nav else [menu])
    if len(pieces) == 1:
        await query.edit_message_text(pieces[0], reply_markup=keyboard)
        return
    await query.edit_message_text(pieces[0])
    for index, piece in enumerate(pieces[1:], start=2):
        await update.effective_chat.send_message(piece, reply_markup=keyboard if index == len(pieces) else None)


# --- quiz --------------------------------------------------------------------------------------------------
async def quiz(update: Update, context: BotContext) -> None:
    """/quiz (or "next question"): a question the user has not answered yet, with the answers as buttons."""
    user = await context.user()
    content: Content = context.content
    sessions = context.sessions
    answered = await asyncio.to_thread(learning.answered_questions, sessions, user.telegram_id)
    fresh = [q for q in content.quiz if q.id not in answered] or content.quiz  # all done: start over
    question = random.choice(fresh)
    not_scam = context.label(user, "quiz_not_scam")
    rows = [[InlineKeyboardButton(not_scam, callback_data=f"quiz:{question.id}:{NONE}")]]
    for scam_type in SCAM_TYPES:
        name = _scam_name(content, scam_type, user)
        rows.append([InlineKeyboardButton(f"⚠️ {name}", callback_data=f"quiz:{question.id}:{scam_type}")])
    number = str(len(answered) + 1)
    ask = context.text(user, "quiz_question", number=number)
    text = f"{ask}\n\n<i>{html.escape(_as_read(question.message[user.language], user))}</i>"
    await update.effective_chat.send_message(text, reply_markup=InlineKeyboardMarkup(rows))


async def quiz_button(update: Update, context: BotContext) -> None:
    """An answer (quiz:<question>:<answer>) or "next question" (quiz:next)."""
    query = update.callback_query
    if query.data == "quiz:next":
        await query.answer()
        await quiz(update, context)
        return
    content: Content = context.content
    parts = query.data.split(":")
    questions = {q.id: q for q in content.quiz}
    if len(parts) != 3 or parts[1] not in questions or parts[2] not in (*SCAM_TYPES, NONE):
        await setting_button(update, context)
        return
    await query.answer()
    user = await context.user()
    question, answer = questions[parts[1]], parts[2]
    correct = answer == question.answer
    sessions = context.sessions
    now = datetime.now(UTC)
    await asyncio.to_thread(learning.record_answer, sessions, user.telegram_id, question.id, correct, now)
    right, answered = await asyncio.to_thread(learning.quiz_score, sessions, user.telegram_id)
    if question.answer == NONE:
        solution = context.label(user, "quiz_not_scam")
    else:
        solution = f"⚠️ {_scam_name(content, question.answer, user)}"
    wrong = f"{context.text(user, 'quiz_wrong')} {html.escape(solution)}"
    verdict = context.text(user, "quiz_right") if correct else wrong
    score = context.text(user, "quiz_score", right=str(right), answered=str(answered))
    explanation = html.escape(_as_read(question.explanation[user.language], user))
    next_button = InlineKeyboardButton(context.label(user, "quiz_next"), callback_data="quiz:next")
    await query.edit_message_text(
        f"<i>{html.escape(_as_read(question.message[user.language], user))}</i>\n\n{verdict}\n{explanation}\n\n{score}",
        reply_markup=InlineKeyboardMarkup([[next_button]]),
    )
