"""Check-ins after a loss the user agreed to (issue 17): on day 1, 3, 7 and 30 after they tapped "Check in on me".

A check-in is claimed by moving `next_day` and `next_due` on in one conditional UPDATE before it is sent (as tips
are in subscriptions.py): two senders, or a restart mid-run, cannot both claim it. A bot that was down for
several check-ins sends the latest one once, not a backlog, and then keeps the schedule; after day 30 the row
goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.models import FollowUp

# Days after the start on which a check-in is due.
DAYS = (1, 3, 7, 30)


@dataclass(frozen=True)
class Schedule:
    next_day: int
    next_due: datetime
    # False when check-ins were already on: the schedule kept going, it did not start again.
    started: bool


@dataclass(frozen=True)
class DueCheckIn:
    telegram_id: int
    day: int
    scam_type: str | None


@dataclass(frozen=True)
class FollowUpView:
    scam_type: str | None
    started_at: datetime
    next_day: int
    next_due: datetime


def _utc(moment: datetime) -> datetime:
    """SQLite hands back times without their zone; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def due_at(started_at: datetime, day: int) -> datetime:
    return _utc(started_at) + timedelta(days=day)


def start(sessions: sessionmaker[Session], telegram_id: int, scam_type: str | None, now: datetime) -> Schedule:
    """Starts the check-ins, first on day 1; if they are already on, leaves them as they are."""
    for attempt in (1, 2):
        try:
            with sessions.begin() as session:
                row = session.get(FollowUp, telegram_id)
                if row is not None:
                    return Schedule(row.next_day, _utc(row.next_due), started=False)
                first = DAYS[0]
                row = FollowUp(
                    telegram_id=telegram_id, scam_type=scam_type, started_at=now, next_day=first,
                    next_due=due_at(now, first),
                )  # fmt: skip
                session.add(row)
                session.flush()
                return Schedule(first, due_at(now, first), started=True)
        except IntegrityError:  # started at the same moment by another tap: now it exists
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def stop(sessions: sessionmaker[Session], telegram_id: int) -> bool:
    """Ends the user's check-ins; False if there were none."""
    with sessions.begin() as session:
        return session.execute(delete(FollowUp).where(FollowUp.telegram_id == telegram_id)).rowcount > 0


def _day_to_send(row: FollowUp, now: datetime) -> int:
    """The latest day already due: the one the schedule says is next, or a later one missed while the bot was
    down (the earlier ones are not sent any more)."""
    passed = [day for day in DAYS if due_at(row.started_at, day) <= now]
    return max([row.next_day, *passed])


def _day_after(day: int) -> int | None:
    return next((later for later in DAYS if later > day), None)


def claim_due(sessions: sessionmaker[Session], now: datetime, limit: int = 500) -> list[DueCheckIn]:
    """The check-ins due now, each claimed for this sender alone: the row moves on to the next day still to
    come, or goes after the last one."""
    claimed = []
    with sessions.begin() as session:
        rows = session.execute(
            select(FollowUp).where(FollowUp.next_due <= now).order_by(FollowUp.next_due).limit(limit)
        ).scalars()
        for row in list(rows):
            day = _day_to_send(row, now)
            following = _day_after(day)
            unchanged = (
                FollowUp.telegram_id == row.telegram_id,
                FollowUp.next_day == row.next_day,
                FollowUp.next_due == row.next_due,
            )
            if following is None:
                statement = delete(FollowUp).where(*unchanged)
            else:
                moved_on = {"next_day": following, "next_due": due_at(row.started_at, following)}
                statement = update(FollowUp).where(*unchanged).values(**moved_on)
            if session.execute(statement.execution_options(synchronize_session=False)).rowcount == 1:
                claimed.append(DueCheckIn(row.telegram_id, day, row.scam_type))
    return claimed


def follow_up_of(sessions: sessionmaker[Session], telegram_id: int) -> FollowUpView | None:
    """The user's check-in schedule, or None when they have none."""
    with sessions() as session:
        row = session.get(FollowUp, telegram_id)
        if row is None:
            return None
        return FollowUpView(row.scam_type, _utc(row.started_at), row.next_day, _utc(row.next_due))
