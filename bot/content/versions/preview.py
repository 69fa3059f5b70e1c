"""What a staged upload changes: the changed files, the preview shown to the trainer before confirming, and
the one-line summary kept with the version."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

PREVIEW_LIMIT = 3000  # characters of Staged.preview
MAX_LISTED = 15  # problems, changed files listed in a preview
SUMMARY_LIMIT = 200  # characters of a version's summary


@dataclass(frozen=True)
class Change:
    path: str  # relative to content/, e.g. "scams/stock_lecturer.yml"
    kind: str  # "added", "changed" or "removed"
    lines_added: int
    lines_removed: int


def _lines(body: bytes | None) -> list[str]:
    if body is None:
        return []
    lines = body.decode("utf-8", "replace").splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


def compare(old: dict[str, bytes], new: dict[str, bytes]) -> tuple[list[Change], list[str]]:
    """The files that differ, by path, and a unified diff of each."""
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


def render_preview(title: str, problems: list[str], changes: list[Change], diffs: list[str]) -> str:
    """A short summary, then as much of the diff as fits: at most PREVIEW_LIMIT characters."""
    text = "\n".join(_head(title, problems, changes))
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


def _head(title: str, problems: list[str], changes: list[Change]) -> list[str]:
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
    return head


def summarise(label: str, changes: list[Change]) -> str:
    """`label: ` and the changes, in at most SUMMARY_LIMIT characters."""
    if len(changes) <= 3:
        text = f"{label}: " + ", ".join(
            f"{change.kind} {change.path} (+{change.lines_added} -{change.lines_removed})" for change in changes
        )
    else:
        counts = {kind: sum(1 for change in changes if change.kind == kind) for kind in ("changed", "added", "removed")}
        text = f"{label}: {len(changes)} files (" + ", ".join(f"{n} {kind}" for kind, n in counts.items() if n) + ")"
    return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1] + "…"
