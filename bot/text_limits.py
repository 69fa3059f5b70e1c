"""Telegram's message length limit, and splitting long text on sentence boundaries to respect it."""

from __future__ import annotations

import re

TELEGRAM_MESSAGE_LIMIT = 4096
# A sentence with what follows it: up to and including an end mark (. ! ? 。！？) and its spaces, or a line.
_SENTENCE = re.compile(r".+?(?:[.!?。！？]+\s*|\n+|$)", re.S)


def split_message(text: str, limit: int = TELEGRAM_MESSAGE_LIMIT) -> list[str]:
    """Pieces of at most `limit` characters, cut after sentences where possible, never inside a word
    unless one sentence alone is longer than the limit."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE.findall(text):
        if len(current) + len(sentence.rstrip()) > limit and current:
            pieces.append(current.rstrip())
            current = ""
        while len(sentence.rstrip()) > limit:
            cut = sentence.rfind(" ", 0, limit + 1)
            cut = cut if cut > 0 else limit
            pieces.append(sentence[:cut].rstrip())
            sentence = sentence[cut:].lstrip()
        current += sentence
    if current.strip():
        pieces.append(current.rstrip())
    return pieces
