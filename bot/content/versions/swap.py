"""Making a tree live: `make_live` replaces the files of the content folder with a new tree, in one step where
the system allows it. It returns how: "exchange", "rename" or "files".

The new tree is written in full (fsync'd) into a sibling folder of content/ (same file system), then swapped in:

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

from __future__ import annotations

import ctypes
import errno
import functools
import os
import secrets
import shutil
import stat
import tempfile
from pathlib import Path

from bot.content.versions.trees import fsync_folder, tree_files, write_tree

# Errors of rename(2) on content/ itself when it cannot be moved: a mount point (a Docker volume), another
# file system, a parent folder the bot may not write. Then files are replaced one by one (`replace_files`).
CANNOT_MOVE = {errno.EBUSY, errno.EXDEV, errno.EPERM, errno.EACCES}

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


def exchange(first: Path, second: Path) -> bool:
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


def make_live(live: Path, files: dict[str, bytes]) -> str:
    """Replaces the files of folder `live` with `files`; returns how: "exchange", "rename" or "files" (see the
    module's docstring)."""
    try:
        fresh = Path(tempfile.mkdtemp(prefix=f".{live.name}.new-", dir=live.parent))
    except OSError:
        return replace_files(live, files)
    try:
        os.chmod(fresh, stat.S_IMODE(live.stat().st_mode))  # mkdtemp makes it private (0700)
        write_tree(fresh, files, durable=True)
        return _swap(fresh, live, files)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def _swap(fresh: Path, live: Path, files: dict[str, bytes]) -> str:
    """Puts the complete tree `fresh` in the place of `live`: exchanged, else renamed, else file by file."""
    try:
        if exchange(fresh, live):
            fsync_folder(live.parent)
            return "exchange"  # `fresh` now holds the old tree: removed by make_live
        old = fresh.with_name(fresh.name.replace(".new-", ".old-", 1))
        os.rename(live, old)
    except OSError as error:
        if error.errno not in CANNOT_MOVE:
            raise
        return replace_files(live, files)
    try:
        os.rename(fresh, live)
    except BaseException:
        os.rename(old, live)  # put the old tree back
        raise
    fsync_folder(live.parent)
    shutil.rmtree(old, ignore_errors=True)
    return "rename"


def replace_files(live: Path, files: dict[str, bytes]) -> str:
    now = tree_files(live)
    for relative, body in files.items():
        if now.get(relative) == body:
            continue
        path = live.joinpath(*relative.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        write_tree(temporary.parent, {temporary.name: body}, durable=True)
        os.replace(temporary, path)
    for relative in now.keys() - files.keys():
        live.joinpath(*relative.split("/")).unlink(missing_ok=True)
    return "files"
