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


# The formatting tags our templates write (Telegram HTML); user text inside them is always escaped.
_TAG = re.compile(r"<(/?)(b|i|u|s|code|pre|blockquote)>")


def split_html(text: str, limit: int = TELEGRAM_MESSAGE_LIMIT) -> list[str]:
    """split_message for Telegram HTML: a tag left open at a cut is closed at the end of its piece and opened
    again at the start of the next, so every piece parses on its own (Telegram rejects unbalanced tags)."""
    pieces = []
    open_tags: list[str] = []
    for piece in split_message(text, limit):
        prefix = "".join(f"<{tag}>" for tag in open_tags)
        for match in _TAG.finditer(piece):
            closing, tag = match.groups()
            if not closing:
                open_tags.append(tag)
            elif open_tags and open_tags[-1] == tag:
                open_tags.pop()
        suffix = "".join(f"</{tag}>" for tag in reversed(open_tags))
        pieces.append(prefix + piece + suffix)
    return pieces
