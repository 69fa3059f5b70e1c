"""What of a user's text the bot reads: control characters dropped, trimmed, at most one Telegram message
long. Shared by the Telegram handlers, the console chat and the `classify` command."""

from __future__ import annotations

import unicodedata

# Telegram delivers at most 4,096 characters per message; longer text is read up to that length.
MAX_ANALYSED_CHARS = 4096


def readable_text(text: str) -> str:
    """The text with control characters dropped, trimmed, and cut to what a message can hold."""
    cleaned = "".join(" " if unicodedata.category(char) == "Cc" else char for char in text)
    return cleaned.strip()[:MAX_ANALYSED_CHARS]


def has_words(text: str) -> bool:
    """True when there is anything a language model can read: letters or digits, in any script."""
    return any(unicodedata.category(char)[0] in "LN" for char in text)
