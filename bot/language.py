"""Which language a message is written in: Chinese or English, the two the bot speaks."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")


def detect_language(text: str) -> str:
    """`zh` when Chinese characters outnumber English words ("那个teacher让我买BTC" is Chinese), else `en`."""
    chinese = len(_CJK.findall(text))
    english = len(_LATIN_WORD.findall(text))
    return "zh" if chinese and chinese >= english else "en"
