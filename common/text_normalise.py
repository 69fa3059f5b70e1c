"""One spelling per word: Traditional -> Simplified Chinese, full-width -> ASCII, lower case.

Shared by the NLU pipeline (rasa_addons/nlu/chinese_normalizer.py, in the Rasa environment) and the red-flag
phrase matcher (bot/content/render.py), so both see a message the same way. Offsets never move: a match in
the normalised text is the same span of the original.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    # Reads OpenCC's dictionaries from disk: once per process.
    return opencc.OpenCC("t2s.json")


def _fold_char(char: str) -> str:
    """Full-width forms (ＡＰＰ, ５０００, ，) to ASCII, then lower case; never changes the length."""
    folded = unicodedata.normalize("NFKC", char)
    folded = folded if len(folded) == 1 else char
    lowered = folded.lower()
    return lowered if len(lowered) == 1 else folded


def normalise(text: str) -> str:
    """Simplified Chinese, ASCII-width letters and digits, lower case; same length as the input."""
    text = "".join(_fold_char(char) for char in text)
    converted = _t2s().convert(text)
    # OpenCC may rewrite a phrase to one of another length; then keep the unconverted text.
    return converted if len(converted) == len(text) else text
