"""`python -m bot content check | preview`: for trainers editing content/."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.content.loader import load_content
from bot.content.render import SCAM_FLOW, Audience, render, to_plain
from bot.content.yaml_lines import ContentError


def check(root: Path) -> int:
    try:
        content = load_content(root)
    except ContentError as error:
        for problem in error.problems:
            print(problem)
        print(f"content check failed: {len(error.problems)} problem(s)", file=sys.stderr)
        return 1
    cases = sum(len(s["cases"]) for s in content.scams.values())
    checklist = sum(len(s["checklist"]) for s in content.scams.values())
    phrases = sum(len(p) for s in content.scams.values() for f in s["red_flags"] for p in f["phrases"].values())
    print(
        f"content OK: {len(content.scams)} scam types, {cases} cases, {checklist} warning signs, "
        f"{phrases} red-flag phrases, {len(content.regions)} regions, {len(content.templates)} templates, "
        f"{len(content.quiz)} quiz questions"
    )
    return 0


def preview(root: Path, scam_type: str, lang: str, audience: str, region: str, paid: bool) -> int:
    """Prints what a user receives for a scam story, message by message."""
    try:
        content = load_content(root)
    except ContentError as error:
        for problem in error.problems:
            print(problem)
        return 1
    reader = Audience(lang, audience, region)
    number = 0
    for kind in SCAM_FLOW[paid]:
        for message in render(content, kind, scam_type=scam_type, reader=reader, paid=paid):
            number += 1
            print(f"--- message {number} ({kind})")
            print(to_plain(message))
    return 0
