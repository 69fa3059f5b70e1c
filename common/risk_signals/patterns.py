"""Every pattern, in the order find_signals tries them: the order of the single list they were once written in."""

from __future__ import annotations

from common.risk_signals.access import CODES_AND_CARDS, DEVICE_CONTROL_PATTERNS
from common.risk_signals.asked import REQUESTED, REQUESTED_AND_DONE
from common.risk_signals.context import CONTEXT
from common.risk_signals.money import ABOUT_TO_PAY_PATTERNS, MONEY_GONE
from common.risk_signals.pattern import Pattern
from common.risk_signals.threats import OFFICIAL_WARNINGS, RECOVERY_CLAIMS, RECOVERY_OFFERS, THREATS

PATTERNS: tuple[Pattern, ...] = (
    *MONEY_GONE,
    *CODES_AND_CARDS,
    *DEVICE_CONTROL_PATTERNS,
    *ABOUT_TO_PAY_PATTERNS,
    *THREATS,
    *OFFICIAL_WARNINGS,
    *RECOVERY_OFFERS,
    *REQUESTED,
    *CONTEXT,
    *REQUESTED_AND_DONE,
    *RECOVERY_CLAIMS,
)
