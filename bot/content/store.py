"""The live content: reloaded when a file changes (or on demand), never replaced by a broken edit."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from bot.content.loader import load_content
from bot.content.model import Content, content_files
from bot.content.yaml_lines import ContentError, Problem

log = logging.getLogger(__name__)


def _fingerprint(root: Path) -> tuple:
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in content_files(root))


class ContentStore:
    """Holds the current Content; `refresh()` picks up edits, keeping the old content if they are broken."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._stamp = _fingerprint(root)
        # At start-up there is no previous content to fall back on: a broken folder is an error.
        self.current: Content = load_content(root)

    def refresh(self) -> list[Problem]:
        """Reload if any file changed since the last look. Returns the problems of a rejected edit, else []."""
        stamp = _fingerprint(self.root)
        if stamp == self._stamp:
            return []
        return self._load(stamp)

    def refresh_soon(self) -> None:
        """`refresh` for the bot's event loop: a look at the files' stamps here (microseconds), the reload itself
        in a thread, while this message and any other use the content as it is. A reload took ~1 s of CPU, which
        on the loop stalled every user's reply after each edit. One reload at a time; a change made meanwhile is
        seen by the next look."""
        stamp = _fingerprint(self.root)
        if stamp == self._stamp or self._lock.locked():
            return
        threading.Thread(target=self._load, args=(stamp,), name="content-reload", daemon=True).start()

    def reload(self) -> list[Problem]:
        """Reload now (admin command); returns the problems if the content on disk is broken."""
        return self._load(_fingerprint(self.root))

    def _load(self, stamp: tuple) -> list[Problem]:
        with self._lock:
            # Remember the stamp even when the edit is broken: report it once, not on every message.
            self._stamp = stamp
            try:
                content = load_content(self.root)
            except ContentError as error:
                log.warning("content edit rejected, previous content stays live:\n%s", error)
                return error.problems
            except Exception as error:  # noqa: BLE001 - whatever goes wrong, the live content must stay
                log.exception("content reload failed, previous content stays live")
                return [Problem(self.root.name, 0, f"could not be loaded: {error!r}")]
            self.current = content
            log.info("content reloaded from %s", self.root)
            return []
