"""File trees: a folder read as {path relative to it, with "/": bytes}, its digest, and writing one back.

Files whose name starts with "." (editor backups, .DS_Store) are not content: they are neither archived nor
kept by an apply.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path


def _tree_paths(root: Path) -> Iterator[tuple[str, Path]]:
    """(path relative to root with "/", path) of every file under root whose path has no hidden part."""
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder).relative_to(root)
        for name in sorted(names):
            path = Path(folder, name)
            if not name.startswith(".") and path.is_file():
                yield (base / name).as_posix(), path


def tree_files(root: Path) -> dict[str, bytes]:
    return {relative: path.read_bytes() for relative, path in _tree_paths(root)}


def digest(files: dict[str, bytes]) -> str:
    hashed = hashlib.sha256()
    for relative, body in sorted(files.items()):
        hashed.update(f"{relative}\0{len(body)}\0".encode())
        hashed.update(body)
    return hashed.hexdigest()


def write_tree(root: Path, files: dict[str, bytes], durable: bool = False) -> None:
    for relative, body in files.items():
        path = root.joinpath(*relative.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(body)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())


def fsync_folder(path: Path) -> None:
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


def folders_of(files: dict[str, bytes]) -> set[str]:
    """Every folder holding a file, and its ancestors; "" is content/ itself."""
    found = {""}
    for relative in files:
        parts = relative.split("/")[:-1]
        found.update("/".join(parts[:end]) for end in range(1, len(parts) + 1))
    return found
