"""When the bot speaks up in a family group: only for a recognised scam with high confidence. Family groups
remove bots that talk too much, so silence is the default.

Thresholds chosen on the development held-out file (tests/data/heldout.yml: 210 scam and 79 ordinary
messages), then measured on ordinary family-chat messages the choice never saw (tests/data/family_chat.yml,
tests/process/test_family_e2e.py). On the development file no threshold warned on an ordinary message; scams
warned about: confidence >= 0.9 with a red-flag phrase 91/210, >= 0.8 173/210, >= 0.6 197/210. Requiring a
red-flag phrase halves recall (the phrase lists are short), so only /quiet asks for one.
Measured afterwards on the 156 family-chat messages: 1 / 2 / 7 warnings (quiet / normal / loud).
"""

from __future__ import annotations

from dataclasses import dataclass

from common.labels import NONE


@dataclass(frozen=True)
class Threshold:
    min_confidence: float
    min_red_flags: int


# /quiet, the default, and /loud.
THRESHOLDS = {
    "quiet": Threshold(min_confidence=0.9, min_red_flags=1),
    "normal": Threshold(min_confidence=0.8, min_red_flags=0),
    "loud": Threshold(min_confidence=0.6, min_red_flags=0),
}


def should_warn(scam_type: str, confidence: float, red_flags: int, sensitivity: str) -> bool:
    threshold = THRESHOLDS.get(sensitivity, THRESHOLDS["normal"])
    return (
        scam_type != NONE and confidence >= threshold.min_confidence and red_flags >= threshold.min_red_flags
    )
