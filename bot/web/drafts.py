"""Each trainer's draft: a copy of content/ under DATA_DIR (console_drafts/<admin id>/content/) that the console's
forms edit, with ruamel.yaml's round trip, so a saved field changes that field's text and nothing else: comments,
key order, quoting and flow mappings stay as the trainer wrote them.

A draft starts with the first saved edit (the live content copied) and ends when it is published or discarded.
`base.json` keeps the SHA-256 of every live file when it started: the files the trainer changed are those that
differ from it, and a changed file whose live copy moved meanwhile (another trainer published) is a conflict.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from bot.content.versions.trees import tree_files, write_tree

CANDIDATE = "content"  # named like the live folder: problems read content/scams/x.yml


def round_trip() -> YAML:
    """ruamel.yaml set up to write content/ files back as they are: no line wrapping, quotes kept, lists indented
    as the files indent them, null written as `null`. Every shipped file loads and dumps to identical bytes
    (tests/web/test_drafts.py)."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 1_000_000
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(
        type(None), lambda representer, _: representer.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return yaml


def _sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


class Drafts:
    """The drafts of every trainer under `folder`, over the live content folder `live`."""

    def __init__(self, folder: Path, live: Path) -> None:
        self.folder = Path(folder)
        self.live = Path(live)
        self._lock = threading.Lock()  # one edit at a time: two tabs saving at once must not interleave writes

    def _home(self, admin_id: int) -> Path:
        return self.folder / str(int(admin_id))

    def root(self, admin_id: int) -> Path:
        return self._home(admin_id) / CANDIDATE

    def exists(self, admin_id: int) -> bool:
        return (self._home(admin_id) / "base.json").is_file()

    def content_root(self, admin_id: int) -> Path:
        """Where this trainer's pages read: their draft, else the live content."""
        return self.root(admin_id) if self.exists(admin_id) else self.live

    def load(self, admin_id: int, relative: str):
        """One YAML file of the trainer's view, for editing (ruamel's round-trip data, with its line numbers)."""
        return round_trip().load((self.content_root(admin_id) / relative).read_text(encoding="utf-8"))

    def edit(self, admin_id: int, relative: str, change: Callable[[Any], bool]) -> None:
        """Reads one file of the trainer's view, lets `change(data)` edit it, and writes it into the draft (started
        first if there is none) when `change` says it changed something. One edit at a time, from reading to
        writing: two tabs saving at once both keep their changes."""
        with self._lock:
            data = self.load(admin_id, relative)
            if not change(data):
                return
            text = io.StringIO()
            round_trip().dump(data, text)
            self._start(admin_id)
            path = self.root(admin_id) / relative
            temporary = path.with_name(f".{path.name}.tmp")
            temporary.write_text(text.getvalue(), encoding="utf-8")
            os.replace(temporary, path)
            self._forget_problems(admin_id, relative)

    def _start(self, admin_id: int) -> None:
        if self.exists(admin_id):
            return
        home = self._home(admin_id)
        shutil.rmtree(home, ignore_errors=True)  # a half-made draft left by a crash
        files = tree_files(self.live)
        write_tree(home / CANDIDATE, files)
        base = {relative: _sha256(body) for relative, body in files.items()}
        (home / "base.json").write_text(json.dumps(base, indent=1), encoding="utf-8")

    def _base(self, admin_id: int) -> dict[str, str]:
        return json.loads((self._home(admin_id) / "base.json").read_text(encoding="utf-8"))

    def changed(self, admin_id: int) -> dict[str, bytes]:
        """The files the trainer changed (path relative to content/ -> the draft's bytes)."""
        if not self.exists(admin_id):
            return {}
        base = self._base(admin_id)
        return {
            relative: body
            for relative, body in tree_files(self.root(admin_id)).items()
            if base.get(relative) != _sha256(body)
        }

    def conflicts(self, admin_id: int) -> list[str]:
        """Changed files whose live copy is no longer the one the draft started from."""
        base = self._base(admin_id) if self.exists(admin_id) else {}
        live = tree_files(self.live)
        return sorted(
            relative
            for relative in self.changed(admin_id)
            if (_sha256(live[relative]) if relative in live else None) != base.get(relative)
        )

    def discard(self, admin_id: int) -> None:
        with self._lock:
            shutil.rmtree(self._home(admin_id), ignore_errors=True)

    # -- the problems of the last publish attempt, shown beside their fields until that file is edited again

    def keep_problems(self, admin_id: int, problems: list[str]) -> None:
        if self.exists(admin_id):
            path = self._home(admin_id) / "problems.json"
            path.write_text(json.dumps(problems, ensure_ascii=False), encoding="utf-8")

    def problems(self, admin_id: int) -> list[str]:
        path = self._home(admin_id) / "problems.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []

    def _forget_problems(self, admin_id: int, relative: str) -> None:
        """A saved file's lines may have moved: its problems are checked again at the next publish."""
        kept = [problem for problem in self.problems(admin_id) if not problem.startswith(f"{CANDIDATE}/{relative}:")]
        self.keep_problems(admin_id, kept)
