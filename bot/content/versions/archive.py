"""The versioned archive (`ContentVersions`): stage an upload or a rollback, apply it, list the versions.

`stage` -> show `Staged.preview` -> `apply(token)` or `discard(token)`; `list_versions`; `rollback(n)` (or
`stage_rollback(n)` first, for a preview, then `apply`). `stage_files` stages files instead of an upload (the web
console's drafts); `changes_in(n)` is what version n changed.

Layout of `archive` (a folder under DATA_DIR, e.g. data/content_versions):

    1/, 2/, ...             every version: a full copy of content/ as it went live
    1.json, 2.json, ...     {"number", "applied_at" (ISO 8601, UTC), "by" (Telegram id or null), "summary", "sha256"}
    .staging-<token>/       an upload waiting for confirmation: content/ (the candidate) and staged.json
    .lock                   one staging, apply or rollback at a time, across threads and processes

Version 1 is the content as first seen (archived the first time anything is staged or listed). When content/
was edited on disk since the newest version (trainers may still edit files directly; the bot reloads them),
that state is archived as a version of its own ("edited on disk") before anything else happens, so an upload
never overwrites a state that cannot be rolled back to.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import secrets
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.content.isolated_check import check_isolated
from bot.content.versions.preview import Change, compare, render_preview, summarise
from bot.content.versions.swap import make_live
from bot.content.versions.trees import digest, tree_files, write_tree
from bot.content.versions.uploads import read_upload

# The package's name, not this module's: log lines keep the logger name they had before versions.py was split
# into a package (the log format shows it; filters and tests select it).
log = logging.getLogger(__package__)

STAGING_TTL = timedelta(hours=1)  # an unconfirmed upload expires after this
# The candidate's folder is named like the real one, so problems read `content/scams/x.yml:12: reason`.
CANDIDATE = "content"
STAGING_PREFIX = ".staging-"
TOKEN = re.compile(r"^[0-9a-f]{16}$")


class VersionError(ValueError):
    """An upload token or a version number that cannot be used; str() is a sentence for the trainer."""


@dataclass(frozen=True)
class Staged:
    """A checked upload. Accepted: `token` for apply/discard, `problems` empty. Rejected: `token` is "", the
    problems are `file:line: reason` lines (paths like content/scams/x.yml) and nothing was kept or changed."""

    token: str
    problems: list[str]
    changes: list[Change]
    preview: str  # a short summary, then a unified diff, at most PREVIEW_LIMIT characters (plain text)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class VersionInfo:
    number: int
    applied_at: datetime  # UTC
    by: int | None  # Telegram id of the trainer; None for a snapshot (first seen, edited on disk)
    summary: str
    current: bool  # this version is what content/ holds now


def _check(candidate: Path) -> list[str]:
    """`content check` on the candidate, in a process of its own with CPU, memory and time limits
    (isolated_check.py): its problems as `file:line: reason`, [] when it passes."""
    try:
        return check_isolated(candidate)
    except Exception as error:  # an odd upload must be refused, not break the admin command
        log.exception("checking an uploaded content candidate failed")
        return [f"content: the check failed unexpectedly ({type(error).__name__}: {error})"]


def _now() -> datetime:
    return datetime.now(UTC)


class ContentVersions:
    """Uploads, versions and rollbacks of the content folder `live` (CONTENT_DIR), archived under `archive`.

    Every method may be called from any thread or process; they take one lock (in-process and a file lock).
    """

    def __init__(self, live: Path, archive: Path) -> None:
        # The real folder: if CONTENT_DIR is a symbolic link, the folder it points at is the one replaced.
        self.live = Path(live).resolve()
        self.archive = Path(archive).resolve()
        if self.archive.is_relative_to(self.live) or self.live.is_relative_to(self.archive):
            raise ValueError(f"the archive {self.archive} must be outside the content folder {self.live}")
        self._thread_lock = threading.RLock()
        self._depth = 0

    # -- public

    def stage(self, upload_name: str, data: bytes) -> Staged:
        """Builds and checks a candidate: the live content with the upload applied. Changes nothing live."""
        with self._locked():
            _, live = self._sync()
            self._remove_expired()
            upload = read_upload(upload_name, data, live)
            if upload.problems:
                return Staged("", upload.problems, [], render_preview(upload.title, upload.problems, [], []))
            return self._stage(
                live,
                {**live, **upload.files},
                upload.title,
                f"upload {upload_name.strip()}",
                "the upload is identical to the live content",
            )

    def stage_files(self, files: dict[str, bytes], title: str) -> Staged:
        """Like `stage`, with `files` (paths relative to content/ -> their new bytes) laid over the live content
        instead of an upload: the web console publishing a trainer's draft. Changes nothing live."""
        with self._locked():
            _, live = self._sync()
            self._remove_expired()
            return self._stage(live, {**live, **files}, title, title, "the draft is identical to the live content")

    def changes_in(self, number: int) -> tuple[list[Change], list[str]]:
        """What version `number` changed from the version before it (nothing before version 1): the changed files
        and a unified diff of each. Unknown number: VersionError."""
        with self._locked():
            versions, _ = self._sync()
            known = {record["number"] for record in versions}
            if number not in known:
                raise VersionError(f"there is no version {number}; the versions are 1 to {versions[-1]['number']}")
            # Version 1 has nothing before it: compared with itself, it changed nothing.
            before = max((n for n in known if n < number), default=number)
            return compare(tree_files(self.archive / str(before)), tree_files(self.archive / str(number)))

    def stage_rollback(self, number: int) -> Staged:
        """Like `stage`, with archived version `number` as the candidate (for a preview before `rollback`).
        Unknown number: VersionError."""
        with self._locked():
            versions, live = self._sync()
            record = next((r for r in versions if r["number"] == number), None)
            if record is None:
                raise VersionError(f"there is no version {number}; the versions are 1 to {versions[-1]['number']}")
            target = tree_files(self.archive / str(number))
            if digest(target) != record["sha256"]:
                raise VersionError(f"the archived copy of version {number} is damaged ({self.archive / str(number)})")
            return self._stage(
                live,
                target,
                f"Roll back to version {number} of {record['applied_at']}: {record['summary']}",
                f"rollback to version {number}",
                f"version {number} is the live content already",
            )

    def apply(self, token: str, by: int | None) -> int:
        """Makes a staged upload live; returns its version number. VersionError (a ValueError) for an unknown,
        applied, discarded or expired token, or when the live content changed since it was staged."""
        with self._locked():
            staging = self._staging(token)
            meta = json.loads((staging / "staged.json").read_text(encoding="utf-8"))
            if digest(tree_files(self.live)) != meta["base"]:
                raise VersionError(
                    "the live content changed since this upload was checked (another upload, a rollback or an "
                    "edit on disk); send it again"
                )
            versions = self._versions()
            number = versions[-1]["number"] + 1 if versions else 1
            folder = self._fresh_folder(number)
            try:
                os.rename(staging / CANDIDATE, folder)
                files = tree_files(folder)
                how = make_live(self.live, files)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                shutil.rmtree(staging, ignore_errors=True)
                raise
            self._write_record(number, by, meta["summary"], digest(files))
            shutil.rmtree(staging, ignore_errors=True)
            log.info("content version %d is live (%s, by %s): %s", number, how, by, meta["summary"])
            return number

    def discard(self, token: str) -> None:
        """Forgets a staged upload; an unknown token is ignored."""
        if isinstance(token, str) and TOKEN.match(token):
            with self._locked():
                shutil.rmtree(self.archive / f"{STAGING_PREFIX}{token}", ignore_errors=True)

    def list_versions(self) -> list[VersionInfo]:
        """Every version, newest first."""
        with self._locked():
            versions, live = self._sync()
        live_digest = digest(live)
        current = max((r["number"] for r in versions if r["sha256"] == live_digest), default=None)
        return [
            VersionInfo(
                number=r["number"],
                applied_at=datetime.fromisoformat(r["applied_at"]),
                by=r["by"],
                summary=r["summary"],
                current=r["number"] == current,
            )
            for r in reversed(versions)
        ]

    def rollback(self, number: int, by: int | None) -> int:
        """Makes archived version `number` live again as a new version, after checking it; returns the new
        number. VersionError (a ValueError) for an unknown number, the live version, or content that fails."""
        with self._locked():
            staged = self.stage_rollback(number)
            if staged.problems:
                raise VersionError(f"cannot roll back to version {number}:\n" + "\n".join(staged.problems))
            return self.apply(staged.token, by)

    def current_version(self) -> int:
        with self._locked():
            versions, _ = self._sync()
        return versions[-1]["number"]

    # -- staging

    def _stage(self, old: dict[str, bytes], new: dict[str, bytes], title: str, label: str, same: str) -> Staged:
        changes, diffs = compare(old, new)
        if not changes:
            problems = [f"{label}: nothing to change: {same}"]
            return Staged("", problems, [], render_preview(title, problems, [], []))
        token = secrets.token_hex(8)
        staging = self.archive / f"{STAGING_PREFIX}{token}"
        try:
            write_tree(staging / CANDIDATE, new)
            problems = _check(staging / CANDIDATE)
            if not problems:
                meta = {"created": _now().isoformat(), "base": digest(old), "summary": summarise(label, changes)}
                (staging / "staged.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        if problems:
            shutil.rmtree(staging, ignore_errors=True)
            return Staged("", problems, changes, render_preview(title, problems, changes, diffs))
        return Staged(token, [], changes, render_preview(title, [], changes, diffs))

    def _staging(self, token: str) -> Path:
        staging = self.archive / f"{STAGING_PREFIX}{token}"
        if (
            not isinstance(token, str)
            or not TOKEN.match(token)
            or not (staging / "staged.json").is_file()
            or not (staging / CANDIDATE).is_dir()
        ):
            raise VersionError("unknown upload: it was applied or discarded already, or it expired; send it again")
        meta = json.loads((staging / "staged.json").read_text(encoding="utf-8"))
        if _now() - datetime.fromisoformat(meta["created"]) > STAGING_TTL:
            shutil.rmtree(staging, ignore_errors=True)
            hours = STAGING_TTL.total_seconds() / 3600
            raise VersionError(f"this upload expired (checked more than {hours:g} hour(s) ago); send it again")
        return staging

    def _remove_expired(self) -> None:
        """Unconfirmed uploads past STAGING_TTL, and swap folders left by a crash."""
        limit = time.time() - STAGING_TTL.total_seconds()
        leftovers = [
            *self.archive.glob(f"{STAGING_PREFIX}*"),
            *self.live.parent.glob(f".{self.live.name}.new-*"),
            *self.live.parent.glob(f".{self.live.name}.old-*"),
        ]
        for path in leftovers:
            try:
                if path.is_dir() and path.stat().st_mtime < limit:
                    shutil.rmtree(path, ignore_errors=True)
            except OSError:
                pass

    # -- the archive

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with self._thread_lock:
            if self._depth:  # re-entered by the same thread (rollback -> stage_rollback, apply)
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self.archive.mkdir(parents=True, exist_ok=True)
            with open(self.archive / ".lock", "a") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                self._depth = 1
                try:
                    yield
                finally:
                    self._depth = 0
                    fcntl.flock(handle, fcntl.LOCK_UN)

    def _versions(self) -> list[dict]:
        found = []
        for path in self.archive.glob("*.json"):
            if not path.stem.isdecimal() or not (self.archive / path.stem).is_dir():
                continue
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                log.warning("skipping unreadable content version record %s: %s", path, error)
                continue
            record["number"] = int(path.stem)
            found.append(record)
        return sorted(found, key=lambda record: record["number"])

    def _sync(self) -> tuple[list[dict], dict[str, bytes]]:
        """The versions and the live files, after archiving the live content if no version holds it yet."""
        if not self.live.is_dir():
            raise FileNotFoundError(f"content folder not found: {self.live}")
        versions = self._versions()
        live = tree_files(self.live)
        live_digest = digest(live)
        if versions and versions[-1]["sha256"] == live_digest:
            return versions, live
        number = versions[-1]["number"] + 1 if versions else 1
        summary = "edited on disk, outside uploads" if versions else "content as first seen"
        write_tree(self._fresh_folder(number), live)
        self._write_record(number, None, summary, live_digest)
        log.info("content version %d archived: %s", number, summary)
        return self._versions(), live

    def _fresh_folder(self, number: int) -> Path:
        folder = self.archive / str(number)
        if folder.exists():  # left by a crash before its record was written: not a version
            shutil.rmtree(folder)
        return folder

    def _write_record(self, number: int, by: int | None, summary: str, sha256: str) -> None:
        record = {
            "number": number,
            "applied_at": _now().isoformat(timespec="seconds"),
            "by": by,
            "summary": summary,
            "sha256": sha256,
        }
        temporary = self.archive / f".{number}.json.tmp"
        temporary.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(temporary, self.archive / f"{number}.json")
