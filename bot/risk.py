"""How risky a situation is, from the warning signs the user says happened to them and whether money went.

There is no "low" and no "safe": the user is looking at a recognised scam's warning signs, and one sign is
already a reason to stop.
"""

from __future__ import annotations

RISK_LEVELS = ("medium", "high", "very_high")


def risk_level(signs: int, money_gone: bool) -> str:
    if money_gone or signs >= 3:
        return "very_high"
    if signs == 2:
        return "high"
    return "medium"
