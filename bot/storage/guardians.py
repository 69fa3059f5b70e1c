"""Guardian links: a relative creates a one-time code, the older user enters it and agrees, and from then
on the relative is alerted (once per conversation episode) when the older user describes a scam.

A code is stored only as its SHA-256, expires after CODE_VALIDITY and can be used once. Entering it ("claiming")
only asks the older user for consent; accepting uses it up. Wrong, expired and used codes count as failed attempts,
and after MAX_FAILED_ATTEMPTS within ATTEMPT_WINDOW no code is even looked at until the window has passed.

Every function takes `sessions` first and, where time matters, an explicit timezone-aware `now`. Times are kept in
UTC (SQLite hands them back without a timezone; they are UTC).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.models import Alert, CodeAttempt, GuardianCode, GuardianLink

# No 0/O, 1/I/L: nothing an older user could misread when it is read out over the phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
CODE_VALIDITY = timedelta(hours=24)
MAX_FAILED_ATTEMPTS = 5
ATTEMPT_WINDOW = timedelta(minutes=15)
ALERT_EPISODE = timedelta(hours=6)

# Spaces and dashes people (or their phones' autocorrect) put into a code.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\u30fc\uff0d]+")


@dataclass(frozen=True)
class ClaimResult:
    """status: "ok", "unknown", "expired", "used", "own_code" or "throttled". The rest is set only for "ok"."""

    status: str
    relative_id: int | None = None
    language: str | None = None
    region: str | None = None
    audience: str | None = None


@dataclass(frozen=True)
class Accepted:
    """A link the older user agreed to, with the settings the relative chose for them (None: keep theirs)."""

    link_id: int
    relative_id: int
    elder_id: int
    share_words: bool
    language: str | None
    region: str | None
    audience: str | None


@dataclass(frozen=True)
class LinkView:
    link_id: int
    relative_id: int
    elder_id: int
    share_words: bool
    created_at: datetime


def normalise_code(text: str) -> str:
    """What a person typed, as a code: "abcd-efgh", "ABCD EFGH" and full-width letters all give "ABCDEFGH"."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()


def _hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def _utc(now: datetime) -> datetime:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(UTC)


def _stored(moment: datetime) -> datetime:
    """A time read back from the database, as an aware UTC datetime (SQLite drops the timezone)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _view(link: GuardianLink) -> LinkView:
    return LinkView(link.id, link.relative_id, link.elder_id, link.share_words, _stored(link.created_at))


def create_code(
    sessions: sessionmaker[Session],
    relative_id: int,
    now: datetime,
    *,
    language: str | None = None,
    region: str | None = None,
    audience: str | None = None,
) -> str:
    """A new code for the relative to give the older user; returns the plain code (it is stored only hashed).

    Codes that expired more than CODE_VALIDITY ago are deleted on the way."""
    now = _utc(now)
    for _ in range(5):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        try:
            with sessions.begin() as session:
                session.execute(delete(GuardianCode).where(GuardianCode.expires_at <= now - CODE_VALIDITY))
                session.add(
                    GuardianCode(
                        code_hash=_hash(code),
                        relative_id=relative_id,
                        created_at=now,
                        expires_at=now + CODE_VALIDITY,
                        language=language,
                        region=region,
                        audience=audience,
                    )
                )
            return code
        except IntegrityError:  # the same code is already out there (about 1 in 10^12): pick another
            continue
    raise RuntimeError("could not pick an unused guardian code")


def _recent_failures(session: Session, telegram_id: int, now: datetime) -> int:
    session.execute(
        delete(CodeAttempt).where(CodeAttempt.telegram_id == telegram_id, CodeAttempt.at <= now - ATTEMPT_WINDOW)
    )
    recent = select(func.count()).where(CodeAttempt.telegram_id == telegram_id, CodeAttempt.at > now - ATTEMPT_WINDOW)
    return session.scalar(recent) or 0


def claim_code(sessions: sessionmaker[Session], elder_id: int, code: str, now: datetime) -> ClaimResult:
    """The older user entered `code`. On "ok" they are to be asked for consent (accept_claim / decline_claim); the
    code stays unused until they accept. A newer claim replaces any earlier claim by the same user."""
    now = _utc(now)
    with sessions.begin() as session:
        if _recent_failures(session, elder_id, now) >= MAX_FAILED_ATTEMPTS:
            return ClaimResult("throttled")
        row = session.get(GuardianCode, _hash(code))
        if row is not None and row.relative_id == elder_id:
            return ClaimResult("own_code")
        if row is None:
            status = "unknown"
        elif row.used_at is not None:
            status = "used"
        elif _stored(row.expires_at) <= now:
            status = "expired"
        else:
            session.execute(
                update(GuardianCode)
                .where(
                    GuardianCode.claimed_by == elder_id,
                    GuardianCode.used_at.is_(None),
                    GuardianCode.code_hash != row.code_hash,
                )
                .values(claimed_by=None)
                .execution_options(synchronize_session=False)
            )
            row.claimed_by = elder_id
            return ClaimResult("ok", row.relative_id, row.language, row.region, row.audience)
        session.add(CodeAttempt(telegram_id=elder_id, at=now))
        return ClaimResult(status)


def _accept_once(sessions: sessionmaker[Session], elder_id: int, share_words: bool, now: datetime) -> Accepted | None:
    with sessions.begin() as session:
        pending = GuardianCode.claimed_by == elder_id, GuardianCode.used_at.is_(None), GuardianCode.expires_at > now
        newest = select(GuardianCode).where(*pending).order_by(GuardianCode.created_at.desc(), GuardianCode.code_hash)
        row = session.scalars(newest.limit(1)).first()
        if row is None:
            return None
        # Uses the code up only if nobody else did in the meantime: a code links one pair, once.
        used_up = session.execute(
            update(GuardianCode)
            .where(GuardianCode.code_hash == row.code_hash, *pending)
            .values(used_at=now)
            .execution_options(synchronize_session=False)
        )
        if used_up.rowcount != 1:
            return None
        pair = GuardianLink.relative_id == row.relative_id, GuardianLink.elder_id == elder_id
        link = session.scalars(select(GuardianLink).where(*pair)).first()
        if link is None:
            link = GuardianLink(relative_id=row.relative_id, elder_id=elder_id, share_words=share_words, created_at=now)
            session.add(link)
        else:
            link.share_words = share_words
        session.flush()
        return Accepted(link.id, link.relative_id, elder_id, share_words, row.language, row.region, row.audience)


def accept_claim(sessions: sessionmaker[Session], elder_id: int, share_words: bool, now: datetime) -> Accepted | None:
    """The older user agreed: uses up the code they claimed (the newest, if unexpired and unused) and links them to
    its relative, or updates share_words if they are linked already. None when there is nothing to accept."""
    now = _utc(now)
    try:
        return _accept_once(sessions, elder_id, share_words, now)
    except IntegrityError:  # the same pair was linked at this very moment by another code: update that link
        return _accept_once(sessions, elder_id, share_words, now)


def decline_claim(sessions: sessionmaker[Session], elder_id: int) -> int | None:
    """The older user said no: their claim is withdrawn (the code stays unused). Returns the relative to tell."""
    with sessions.begin() as session:
        pending = GuardianCode.claimed_by == elder_id, GuardianCode.used_at.is_(None)
        rows = session.scalars(select(GuardianCode).where(*pending).order_by(GuardianCode.created_at.desc())).all()
        declined = None
        for row in rows:
            withdrawn = session.execute(
                update(GuardianCode)
                .where(GuardianCode.code_hash == row.code_hash, *pending)
                .values(claimed_by=None)
                .execution_options(synchronize_session=False)
            )
            if withdrawn.rowcount == 1 and declined is None:
                declined = row.relative_id
        return declined


def links_of(sessions: sessionmaker[Session], telegram_id: int) -> list[LinkView]:
    """Links where the user is the relative or the older user, oldest first."""
    either_side = or_(GuardianLink.relative_id == telegram_id, GuardianLink.elder_id == telegram_id)
    with sessions() as session:
        query = select(GuardianLink).where(either_side)
        return [_view(link) for link in session.scalars(query.order_by(GuardianLink.created_at, GuardianLink.id))]


def relatives_of(sessions: sessionmaker[Session], elder_id: int) -> list[LinkView]:
    """Links of the older user's relatives (whom to alert), oldest first."""
    with sessions() as session:
        query = select(GuardianLink).where(GuardianLink.elder_id == elder_id)
        return [_view(link) for link in session.scalars(query.order_by(GuardianLink.created_at, GuardianLink.id))]


def shares_words(sessions: sessionmaker[Session], elder_id: int) -> bool:
    """Whether any relative of the older user may see their words (a link they accepted with words)."""
    with sessions() as session:
        query = select(GuardianLink.id).where(GuardianLink.elder_id == elder_id, GuardianLink.share_words)
        return session.scalar(query.limit(1)) is not None


def remove_link(sessions: sessionmaker[Session], link_id: int, by_user: int) -> LinkView | None:
    """Deletes the link if `by_user` is one of its two sides; returns what was removed (to tell both), else None."""
    with sessions.begin() as session:
        link = session.get(GuardianLink, link_id)
        if link is None or by_user not in (link.relative_id, link.elder_id):
            return None
        removed = _view(link)
        if session.execute(delete(GuardianLink).where(GuardianLink.id == link_id)).rowcount != 1:
            return None  # removed at the same moment by the other side
        return removed


def claim_alert(sessions: sessionmaker[Session], elder_id: int, scam_type: str, now: datetime) -> bool:
    """True (and recorded) if the older user's relatives have not been alerted within ALERT_EPISODE before `now`,
    whatever the scam type; False means this is the same episode, so no new alert."""
    now = _utc(now)
    with sessions.begin() as session:
        # Two alerts about the same person at the same moment: on PostgreSQL the second waits here on their links;
        # SQLite has one writer at a time, and the DELETE below makes this a writing transaction.
        session.execute(select(GuardianLink.id).where(GuardianLink.elder_id == elder_id).with_for_update())
        session.execute(delete(Alert).where(Alert.elder_id == elder_id, Alert.sent_at <= now - ALERT_EPISODE))
        recent = select(Alert.id).where(Alert.elder_id == elder_id, Alert.sent_at > now - ALERT_EPISODE).limit(1)
        if session.scalar(recent) is not None:
            return False
        session.add(Alert(elder_id=elder_id, scam_type=scam_type, sent_at=now))
        return True


def forget_guardian_data(sessions: sessionmaker[Session], telegram_id: int) -> list[LinkView]:
    """Deletes the user's links (either side), codes they created or claimed, and alerts. Failed code attempts
    stay (they hold only the id and a time, and go after ATTEMPT_WINDOW): /forget must not lift the lockout
    that stops someone guessing codes (issue 15, privacy 14). Returns the links removed, so the other sides
    can be told."""
    with sessions.begin() as session:
        either_side = or_(GuardianLink.relative_id == telegram_id, GuardianLink.elder_id == telegram_id)
        removed = [_view(link) for link in session.scalars(select(GuardianLink).where(either_side))]
        session.execute(delete(GuardianLink).where(either_side))
        their_codes = or_(GuardianCode.relative_id == telegram_id, GuardianCode.claimed_by == telegram_id)
        session.execute(delete(GuardianCode).where(their_codes))
        session.execute(delete(Alert).where(Alert.elder_id == telegram_id))
        return removed
