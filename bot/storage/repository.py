"""What the bot asks of its database, one short session per call."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.guardians import forget_guardian_data
from bot.storage.models import (
    FollowUp,
    LessonProgress,
    PendingDelivery,
    QuizAnswer,
    ReportPack,
    ScamStat,
    Subscription,
    User,
)

SETTINGS = ("language", "region", "audience")


@dataclass(frozen=True)
class UserSettings:
    """A user's settings as the rest of the bot sees them: plain data, no database session behind them."""

    telegram_id: int
    language: str
    region: str
    audience: str  # "standard", or "elderly" for simple mode


def _settings(user: User) -> UserSettings:
    return UserSettings(user.telegram_id, user.language, user.region, user.audience)


def get_or_create_user(sessions: sessionmaker[Session], telegram_id: int, **defaults) -> UserSettings:
    """The user's settings; stored with `defaults` (e.g. their Telegram language) on first contact."""
    with sessions.begin() as session:
        user = session.get(User, telegram_id)
        if user is None:
            user = User(telegram_id=telegram_id, **{k: v for k, v in defaults.items() if k in SETTINGS})
            session.add(user)
            session.flush()
        return _settings(user)


def update_user(sessions: sessionmaker[Session], telegram_id: int, **changes) -> UserSettings:
    unknown = set(changes) - set(SETTINGS)
    if unknown:
        raise ValueError(f"not a user setting: {', '.join(sorted(unknown))}")
    with sessions.begin() as session:
        user = session.get(User, telegram_id) or User(telegram_id=telegram_id)
        for key, value in changes.items():
            setattr(user, key, value)
        session.add(user)
        session.flush()
        return _settings(user)


def forget_user(sessions: sessionmaker[Session], telegram_id: int) -> bool:
    """Deletes everything stored about the user: settings, guardian links on either side, codes, attempts,
    alerts, subscription, lesson progress, quiz answers, a report pack, check-ins after a loss and messages to
    them not yet delivered (statistics hold nothing that points at them). True if the user had a settings row."""
    forget_guardian_data(sessions, telegram_id)
    with sessions.begin() as session:
        session.execute(delete(PendingDelivery).where(PendingDelivery.chat_id == telegram_id))
        for table in (Subscription, LessonProgress, QuizAnswer, ReportPack, FollowUp):
            session.execute(delete(table).where(table.telegram_id == telegram_id))
        return session.execute(delete(User).where(User.telegram_id == telegram_id)).rowcount > 0


def record_scam(sessions: sessionmaker[Session], scam_type: str, language: str, paid: bool | None, day: date) -> None:
    with sessions.begin() as session:
        session.add(ScamStat(day=day, scam_type=scam_type, language=language, paid=paid))


def scam_counts(sessions: sessionmaker[Session], days: int, today: date) -> Counter:
    """Counts per (day, scam type, language, paid) over the last `days` days, today included."""
    since = today - timedelta(days=days - 1)
    with sessions() as session:
        rows = session.scalars(select(ScamStat).where(ScamStat.day >= since))
        return Counter((r.day, r.scam_type, r.language, r.paid) for r in rows)
