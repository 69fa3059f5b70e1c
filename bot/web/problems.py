"""The content check's problems (`content/scams/x.yml:16: reason`), placed beside the fields they are about.

ruamel.yaml knows the lines of every field (forms.py), the check names the line of each problem: a problem goes
beside the narrowest field holding its line. Problems of files the console does not edit (templates,
messages.yml), or of a line no field holds (a missing key, a whole file), are listed on their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.web.forms import Field, Page

PROBLEM = re.compile(r"^content/(?P<file>[^\s:]+)(?::(?P<line>\d+))?: (?P<reason>.*)$", re.S)
EDITED_FOLDERS = ("scams", "regions", "quiz")


@dataclass(frozen=True)
class Placed:
    text: str  # the problem as the check wrote it: file:line: reason
    relative: str | None  # its file, relative to content/ (None: not a file's problem)
    url: str | None  # the console page that edits the file
    fields: list[Field] = field(default_factory=list)  # the fields it is about ([]: none found)


def where(problem: str) -> tuple[str | None, int]:
    """The file (relative to content/) and line a problem names; (None, 0) when it names none."""
    found = PROBLEM.match(problem)
    if not found:
        return None, 0
    return found["file"], int(found["line"] or 0)


def page_url(relative: str | None) -> str | None:
    """The console page that edits a content file: /scams/<type>, /regions/<code>, /quiz/<type>."""
    if relative is None:
        return None
    folder, _, name = relative.partition("/")
    if folder in EDITED_FOLDERS and name.endswith(".yml") and "/" not in name:
        return f"/{folder}/{name.removesuffix('.yml')}"
    return None


def place(problems: list[str], page_of: Callable[[str], Page | None]) -> list[Placed]:
    """Each problem with its page and fields; `page_of(relative)` gives a file's page (None if it has none)."""
    pages: dict[str, Page | None] = {}
    placed = []
    for problem in problems:
        relative, line = where(problem)
        url = page_url(relative)
        if url is None:
            placed.append(Placed(problem, relative, None))
            continue
        if relative not in pages:
            pages[relative] = page_of(relative)
        page = pages[relative]
        placed.append(Placed(problem, relative, url, page.fields_at(line) if page and line else []))
    return placed


def beside(page: Page, problems: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    """This page's problems: by field name, and those no field holds."""
    by_field: dict[str, list[str]] = {}
    loose = []
    for problem in problems:
        relative, line = where(problem)
        if relative != page.relative:
            continue
        fields = page.fields_at(line) if line else []
        for target in fields:
            by_field.setdefault(target.name, []).append(problem)
        if not fields:
            loose.append(problem)
    return by_field, loose
