"""One pattern of a signal, and the helpers that build them."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Pattern:
    """One way of saying a signal. `done` patterns describe something that happened: a negation, request or
    plan just before them undoes them."""

    signal: str
    regex: re.Pattern
    done: bool = True


def _p(signal: str, pattern: str, done: bool = True) -> Pattern:
    return Pattern(signal, re.compile(pattern, re.IGNORECASE), done)


def _alt(*words: str) -> str:
    """A regex group matching any of the words (regex syntax allowed in each)."""
    return "(" + "|".join(words) + ")"
