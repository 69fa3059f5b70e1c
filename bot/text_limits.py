"""Telegram's message length limit, and splitting long text on sentence boundaries to respect it."""

from __future__ import annotations

import re

TELEGRAM_MESSAGE_LIMIT = 4096
# After a sentence end (. ! ? 。！？) or a line break.
_BOUNDARY = re.compile(r"(?<=[.!?。！？\n])\s*")


def split_message(text: str, limit: int = TELEGRAM_MESSAGE_LIMIT) -> list[str]:
    """Pieces of at most `limit` characters, cut after sentences where possible, never inside a word
    unless one sentence alone is longer than the limit."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for sentence in (s for s in _BOUNDARY.split(text) if s):
        while len(sentence) > limit:
            if current:
                pieces.append(current.rstrip())
                current = ""
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            pieces.append(sentence[:cut].rstrip())
            sentence = sentence[cut:].lstrip()
        if len(current) + len(sentence) > limit:
            pieces.append(current.rstrip())
            current = ""
        current += sentence if not current else (" " if not current.endswith("\n") else "") + sentence
    if current.strip():
        pieces.append(current.rstrip())
    return pieces
