"""Reading an upload: what it would change in content/, or why it is refused.

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
edit made on Windows does not show as every line changed.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from bot.content.versions.trees import folders_of

UPLOAD_SUFFIXES = (".yml", ".yaml", ".j2", ".md", ".txt")
MAX_FILES = 500  # files in one zip
MAX_BYTES = 5 * 1024 * 1024  # one upload, and everything a zip unpacks to


@dataclass
class Upload:
    title: str
    files: dict[str, bytes] = field(default_factory=dict)  # relative to content/ -> normalised text
    problems: list[str] = field(default_factory=list)


def read_upload(name: str, data: bytes, live: dict[str, bytes]) -> Upload:
    """The files `data` (sent as `name`) brings to the live files `live`, or its problems."""
    shown = name.strip() or "upload"
    suffix = PurePosixPath(shown.replace("\\", "/")).suffix.lower()
    if len(data) > MAX_BYTES:
        return Upload(f"Upload {shown}", problems=[f"{shown}: {len(data):,} bytes; an upload may be at most 5 MB"])
    if suffix == ".zip":
        return _read_zip(shown, data, live)
    if suffix in UPLOAD_SUFFIXES:
        return _read_single(shown, data, live)
    allowed = ", ".join(UPLOAD_SUFFIXES)
    return Upload(f"Upload {shown}", problems=[f"{shown}: send one content file ({allowed}) or a .zip of content/"])


def _normalise_text(display: str, data: bytes) -> tuple[bytes, str | None]:
    """UTF-8 without a byte-order mark, "\\n" line ends; or a `file:line: reason` problem."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return b"", f"{display}:{line}: not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8"
    return text.removeprefix("\ufeff").replace("\r\n", "\n").encode("utf-8"), None


# ------------------------------------------------------------------------------------------- one file


def _read_single(name: str, data: bytes, live: dict[str, bytes]) -> Upload:
    upload = Upload(f"Upload {name}")
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
    if len(candidates) == 1:
        upload.title, upload.files = f"Upload {name} → content/{candidates[0]}", {candidates[0]: body}
        return upload
    return _read_one_of_several(upload, name, body, base, {relative: live[relative] for relative in candidates})


def _read_one_of_several(upload: Upload, name: str, body: bytes, base: str, candidates: dict[str, bytes]) -> Upload:
    """The upload `body` of a file named `base`, like each of the content files `candidates`."""
    target = _resembled(body, candidates)
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


# ------------------------------------------------------------------------------------------------ a zip


def _read_zip(name: str, data: bytes, live: dict[str, bytes]) -> Upload:
    upload = Upload(f"Upload {name}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        upload.problems.append(f"{name}: not a valid zip file ({error})")
        return upload
    with archive:
        entries = archive.infolist()
        members = [info for info in entries if not info.is_dir() and not _ignored_in_zip(info.filename)]
        refused = _refused_zip(entries, members)
        if refused:
            upload.problems.append(f"{name}: {refused}")
            return upload
        if not _unpack(archive, members, name, folders_of(live), upload):
            return upload
    ignored = len(entries) - len(members) - sum(1 for info in entries if info.is_dir())
    upload.title = f"Upload {name}: {len(upload.files)} file(s) from the zip laid over content/ (none removed)"
    if ignored:
        upload.title += f"; {ignored} macOS metadata entr{'y' if ignored == 1 else 'ies'} ignored"
    return upload


def _ignored_in_zip(name: str) -> bool:
    """macOS Finder's metadata, added to every zip it makes."""
    return name.startswith("__MACOSX/") or PurePosixPath(name).name == ".DS_Store"


def _refused_zip(entries: list[zipfile.ZipInfo], members: list[zipfile.ZipInfo]) -> str | None:
    """Why the zip as a whole is refused, from its directory alone (before unpacking anything); None if not."""
    if len(members) > MAX_FILES or len(entries) > 4 * MAX_FILES:
        return f"it holds {len(members):,} files ({len(entries):,} entries); at most {MAX_FILES}"
    declared = sum(info.file_size for info in members)
    if declared > MAX_BYTES:
        return f"it unpacks to {declared:,} bytes; at most {MAX_BYTES:,} (5 MB)"
    if not members:
        return "it holds no files"
    return None


def _unpack(
    archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], name: str, folders: set[str], upload: Upload
) -> bool:
    """Adds the members' files, or their problems, to `upload`. False, with only that problem left, when they
    unpack to more than MAX_BYTES."""
    budget = MAX_BYTES
    for info in members:
        relative, reason = _member_path(info, folders)
        if not reason and relative in upload.files:
            reason = f"content/{relative} is in the zip twice"
        body = b""
        if not reason:
            body, reason = _read_member(archive, info, budget)
        if reason:
            upload.problems.append(f"{name}: {info.filename}: {reason}")
            continue
        if len(body) > budget:
            upload.problems[:] = [f"{name}: it unpacks to more than {MAX_BYTES:,} bytes (5 MB)"]
            upload.files.clear()
            return False
        budget -= len(body)
        text, problem = _normalise_text(f"content/{relative}", body)
        if problem:
            upload.problems.append(problem)
            continue
        upload.files[relative] = text
    return True


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> tuple[bytes, str | None]:
    """(at most budget + 1 bytes of the member, None) or (b"", why it cannot be unpacked)."""
    try:
        with archive.open(info) as handle:
            # Never more than the budget, whatever the member's header claims.
            return handle.read(budget + 1), None
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, OSError, zlib.error) as error:
        return b"", f"cannot be unpacked ({error})"


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
