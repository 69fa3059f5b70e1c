"""Lesson progress and quiz answers per user: which page of which lesson, which questions and whether right."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.models import LessonProgress, QuizAnswer


def lesson_progress(sessions: sessionmaker[Session], telegram_id: int) -> dict[str, tuple[int, bool]]:
    """scam type -> (page reached, completed)."""
    with sessions() as session:
        rows = session.scalars(select(LessonProgress).where(LessonProgress.telegram_id == telegram_id))
        return {row.scam_type: (row.page, row.completed) for row in rows}


def save_page(sessions: sessionmaker[Session], telegram_id: int, scam_type: str, page: int, last_page: int) -> None:
    """Remembers the page; a lesson read to its last page stays completed."""
    with sessions.begin() as session:
        row = session.get(LessonProgress, (telegram_id, scam_type))
        if row is None:
            row = LessonProgress(telegram_id=telegram_id, scam_type=scam_type, page=page, completed=False)
            session.add(row)
        row.page = page
        row.completed = row.completed or page >= last_page


def record_answer(
    sessions: sessionmaker[Session], telegram_id: int, question_id: str, correct: bool, now: datetime
) -> None:
    with sessions.begin() as session:
        session.add(QuizAnswer(telegram_id=telegram_id, question_id=question_id, correct=correct, answered_at=now))


def quiz_score(sessions: sessionmaker[Session], telegram_id: int) -> tuple[int, int]:
    """(right answers, answers) over the user's whole history."""
    with sessions() as session:
        answered, right = session.execute(
            select(func.count(), func.count().filter(QuizAnswer.correct.is_(True))).where(
                QuizAnswer.telegram_id == telegram_id
            )
        ).one()
        return right, answered


def answered_questions(sessions: sessionmaker[Session], telegram_id: int) -> set[str]:
    with sessions() as session:
        return set(session.scalars(select(QuizAnswer.question_id).where(QuizAnswer.telegram_id == telegram_id)))
