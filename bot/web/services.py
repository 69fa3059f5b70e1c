"""What the console's pages use: the bot's database, its live content and versions, the trainers' drafts, who
may sign in, and the clock (tests move it instead of sleeping)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from bot.content.store import ContentStore
from bot.content.versions import ContentVersions
from bot.web.drafts import Drafts
from bot.web.preview import DraftContent


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Console:
    sessions: sessionmaker[Session]
    # The live content: the bot's own store when the console runs inside `python -m bot run`, so a publish is
    # live for users at once; a store of its own for `python -m bot console` (the bot reloads from disk).
    content: ContentStore
    versions: ContentVersions
    drafts: Drafts
    admin_ids: frozenset[int]
    # Cookies only over HTTPS when the console is served over HTTPS (CONSOLE_URL).
    secure_cookies: bool
    now: Callable[[], datetime] = _now
    today: Callable[[], date] = date.today
    previews: DraftContent = field(default_factory=DraftContent)


def make_console(
    sessions: sessionmaker[Session],
    content: ContentStore,
    versions: ContentVersions,
    data_dir: Path,
    admin_ids: frozenset[int],
    console_url: str,
) -> Console:
    drafts = Drafts(Path(data_dir) / "console_drafts", versions.live)
    return Console(sessions, content, versions, drafts, frozenset(admin_ids), console_url.startswith("https://"))
