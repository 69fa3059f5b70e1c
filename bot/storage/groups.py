"""Family groups the bot is in: how readily it speaks up, and whether it has introduced itself there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.models import GroupChat

GROUP_SENSITIVITIES = ("quiet", "normal", "loud")


@dataclass(frozen=True)
class GroupView:
    chat_id: int
    sensitivity: str
    introduced: bool


def _change(sessions: sessionmaker[Session], chat_id: int, **values) -> GroupView:
    """The group's row, created with defaults if absent, with `values` set."""
    for attempt in (1, 2):
        try:
            with sessions.begin() as session:
                group = session.get(GroupChat, chat_id)
                if group is None:
                    group = GroupChat(chat_id=chat_id, sensitivity="normal")
                    session.add(group)
                for key, value in values.items():
                    setattr(group, key, value)
                session.flush()
                return GroupView(group.chat_id, group.sensitivity, group.introduced_at is not None)
        except IntegrityError:  # created at the same moment by another call: now it exists
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def get_group(sessions: sessionmaker[Session], chat_id: int) -> GroupView:
    """The group's settings; a group seen for the first time gets "normal" sensitivity."""
    return _change(sessions, chat_id)


def set_sensitivity(sessions: sessionmaker[Session], chat_id: int, sensitivity: str) -> GroupView:
    if sensitivity not in GROUP_SENSITIVITIES:
        raise ValueError(f"sensitivity must be one of {', '.join(GROUP_SENSITIVITIES)}, not {sensitivity!r}")
    return _change(sessions, chat_id, sensitivity=sensitivity)


def mark_introduced(sessions: sessionmaker[Session], chat_id: int, now: datetime) -> bool:
    """True only the first time for the group (until forget_group), even when called twice at the same moment."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    _change(sessions, chat_id)
    with sessions.begin() as session:
        first = session.execute(
            update(GroupChat)
            .where(GroupChat.chat_id == chat_id, GroupChat.introduced_at.is_(None))
            .values(introduced_at=now.astimezone(UTC))
            .execution_options(synchronize_session=False)
        )
        return first.rowcount == 1


def forget_group(sessions: sessionmaker[Session], chat_id: int) -> None:
    """The bot left the group (or was removed): nothing about it is kept."""
    with sessions.begin() as session:
        session.execute(delete(GroupChat).where(GroupChat.chat_id == chat_id))
