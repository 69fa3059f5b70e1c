"""Tables. Only what the bot needs: settings per Telegram user, statistics that cannot identify anyone, guardian
links between an older user and a relative, family groups the bot is in, replies not yet delivered, and the
trainers' web console's one-time links and sessions (hashes only)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Integer, String, Text, UniqueConstraint
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


class GuardianCode(Base):
    """A one-time code a relative gives an older user to link them. Only its SHA-256 is stored, never the code."""

    __tablename__ = "guardian_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    relative_id: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # The older user who entered the code and is being asked for consent; the code is not used up until they agree.
    claimed_by: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # Settings the relative chose for the older user (None: leave theirs as they are).
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    region: Mapped[str | None] = mapped_column(String(8), nullable=True)
    audience: Mapped[str | None] = mapped_column(String(16), nullable=True)


class GuardianLink(Base):
    """A relative is alerted when the older user describes a scam; the older user agreed to it."""

    __tablename__ = "guardian_links"
    __table_args__ = (UniqueConstraint("relative_id", "elder_id", name="uq_guardian_links_relative_id_elder_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    relative_id: Mapped[int] = mapped_column(BigInteger)
    elder_id: Mapped[int] = mapped_column(BigInteger, index=True)
    # The older user agreed that their own words may be forwarded in alerts.
    share_words: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class CodeAttempt(Base):
    """A wrong, expired or used code someone entered, kept only as long as rate limiting needs it."""

    __tablename__ = "code_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Alert(Base):
    """When relatives were last alerted about an older user: one alert per conversation episode."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    elder_id: Mapped[int] = mapped_column(BigInteger, index=True)
    scam_type: Mapped[str] = mapped_column(String(32))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class GroupChat(Base):
    """A family group the bot is in: how readily it speaks up, and whether it has introduced itself."""

    __tablename__ = "group_chats"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # "quiet" | "normal" | "loud"
    sensitivity: Mapped[str] = mapped_column(String(8), default="normal")
    introduced_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class LessonProgress(Base):
    """How far a user got in one lesson (one lesson per scam type)."""

    __tablename__ = "lesson_progress"

    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    scam_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    page: Mapped[int] = mapped_column(Integer, default=0)
    completed: Mapped[bool] = mapped_column(Boolean, default=False)


class QuizAnswer(Base):
    """One quiz answer: which question, right or wrong. Never what else the user wrote."""

    __tablename__ = "quiz_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, index=True)
    question_id: Mapped[str] = mapped_column(String(32))
    correct: Mapped[bool] = mapped_column(Boolean)
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class Subscription(Base):
    """A user's tip subscription. `next_due` (UTC) is moved on before a tip is sent, so a restart neither
    repeats nor skips one; a user who blocked the bot is marked and skipped."""

    __tablename__ = "subscriptions"

    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # "daily" | "weekly"
    frequency: Mapped[str] = mapped_column(String(8))
    # Local hour of the day the user picked, in their region's time zone.
    hour: Mapped[int] = mapped_column(Integer)
    timezone: Mapped[str] = mapped_column(String(40))
    next_due: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    tips_sent: Mapped[int] = mapped_column(Integer, default=0)
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)


class PendingDelivery(Base):
    """A message to a chat (sent or edited) that Telegram did not accept at the first try: written then, deleted
    once Telegram accepts it or after ten minutes of trying, so a warning survives 429s, outages and a restart
    (issue 15). The request's parameters are kept as sent, text included, for those minutes only."""

    __tablename__ = "pending_deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    endpoint: Mapped[str] = mapped_column(String(40))
    # The Bot API request's parameters as JSON (PTB's json_parameters: strings, nested objects as JSON).
    parameters: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ReportPack(Base):
    """What a user who lost money tells the bot for their report to the bank and police (issue 17), while the
    short form is filled in. Deleted once the pack is sent, unless the user chose to keep it: then `keep_until`
    (at most 30 days) ends it. The user's own card and account numbers are masked before they are stored."""

    __tablename__ = "report_packs"

    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    scam_type: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # The question being asked now ("done" once the pack was produced).
    step: Mapped[str] = mapped_column(String(16))
    # The answers so far as JSON: {question: answer}.
    answers: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    keep_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class FollowUp(Base):
    """Check-ins after a loss the user agreed to (issue 17): days 1, 3, 7 and 30 after `started_at`. `next_day`
    is the next one to send and `next_due` when; a check-in is claimed by moving them on before it is sent, so a
    restart neither repeats nor skips one, and check-ins missed while the bot was down are sent once (the latest)."""

    __tablename__ = "follow_ups"

    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    scam_type: Mapped[str | None] = mapped_column(String(32), nullable=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    next_day: Mapped[int] = mapped_column(Integer)
    next_due: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class ConsoleLink(Base):
    """A one-time link into the trainers' web console, sent by the bot on /console (issue 18). Only the SHA-256 of
    its token is stored; it opens one session, once, within ten minutes."""

    __tablename__ = "console_links"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    admin_id: Mapped[int] = mapped_column(BigInteger, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ConsoleSession(Base):
    """A signed-in browser of the trainers' web console: only the SHA-256 of the session id in its cookie is stored.
    It ends at `expires_at`, after IDLE_LIMIT without a request (`last_seen_at`), on signing out, or for all of an
    admin's browsers on /console_logout."""

    __tablename__ = "console_sessions"

    session_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    admin_id: Mapped[int] = mapped_column(BigInteger, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    # The last request in this session: IDLE_LIMIT after it the session ends (bot/storage/console_logins.py).
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
