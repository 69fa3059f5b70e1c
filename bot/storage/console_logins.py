"""The trainers' web console's one-time links and sessions (issue 18).

An admin sends /console to the bot and gets a link holding a random token; opening it (once, within
LINK_VALIDITY) starts a session whose random id lives in an HttpOnly cookie. Only SHA-256 hashes of tokens and
session ids are stored: someone who reads the database cannot sign in. /console_logout ends every session of
that admin and cancels their unused links. A session ends SESSION_LIFETIME after signing in, or after IDLE_LIMIT
without a request (a console left open on a shared computer), whichever comes first.

Every function takes `sessions` first and an explicit timezone-aware `now`, so tests move the clock instead of
sleeping. Times are kept in UTC (SQLite hands them back without a timezone; they are UTC).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.models import ConsoleLink, ConsoleSession, User

LINK_VALIDITY = timedelta(minutes=10)
SESSION_LIFETIME = timedelta(hours=8)
IDLE_LIMIT = timedelta(minutes=30)
# 32 random bytes: URL-safe text of 43 characters, far beyond guessing.
TOKEN_BYTES = 32


@dataclass(frozen=True)
class LinkCheck:
    """What a login link is worth now. status: "ok", "unknown", "expired" or "used"; admin_id only for "ok"."""

    status: str
    admin_id: int | None = None


@dataclass(frozen=True)
class SessionCheck:
    """What a session cookie is worth now. status: "ok", "unknown" (never was, signed out, or past its 8 hours)
    or "idle" (ended just now: IDLE_LIMIT without a request); admin_id only for "ok"."""

    status: str
    admin_id: int | None = None


@dataclass(frozen=True)
class SignedIn:
    """A session that was just opened: the id for the browser's cookie (never stored), whose, until when."""

    session_id: str
    admin_id: int
    expires_at: datetime


def hashed(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def _utc(now: datetime) -> datetime:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(UTC)


def _stored(moment: datetime) -> datetime:
    """A time read back from the database, as an aware UTC datetime (SQLite drops the timezone)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def create_link(sessions: sessionmaker[Session], admin_id: int, now: datetime) -> str:
    """A new one-time login token for `admin_id` (returned in plain, stored hashed). Links and sessions that
    ended are deleted on the way."""
    now = _utc(now)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with sessions.begin() as session:
        # A used link is kept until it would have expired: opening it again says "used", not "unknown".
        session.execute(delete(ConsoleLink).where(ConsoleLink.expires_at <= now))
        session.execute(delete(ConsoleSession).where(ConsoleSession.expires_at <= now))
        session.execute(delete(ConsoleSession).where(ConsoleSession.last_seen_at <= now - IDLE_LIMIT))
        expires_at = now + LINK_VALIDITY
        session.add(ConsoleLink(token_hash=hashed(token), admin_id=admin_id, created_at=now, expires_at=expires_at))
    return token


def check_link(sessions: sessionmaker[Session], token: str, now: datetime) -> LinkCheck:
    """Whether `token` would open a session now, without using it (the page that asks to sign in)."""
    now = _utc(now)
    with sessions.begin() as session:
        row = session.get(ConsoleLink, hashed(token))
        if row is None:
            return LinkCheck("unknown")
        if row.used_at is not None:
            return LinkCheck("used")
        if _stored(row.expires_at) <= now:
            return LinkCheck("expired")
        return LinkCheck("ok", row.admin_id)


def use_link(sessions: sessionmaker[Session], token: str, now: datetime) -> SignedIn | None:
    """Uses the link up and opens a session; None when it cannot be used. The link is used up in one conditional
    UPDATE, so two browsers opening it at once get one session between them."""
    now = _utc(now)
    token_hash = hashed(token)
    with sessions.begin() as session:
        valid = ConsoleLink.token_hash == token_hash, ConsoleLink.used_at.is_(None), ConsoleLink.expires_at > now
        used_up = session.execute(
            update(ConsoleLink).where(*valid).values(used_at=now).execution_options(synchronize_session=False)
        )
        if used_up.rowcount != 1:
            return None
        admin_id = session.scalar(select(ConsoleLink.admin_id).where(ConsoleLink.token_hash == token_hash))
        session_id = secrets.token_urlsafe(TOKEN_BYTES)
        expires_at = now + SESSION_LIFETIME
        session.add(
            ConsoleSession(
                session_hash=hashed(session_id), admin_id=admin_id, created_at=now, expires_at=expires_at,
                last_seen_at=now,
            )
        )
        return SignedIn(session_id, admin_id, expires_at)


def open_session(sessions: sessionmaker[Session], token: str, now: datetime) -> SignedIn | LinkCheck:
    """`use_link`, with the reason when the link cannot be used."""
    signed_in = use_link(sessions, token, now)
    return signed_in if signed_in is not None else check_link(sessions, token, now)


def check_session(sessions: sessionmaker[Session], session_id: str, now: datetime) -> SessionCheck:
    """Whose a session is, while it lasts; a request in it counts as activity (its idle time starts again). A
    session past its lifetime or idle too long is deleted here."""
    now = _utc(now)
    with sessions.begin() as session:
        row = session.get(ConsoleSession, hashed(session_id))
        if row is None:
            return SessionCheck("unknown")
        if _stored(row.expires_at) <= now:
            session.delete(row)
            return SessionCheck("unknown")
        # A row from before migration 0008 has no last_seen_at: its sign-in is the last activity known.
        last_seen = _stored(row.last_seen_at or row.created_at)
        if now - last_seen >= IDLE_LIMIT:
            session.delete(row)
            return SessionCheck("idle")
        row.last_seen_at = now
        return SessionCheck("ok", row.admin_id)


def end_session(sessions: sessionmaker[Session], session_id: str) -> None:
    """Signs one browser out."""
    with sessions.begin() as session:
        session.execute(delete(ConsoleSession).where(ConsoleSession.session_hash == hashed(session_id)))


def end_all(sessions: sessionmaker[Session], admin_id: int) -> int:
    """/console_logout: every session of the admin ends and their unused links are cancelled; returns how many
    sessions there were."""
    with sessions.begin() as session:
        ended = session.execute(delete(ConsoleSession).where(ConsoleSession.admin_id == admin_id)).rowcount
        session.execute(delete(ConsoleLink).where(ConsoleLink.admin_id == admin_id))
    return ended


def admin_language(sessions: sessionmaker[Session], admin_id: int) -> str:
    """The admin's language in the bot (their /language setting), for the console's words; English without one.
    Reads only: opening the console creates no settings row."""
    with sessions.begin() as session:
        return session.scalar(select(User.language).where(User.telegram_id == admin_id)) or "en"
