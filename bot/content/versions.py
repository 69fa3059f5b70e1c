"""Content versions: a trainer's upload is staged on a copy of content/, checked like `content check`,
previewed, then made live atomically as a new numbered version; every version is archived in full, so any
of them can be made live again (`rollback`).

No Telegram code here: the admin handlers call this, from a worker thread (`asyncio.to_thread`): staging runs
the full content check, about a second. `stage` -> show `Staged.preview` -> `apply(token)` or `discard(token)`;
`list_versions`; `rollback(n)` (or `stage_rollback(n)` first, for a preview, then `apply`).

Layout of `archive` (a folder under DATA_DIR, e.g. data/content_versions):

    1/, 2/, ...             every version: a full copy of content/ as it went live
    1.json, 2.json, ...     {"number", "applied_at" (ISO 8601, UTC), "by" (Telegram id or null), "summary", "sha256"}
    .staging-<token>/       an upload waiting for confirmation: content/ (the candidate) and staged.json
    .lock                   one staging, apply or rollback at a time, across threads and processes

Version 1 is the content as first seen (archived the first time anything is staged or listed). When content/
was edited on disk since the newest version (trainers may still edit files directly; the bot reloads them),
that state is archived as a version of its own ("edited on disk") before anything else happens, so an upload
never overwrites a state that cannot be rolled back to.

An upload is either
- one content file (.yml, .yaml, .j2, .md, .txt) replacing the existing file of the same name. Several files
  share a name (scams/stock_lecturer.yml and quiz/stock_lecturer.yml): the upload replaces the one whose lines
  it clearly shares (it is an edited copy of it), else it is refused, naming the candidates. A name with its
  folder (`scams/stock_lecturer.yml`) is taken as that path. A single file never adds a new file.
- a .zip whose members are paths relative to content/ (an optional leading `content/` is dropped). Its files
  are laid over the live content, replacing or adding files in existing folders; a zip never removes a file:
  sending the two files one edited is the common case, and a zip that deleted everything it does not hold
  would wipe the content. A file goes away by rolling back to a version without it (or on disk).

Uploaded text must be UTF-8; a leading byte-order mark is dropped and Windows line ends become "\\n", so an
edit made on Windows does not show as every line changed. Files whose name starts with "." (editor backups,
.DS_Store) are not content: they are neither archived nor kept by an apply.
"""

from __future__ import annotations

import ctypes
import difflib
import errno
import fcntl
import functools
import hashlib
import io
import json
import logging
import os
import re
import secrets
import shutil
import stat
import tempfile
import threading
import time
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath

from bot.content.library import load_content
from bot.content.yaml_lines import ContentError

log = logging.getLogger(__name__)

UPLOAD_SUFFIXES = (".yml", ".yaml", ".j2", ".md", ".txt")
MAX_FILES = 500  # files in one zip
MAX_BYTES = 5 * 1024 * 1024  # one upload, and everything a zip unpacks to
PREVIEW_LIMIT = 3000  # characters of Staged.preview
STAGING_TTL = timedelta(hours=1)  # an unconfirmed upload expires after this
MAX_LISTED = 15  # problems, changed files listed in a preview
SUMMARY_LIMIT = 200  # characters of a version's summary
# The candidate's folder is named like the real one, so problems read `content/scams/x.yml:12: reason`.
CANDIDATE = "content"
STAGING_PREFIX = ".staging-"
TOKEN = re.compile(r"^[0-9a-f]{16}$")
# Errors of rename(2) on content/ itself when it cannot be moved: a mount point (a Docker volume), another
# file system, a parent folder the bot may not write. Then files are replaced one by one (`_replace_files`).
CANNOT_MOVE = {errno.EBUSY, errno.EXDEV, errno.EPERM, errno.EACCES}


class VersionError(ValueError):
    """An upload token or a version number that cannot be used; str() is a sentence for the trainer."""


@dataclass(frozen=True)
class Change:
    path: str  # relative to content/, e.g. "scams/stock_lecturer.yml"
    kind: str  # "added", "changed" or "removed"
    lines_added: int
    lines_removed: int


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


# ---------------------------------------------------------------------------------------------- file trees


def _tree_paths(root: Path) -> Iterator[tuple[str, Path]]:
    """(path relative to root with "/", path) of every file under root whose path has no hidden part."""
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder).relative_to(root)
        for name in sorted(names):
            path = Path(folder, name)
            if not name.startswith(".") and path.is_file():
                yield (base / name).as_posix(), path


def _tree_files(root: Path) -> dict[str, bytes]:
    return {relative: path.read_bytes() for relative, path in _tree_paths(root)}


def _digest(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for relative, body in sorted(files.items()):
        digest.update(f"{relative}\0{len(body)}\0".encode())
        digest.update(body)
    return digest.hexdigest()


def _write_tree(root: Path, files: dict[str, bytes], durable: bool = False) -> None:
    for relative, body in files.items():
        path = root.joinpath(*relative.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(body)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())


def _fsync_folder(path: Path) -> None:
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _folders(files: dict[str, bytes]) -> set[str]:
    """Every folder holding a file, and its ancestors; "" is content/ itself."""
    found = {""}
    for relative in files:
        parts = relative.split("/")[:-1]
        found.update("/".join(parts[:end]) for end in range(1, len(parts) + 1))
    return found


# ------------------------------------------------------------------------------- the swap: rename(2) family

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@functools.cache
def _renameat2():
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):  # not glibc >= 2.28 / not Linux
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    function.restype = ctypes.c_int
    return function


def _exchange(first: Path, second: Path) -> bool:
    """Swaps two existing paths in one step (Linux renameat2 RENAME_EXCHANGE). False where the system or the
    file system cannot; OSError for any other failure (nothing was swapped then)."""
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


# ------------------------------------------------------------------------------------------------ uploads


@dataclass
class _Upload:
    title: str
    files: dict[str, bytes] = field(default_factory=dict)  # relative to content/ -> normalised text
    problems: list[str] = field(default_factory=list)


def _normalise_text(display: str, data: bytes) -> tuple[bytes, str | None]:
    """UTF-8 without a byte-order mark, "\\n" line ends; or a `file:line: reason` problem."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return b"", f"{display}:{line}: not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8"
    return text.removeprefix("\ufeff").replace("\r\n", "\n").encode("utf-8"), None


def _read_upload(name: str, data: bytes, live: dict[str, bytes]) -> _Upload:
    shown = name.strip() or "upload"
    suffix = PurePosixPath(shown.replace("\\", "/")).suffix.lower()
    if len(data) > MAX_BYTES:
        return _Upload(f"Upload {shown}", problems=[f"{shown}: {len(data):,} bytes; an upload may be at most 5 MB"])
    if suffix == ".zip":
        return _read_zip(shown, data, live)
    if suffix in UPLOAD_SUFFIXES:
        return _read_single(shown, data, live)
    allowed = ", ".join(UPLOAD_SUFFIXES)
    return _Upload(f"Upload {shown}", problems=[f"{shown}: send one content file ({allowed}) or a .zip of content/"])


def _read_single(name: str, data: bytes, live: dict[str, bytes]) -> _Upload:
    upload = _Upload(f"Upload {name}")
    body, problem = _normalise_text(name, data)
    if problem:
        upload.problems.append(problem)
        return upload
    path = name.replace("\\", "/").strip("/")
    wanted = path.removeprefix("content/")
    if wanted in live:
        upload.title, upload.files = f"Upload {name} → content/{wanted}", {wanted: body}
        return upload
    base = PurePosixPath(path).name
    candidates = [relative for relative in live if PurePosixPath(relative).name == base]
    if not candidates:
        upload.problems.append(
            f"{name}: no content file is named {base}; to add a new file, send a .zip of content/ with the file "
            f"in its folder (for example scams/{base})"
        )
        return upload
    note = ""
    target = candidates[0]
    if len(candidates) > 1:
        target = _resembled(body, {relative: live[relative] for relative in candidates})
        # The chosen file first.
        ordered = sorted(candidates, key=lambda relative: relative != target)
        listed = ", ".join(f"content/{relative}" for relative in ordered)
        if target is None:
            upload.problems.append(
                f"{name}: {len(candidates)} content files are named {base} ({listed}) and the upload is not "
                f"clearly an edited copy of one of them; send a .zip of content/ with the file in its folder"
            )
            return upload
        note = f"\n({len(candidates)} files are named {base}: {listed}; the upload is an edited copy of the first)"
    upload.title, upload.files = f"Upload {name} → content/{target}{note}", {target: body}
    return upload


def _resembled(body: bytes, candidates: dict[str, bytes]) -> str | None:
    """The candidate most of the upload's lines come from, when that is clear."""
    lines = {line.strip() for line in body.decode("utf-8").splitlines() if line.strip()}
    if not lines:
        return None
    scores = sorted(
        (
            (len(lines & {line.strip() for line in text.decode("utf-8", "replace").splitlines()}) / len(lines), path)
            for path, text in candidates.items()
        ),
        reverse=True,
    )
    (best, path), (second, _) = scores[0], scores[1]
    return path if best >= 0.5 and best - second >= 0.25 else None


def _ignored_in_zip(name: str) -> bool:
    """macOS Finder's metadata, added to every zip it makes."""
    return name.startswith("__MACOSX/") or PurePosixPath(name).name == ".DS_Store"


def _member_path(info: zipfile.ZipInfo, folders: set[str]) -> tuple[str, str | None]:
    """(path relative to content/, None) or ("", why the member is refused)."""
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "", "a symbolic link; only plain files are accepted"
    if stat.S_IFMT(mode) and not stat.S_ISREG(mode):
        return "", "not a plain file"
    if info.flag_bits & 0x1:
        return "", "encrypted; send a zip without a password"
    raw = info.filename.replace("\\", "/")
    if raw.startswith("/") or re.match(r"^[A-Za-z]:", raw):
        return "", "an absolute path; paths in the zip are relative to content/"
    parts = [part for part in raw.split("/") if part not in ("", ".")]
    if ".." in parts:
        return "", "the path leaves content/ ('..')"
    if len(parts) > 1 and parts[0] == "content":
        parts = parts[1:]
    if any(part.startswith(".") for part in parts):
        return "", "a hidden file, not content"
    relative = "/".join(parts)
    if PurePosixPath(relative).suffix not in UPLOAD_SUFFIXES:
        return "", f"not a content file (accepted: {', '.join(UPLOAD_SUFFIXES)})"
    folder = "/".join(parts[:-1])
    if folder not in folders:
        return "", (
            f"content/ has no folder {folder}/ (paths are relative to content/, for example scams/x.yml or "
            "templates/x.j2; new folders are not accepted)"
        )
    return relative, None


def _read_zip(name: str, data: bytes, live: dict[str, bytes]) -> _Upload:
    upload = _Upload(f"Upload {name}")

    def refuse(reason: str) -> _Upload:
        upload.problems.append(f"{name}: {reason}")
        return upload

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        return refuse(f"not a valid zip file ({error})")
    with archive:
        entries = archive.infolist()
        members = [info for info in entries if not info.is_dir() and not _ignored_in_zip(info.filename)]
        if len(members) > MAX_FILES or len(entries) > 4 * MAX_FILES:
            return refuse(f"it holds {len(members):,} files ({len(entries):,} entries); at most {MAX_FILES}")
        declared = sum(info.file_size for info in members)
        if declared > MAX_BYTES:
            return refuse(f"it unpacks to {declared:,} bytes; at most {MAX_BYTES:,} (5 MB)")
        if not members:
            return refuse("it holds no files")
        folders = _folders(live)
        budget = MAX_BYTES
        for info in members:
            relative, reason = _member_path(info, folders)
            if reason:
                upload.problems.append(f"{name}: {info.filename}: {reason}")
                continue
            if relative in upload.files:
                upload.problems.append(f"{name}: {info.filename}: content/{relative} is in the zip twice")
                continue
            try:
                with archive.open(info) as handle:
                    # Never more than the budget, whatever the member's header claims.
                    body = handle.read(budget + 1)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, OSError, zlib.error) as error:
                upload.problems.append(f"{name}: {info.filename}: cannot be unpacked ({error})")
                continue
            if len(body) > budget:
                upload.problems[:] = [f"{name}: it unpacks to more than {MAX_BYTES:,} bytes (5 MB)"]
                upload.files.clear()
                return upload
            budget -= len(body)
            text, problem = _normalise_text(f"content/{relative}", body)
            if problem:
                upload.problems.append(problem)
                continue
            upload.files[relative] = text
    ignored = len(entries) - len(members) - sum(1 for info in entries if info.is_dir())
    upload.title = f"Upload {name}: {len(upload.files)} file(s) from the zip laid over content/ (none removed)"
    if ignored:
        upload.title += f"; {ignored} macOS metadata entr{'y' if ignored == 1 else 'ies'} ignored"
    return upload


# ------------------------------------------------------------------------------------------ diff, preview


def _lines(body: bytes | None) -> list[str]:
    if body is None:
        return []
    lines = body.decode("utf-8", "replace").splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


def _compare(old: dict[str, bytes], new: dict[str, bytes]) -> tuple[list[Change], list[str]]:
    changes, diffs = [], []
    for relative in sorted(old.keys() | new.keys()):
        before, after = old.get(relative), new.get(relative)
        if before == after:
            continue
        kind = "added" if before is None else "removed" if after is None else "changed"
        diff = list(
            difflib.unified_diff(
                _lines(before),
                _lines(after),
                "/dev/null" if before is None else f"a/content/{relative}",
                "/dev/null" if after is None else f"b/content/{relative}",
                n=2,
            )
        )
        body = diff[2:]  # after the ---/+++ header
        added = sum(1 for line in body if line.startswith("+"))
        removed = sum(1 for line in body if line.startswith("-"))
        changes.append(Change(relative, kind, added, removed))
        diffs.append("".join(diff))
    return changes, diffs


def _preview(title: str, problems: list[str], changes: list[Change], diffs: list[str]) -> str:
    head = [title]
    if problems:
        head.append(f"Rejected: {len(problems)} problem(s); nothing was changed.")
        head += [f"  {problem}" for problem in problems[:MAX_LISTED]]
        if len(problems) > MAX_LISTED:
            head.append(f"  … and {len(problems) - MAX_LISTED} more")
    if changes:
        added = sum(change.lines_added for change in changes)
        removed = sum(change.lines_removed for change in changes)
        head.append(f"{len(changes)} file(s), +{added} -{removed} lines:")
        head += [
            f"  {change.kind} content/{change.path} (+{change.lines_added} -{change.lines_removed})"
            for change in changes[:MAX_LISTED]
        ]
        if len(changes) > MAX_LISTED:
            head.append(f"  … and {len(changes) - MAX_LISTED} more")
    if not problems:
        head.append("Content check: passed.")
    text = "\n".join(head)
    if len(text) > PREVIEW_LIMIT:
        return text[: PREVIEW_LIMIT - 1] + "…"
    diff = "".join(diffs)
    room = PREVIEW_LIMIT - len(text) - 2
    if diff and room >= 200:
        if len(diff) > room:
            cut = diff[: room - 60]
            cut = cut[: cut.rfind("\n") + 1]
            rest = diff[len(cut) :].count("\n")
            diff = cut + f"… diff cut here, {rest} more line(s)\n"
        text += "\n\n" + diff
    return text.rstrip("\n")


def _summary(label: str, changes: list[Change]) -> str:
    if len(changes) <= 3:
        text = f"{label}: " + ", ".join(
            f"{change.kind} {change.path} (+{change.lines_added} -{change.lines_removed})" for change in changes
        )
    else:
        counts = {kind: sum(1 for change in changes if change.kind == kind) for kind in ("changed", "added", "removed")}
        text = f"{label}: {len(changes)} files (" + ", ".join(f"{n} {kind}" for kind, n in counts.items() if n) + ")"
    return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1] + "…"


def _check(candidate: Path) -> list[str]:
    """`content check` on the candidate: its problems as `file:line: reason`, [] when it passes."""
    try:
        load_content(candidate)
    except ContentError as error:
        return [str(problem) for problem in error.problems]
    except Exception as error:  # an odd upload must be refused, not break the admin command
        log.exception("checking an uploaded content candidate failed")
        return [f"content: the check failed unexpectedly ({type(error).__name__}: {error})"]
    return []


def _now() -> datetime:
    return datetime.now(UTC)


# ---------------------------------------------------------------------------------------------- versions


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
            upload = _read_upload(upload_name, data, live)
            if upload.problems:
                return Staged("", upload.problems, [], _preview(upload.title, upload.problems, [], []))
            return self._stage(
                live,
                {**live, **upload.files},
                upload.title,
                f"upload {upload_name.strip()}",
                "the upload is identical to the live content",
            )

    def stage_rollback(self, number: int) -> Staged:
        """Like `stage`, with archived version `number` as the candidate (for a preview before `rollback`).
        Unknown number: VersionError."""
        with self._locked():
            versions, live = self._sync()
            record = next((r for r in versions if r["number"] == number), None)
            if record is None:
                raise VersionError(f"there is no version {number}; the versions are 1 to {versions[-1]['number']}")
            target = _tree_files(self.archive / str(number))
            if _digest(target) != record["sha256"]:
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
            if _digest(_tree_files(self.live)) != meta["base"]:
                raise VersionError(
                    "the live content changed since this upload was checked (another upload, a rollback or an "
                    "edit on disk); send it again"
                )
            versions = self._versions()
            number = versions[-1]["number"] + 1 if versions else 1
            folder = self._fresh_folder(number)
            try:
                os.rename(staging / CANDIDATE, folder)
                files = _tree_files(folder)
                how = self._make_live(files)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                shutil.rmtree(staging, ignore_errors=True)
                raise
            self._write_record(number, by, meta["summary"], _digest(files))
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
        digest = _digest(live)
        current = max((r["number"] for r in versions if r["sha256"] == digest), default=None)
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
        changes, diffs = _compare(old, new)
        if not changes:
            problems = [f"{label}: nothing to change: {same}"]
            return Staged("", problems, [], _preview(title, problems, [], []))
        token = secrets.token_hex(8)
        staging = self.archive / f"{STAGING_PREFIX}{token}"
        try:
            _write_tree(staging / CANDIDATE, new)
            problems = _check(staging / CANDIDATE)
            if not problems:
                meta = {"created": _now().isoformat(), "base": _digest(old), "summary": _summary(label, changes)}
                (staging / "staged.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        if problems:
            shutil.rmtree(staging, ignore_errors=True)
            return Staged("", problems, changes, _preview(title, problems, changes, diffs))
        return Staged(token, [], changes, _preview(title, [], changes, diffs))

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
            if not path.stem.isdigit() or not (self.archive / path.stem).is_dir():
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
        live = _tree_files(self.live)
        digest = _digest(live)
        if versions and versions[-1]["sha256"] == digest:
            return versions, live
        number = versions[-1]["number"] + 1 if versions else 1
        summary = "edited on disk, outside uploads" if versions else "content as first seen"
        _write_tree(self._fresh_folder(number), live)
        self._write_record(number, None, summary, digest)
        log.info("content version %d archived: %s", number, summary)
        return self._versions(), live

    def _fresh_folder(self, number: int) -> Path:
        folder = self.archive / str(number)
        if folder.exists():  # left by a crash before its record was written: not a version
            shutil.rmtree(folder)
        return folder

    def _write_record(self, number: int, by: int | None, summary: str, digest: str) -> None:
        record = {
            "number": number,
            "applied_at": _now().isoformat(timespec="seconds"),
            "by": by,
            "summary": summary,
            "sha256": digest,
        }
        temporary = self.archive / f".{number}.json.tmp"
        temporary.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(temporary, self.archive / f"{number}.json")

    # -- making a tree live

    def _make_live(self, files: dict[str, bytes]) -> str:
        """Replaces the live folder's files with `files`; returns how: "exchange", "rename" or "files".

        The new tree is written in full (fsync'd) into a sibling folder of content/ (same file system), then
        swapped in:

        - "exchange" (Linux >= 3.15 with glibc >= 2.28, on ext4, xfs, btrfs, tmpfs and most local file
          systems): renameat2(RENAME_EXCHANGE) swaps the two folders in one step. content/ never disappears
          and every path under it names a complete file of the old tree or of the new one, never a
          half-written one.
        - "rename" (elsewhere): content/ -> .content.old-*, then the new folder -> content/. Between the two
          renames (microseconds) content/ is missing.
        - "files" (content/ cannot be moved: a mount point, an unwritable parent): each changed file is replaced
          with os.replace, one by one, then removed files are deleted; a reader may briefly see some files new
          and some old.

        What ContentStore (store.py) makes of it, checked against its code: its fingerprint (path, mtime, size
        of every file) is taken before it loads, and every new or changed file has a fresh mtime, so the
        refresh after a swap always sees a change and loads the complete new tree. A load that overlaps the
        swap may read some files from each tree: load_content checks what it read, so such a mix is either
        rejected (the old content stays live) or valid, and it is replaced by the complete new tree at the next
        refresh (each message calls refresh first). With "exchange", nothing raises, except in one case: a
        rollback that removes a file, for a reader that listed the file just before the swap and stats it just
        after. With "rename" the claim that a missing folder is "keep the old content" holds only for a
        refresh that starts inside the gap (rglob of a missing folder finds nothing, load_content then raises
        ContentError: "missing" everywhere, the old content stays, one warning is logged); a refresh already
        walking the folder when it disappears gets FileNotFoundError from stat() or read_text(), which
        ContentStore does not catch, so that one message fails. This is why "exchange" is tried first.
        """
        try:
            fresh = Path(tempfile.mkdtemp(prefix=f".{self.live.name}.new-", dir=self.live.parent))
        except OSError:
            return self._replace_files(files)
        try:
            os.chmod(fresh, stat.S_IMODE(self.live.stat().st_mode))  # mkdtemp makes it private (0700)
            _write_tree(fresh, files, durable=True)
            try:
                if _exchange(fresh, self.live):
                    _fsync_folder(self.live.parent)
                    return "exchange"  # `fresh` now holds the old tree: removed below
                old = fresh.with_name(fresh.name.replace(".new-", ".old-", 1))
                os.rename(self.live, old)
            except OSError as error:
                if error.errno not in CANNOT_MOVE:
                    raise
                return self._replace_files(files)
            try:
                os.rename(fresh, self.live)
            except BaseException:
                os.rename(old, self.live)  # put the old tree back
                raise
            _fsync_folder(self.live.parent)
            shutil.rmtree(old, ignore_errors=True)
            return "rename"
        finally:
            shutil.rmtree(fresh, ignore_errors=True)

    def _replace_files(self, files: dict[str, bytes]) -> str:
        now = _tree_files(self.live)
        for relative, body in files.items():
            if now.get(relative) == body:
                continue
            path = self.live.joinpath(*relative.split("/"))
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
            _write_tree(temporary.parent, {temporary.name: body}, durable=True)
            os.replace(temporary, path)
        for relative in now.keys() - files.keys():
            self.live.joinpath(*relative.split("/")).unlink(missing_ok=True)
        return "files"
