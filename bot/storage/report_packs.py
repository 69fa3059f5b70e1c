"""A report pack being filled in, and one the user asked to keep (issue 17). One row per user: starting again
replaces it. Rows are deleted when the pack is sent (unless kept), when a kept one reaches `keep_until`, when a
form is left unfinished for a day, and by /forget."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.models import ReportPack

# A form nobody answered for this long is closed and deleted.
UNFINISHED_FOR = timedelta(days=1)


@dataclass(frozen=True)
class PackState:
    scam_type: str | None
    step: str
    answers: dict
    created_at: datetime
    keep_until: datetime | None


def _state(row: ReportPack) -> PackState:
    return PackState(row.scam_type, row.step, json.loads(row.answers), row.created_at, row.keep_until)


def start(sessions: sessionmaker[Session], telegram_id: int, scam_type: str | None, step: str, now: datetime) -> None:
    with sessions.begin() as session:
        session.merge(
            ReportPack(telegram_id=telegram_id, scam_type=scam_type, step=step, answers="{}", created_at=now,
                       keep_until=None)
        )  # fmt: skip


def get(sessions: sessionmaker[Session], telegram_id: int) -> PackState | None:
    with sessions() as session:
        row = session.get(ReportPack, telegram_id)
        return _state(row) if row else None


def save(sessions: sessionmaker[Session], telegram_id: int, step: str, answers: dict) -> bool:
    """Moves the form on: the new step and all answers so far. False if the user has no pack any more."""
    with sessions.begin() as session:
        row = session.get(ReportPack, telegram_id)
        if row is None:
            return False
        row.step, row.answers = step, json.dumps(answers, ensure_ascii=False)
        return True


def keep(sessions: sessionmaker[Session], telegram_id: int, until: datetime) -> bool:
    with sessions.begin() as session:
        row = session.get(ReportPack, telegram_id)
        if row is None:
            return False
        row.keep_until = until
        return True


def remove(sessions: sessionmaker[Session], telegram_id: int) -> bool:
    with sessions.begin() as session:
        return session.execute(delete(ReportPack).where(ReportPack.telegram_id == telegram_id)).rowcount > 0


def delete_expired(sessions: sessionmaker[Session], now: datetime) -> int:
    """Kept packs past their day, and forms left unfinished (never kept) for UNFINISHED_FOR."""
    expired = or_(
        ReportPack.keep_until < now,
        (ReportPack.keep_until.is_(None)) & (ReportPack.created_at < now - UNFINISHED_FOR),
    )
    with sessions.begin() as session:
        return session.execute(delete(ReportPack).where(expired)).rowcount
