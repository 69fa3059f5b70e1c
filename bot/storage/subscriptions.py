"""Tip subscriptions: who gets a tip, how often, at which local hour, and when the next one is due.

A tip is claimed by moving `next_due` on in one conditional UPDATE before it is sent: two senders (or a
restart mid-run) cannot both claim it, and a bot that was down sends the missed tip once when it is back,
then keeps the schedule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.models import Subscription, User

PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(weeks=1)}


@dataclass(frozen=True)
class DueTip:
    telegram_id: int
    # How many tips this user had before this one: picks the next tip in the rotation.
    number: int


def next_occurrence(frequency: str, hour: int, timezone: str, after: datetime) -> datetime:
    """The first time strictly after `after` at `hour`:00 local time (weekly: on Mondays), in UTC."""
    local = after.astimezone(ZoneInfo(timezone))
    candidate = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if frequency == "weekly":
        candidate -= timedelta(days=candidate.weekday())
    while candidate <= local:
        candidate += PERIODS[frequency]  # wall-clock arithmetic: 9:00 stays 9:00 across daylight saving
    return candidate.astimezone(UTC)


def subscribe(
    sessions: sessionmaker[Session], telegram_id: int, frequency: str, hour: int, timezone: str, now: datetime
) -> datetime:
    """Creates or changes the user's subscription; returns when the first tip is due (UTC)."""
    if frequency not in PERIODS or not 0 <= hour <= 23:
        raise ValueError(f"not a subscription: {frequency} at {hour}")
    due = next_occurrence(frequency, hour, timezone, now)
    with sessions.begin() as session:
        row = session.get(Subscription, telegram_id) or Subscription(telegram_id=telegram_id, tips_sent=0)
        row.frequency, row.hour, row.timezone, row.next_due, row.blocked = frequency, hour, timezone, due, False
        session.add(row)
    return due


def unsubscribe(sessions: sessionmaker[Session], telegram_id: int) -> bool:
    with sessions.begin() as session:
        return session.execute(delete(Subscription).where(Subscription.telegram_id == telegram_id)).rowcount > 0


def claim_due(sessions: sessionmaker[Session], now: datetime, limit: int = 500) -> list[DueTip]:
    """The tips due now, each claimed for this sender alone: its `next_due` moves to the next occurrence."""
    claimed = []
    with sessions.begin() as session:
        rows = session.execute(
            select(Subscription)
            .where(Subscription.next_due <= now, Subscription.blocked.is_(False))
            .order_by(Subscription.next_due)
            .limit(limit)
        ).scalars()
        for row in list(rows):
            following = next_occurrence(row.frequency, row.hour, row.timezone, now)
            moved = session.execute(
                update(Subscription)
                .where(Subscription.telegram_id == row.telegram_id, Subscription.next_due == row.next_due)
                .values(next_due=following, tips_sent=Subscription.tips_sent + 1)
                .execution_options(synchronize_session=False)
            ).rowcount
            if moved == 1:
                claimed.append(DueTip(row.telegram_id, row.tips_sent))
    return claimed


def mark_blocked(sessions: sessionmaker[Session], telegram_id: int) -> None:
    """The user blocked the bot: skipped from now on, until they subscribe again."""
    with sessions.begin() as session:
        session.execute(update(Subscription).where(Subscription.telegram_id == telegram_id).values(blocked=True))


def subscription_of(sessions: sessionmaker[Session], telegram_id: int) -> Subscription | None:
    with sessions() as session:
        return session.get(Subscription, telegram_id)


def recipients(sessions: sessionmaker[Session]) -> list[tuple[int, str]]:
    """(telegram_id, language) of every subscribed user not marked blocked, in id order (English for a
    subscriber without a settings row)."""
    with sessions() as session:
        rows = session.execute(
            select(Subscription.telegram_id, User.language)
            .outerjoin(User, User.telegram_id == Subscription.telegram_id)
            .where(Subscription.blocked.is_(False))
            .order_by(Subscription.telegram_id)
        ).all()
    return [(telegram_id, language or "en") for telegram_id, language in rows]


def count_blocked(sessions: sessionmaker[Session]) -> int:
    """Subscribed users already marked as having blocked the bot."""
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(Subscription).where(Subscription.blocked.is_(True)))
