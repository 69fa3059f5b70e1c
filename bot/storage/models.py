"""Tables. Only what the bot needs: settings per Telegram user, and statistics that cannot identify anyone."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def _now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class User(Base):
    """A Telegram user's settings. No names, no message text."""

    __tablename__ = "users"

    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    language: Mapped[str] = mapped_column(String(8), default="en")
    region: Mapped[str] = mapped_column(String(8), default="cn")
    # "standard", or "elderly" for simple mode.
    audience: Mapped[str] = mapped_column(String(16), default="standard")
    # Whether a linked relative may see the user's own words in an alert (asked when linking, issue 5).
    consent_share_words: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, onupdate=_now)


class ScamStat(Base):
    """One recognised scam story: when, which type, which language, paid or not. Never who, never the text."""

    __tablename__ = "scam_stats"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    scam_type: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8))
    # True paid, False not paid, None not known.
    paid: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
