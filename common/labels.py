"""Scam labels and how Rasa intents map onto them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# The scam types; each is also the Rasa intent a user's story is classified as. `other_scam` stays last: it is
# the catch-all for clearly fraudulent stories of no other type.
SCAM_TYPES: tuple[str, ...] = (
    "stock_lecturer",
    "loan_unfreeze_fee",
    "dating_recharge",
    "fake_customer_service",
    "part_time_brushing",
    "impersonation_official",
    "recovery_scam",
    "sextortion",
    "impersonation_acquaintance",
    "phishing",
    "remote_access",
    "fake_credit_repair",
    "fake_trade",
    "other_scam",
)
# A genuine protective warning (96110, 12381, police at the door, bank staff stopping a transfer): not a scam,
# and never to be called one.
OFFICIAL_WARNING = "official_warning"
# Ordinary life and small talk: a pattern that ordinary life also produces ("I paid the bill") does not turn
# one of these into a scam story.
EVERYDAY_INTENTS: frozenset[str] = frozenset(
    {"not_scam", "greet", "goodbye", "thank", "ask_capabilities", "ask_report", "out_of_scope"}
)
NONE = "none"
LABELS: tuple[str, ...] = (*SCAM_TYPES, NONE)

# Rasa marks low-confidence messages with this pseudo-intent; it is not a label of its own.
FALLBACK_INTENT = "nlu_fallback"

# Rasa's money_status entity values -> the `money_sent` field of `classify`.
MONEY_SENT = {"paid": True, "about_to_pay": False, "not_paid": False}


def label_for_intent(intent: str) -> str:
    """Every intent that is not a scam type (greetings, answers, everyday chat) means `none`."""
    return intent if intent in SCAM_TYPES else NONE


def aggregate_ranking(ranking: Iterable[Mapping]) -> tuple[str, float]:
    """Most likely label and its probability, summing the intents that share a label.

    `none` is spread over many intents (greetings, answers, everyday chat); comparing the scam intents with
    their sum, not with each part, keeps a message that is plainly not a scam from being called one.
    """
    totals: dict[str, float] = {}
    for entry in ranking:
        name = entry.get("name")
        if not name or name == FALLBACK_INTENT:
            continue
        label = label_for_intent(name)
        totals[label] = totals.get(label, 0.0) + float(entry.get("confidence") or 0.0)
    if not totals:
        return NONE, 0.0
    label = max(totals, key=totals.__getitem__)
    return label, min(1.0, totals[label])
