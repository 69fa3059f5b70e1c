"""The outbox: messages to chats Telegram did not take at the first try, kept until it does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.models import PendingDelivery


@dataclass(frozen=True)
class Pending:
    id: int
    chat_id: int
    endpoint: str
    parameters: str  # JSON


def keep(sessions: sessionmaker[Session], chat_id: int, endpoint: str, parameters: str, now: datetime) -> int:
    """Stores a message still to be delivered; its row id."""
    with sessions.begin() as session:
        row = PendingDelivery(chat_id=chat_id, endpoint=endpoint, parameters=parameters, created_at=now)
        session.add(row)
        session.flush()
        return row.id


def done(sessions: sessionmaker[Session], row_id: int) -> None:
    """Delivered, or given up: the row goes."""
    with sessions.begin() as session:
        session.execute(delete(PendingDelivery).where(PendingDelivery.id == row_id))


def take_pending(sessions: sessionmaker[Session], since: datetime) -> list[Pending]:
    """Messages still to deliver, oldest first; rows older than `since` (past the time allowed for delivery)
    are deleted instead."""
    with sessions.begin() as session:
        session.execute(delete(PendingDelivery).where(PendingDelivery.created_at < since))
        rows = session.scalars(select(PendingDelivery).order_by(PendingDelivery.id))
        return [Pending(r.id, r.chat_id, r.endpoint, r.parameters) for r in rows]

