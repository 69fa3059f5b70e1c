"""Risk signals in one message: what has already gone to a scammer (money, a code, card details, control of
the phone), what is about to go, threats, genuine warnings, and offers to "recover" lost money.

The scam type tells the bot which story to tell; these signals tell it what the person must do first, even
when the type is unclear. They are phrase patterns over the normalised text (Simplified Chinese, lower case,
see text_normalise.py) in English, Chinese and colloquial Cantonese: each has to work on a single message
nobody here wrote, and a missed "I gave him the code" costs savings. A "done" pattern preceded by a negation,
a request or a plan ("没给", "he asked me to", "should I") does not count: "I did not give the code" is not a
loss, and "he wants the code" is a request. Threats, warnings and offers count wherever they appear.

What lives where (imports run downwards only, so there are no cycles):
- names.py: the signal names; CONVERSATION_SIGNALS, SIGNALS and the sets built from them (COMPROMISE,
  DEVICE_CONTROL, REQUESTS, STRONG_MARKERS, SCAM_MARKERS, EVERYDAY_TOO, ...); EVERYDAY_CONFIDENCE.
- pattern.py: `Pattern` (one way of saying a signal) and the helpers `_p` and `_alt` that build them.
- vocabulary.py: word lists and regex fragments shared by the pattern modules (amounts, ways to pay, codes,
  card details, remote-access apps, online platforms, plans, requests).
- money.py: money gone; about to pay.
- access.py: a code, card details or a password given, an account taken over; remote access, an app installed.
- threats.py: threats; genuine warnings; "recovery" offers.
- asked.py: conversation signals for requests (a code, money, an app) and a short "done"; returns promised.
- context.py: conversation context: official contacts, impersonation cues, a new number, alarm claims, strangers
  online, worry, intimate images, learning about scams, own checks, still on the line, vanished, secrecy.
- patterns.py: PATTERNS, every pattern above in the order they are tried.
- qualifiers.py: what undoes a "done" match (a negation, request or plan before it) and the message-wide
  patterns that add or drop signals after matching.
- find.py: the functions that apply them: `find_signals`, `scam_relevant`, `money_came_in`.
"""

from __future__ import annotations

from common.risk_signals.find import find_signals, money_came_in, says_not_paid, scam_relevant
from common.risk_signals.names import (
    ABOUT_TO_PAY,
    ALARM_CLAIM,
    APP_INSTALLED,
    ASKED_FOR,
    CARD_DETAILS,
    CODE_REQUESTED,
    CODE_SHARED,
    COMPROMISE,
    CONVERSATION_SIGNALS,
    DEVICE_CONTROL,
    DID_IT,
    DONE_AS_ASKED,
    EDUCATIONAL,
    EVERYDAY_CONFIDENCE,
    EVERYDAY_TOO,
    IMPERSONATION_CUE,
    IN_PERSON,
    INSTALL_REQUESTED,
    INTIMATE_IMAGE,
    MONEY_SENT,
    NEW_NUMBER,
    OFFICIAL_APP,
    OFFICIAL_CONTACT,
    OFFICIAL_WARNING,
    ON_THE_LINE,
    ONLINE_STRANGER,
    OWN_CHECK,
    PAYMENT_REQUESTED,
    RECOVERY_OFFER,
    REMOTE_ACCESS,
    REQUESTS,
    RETURNS_PROMISED,
    SCAM_MARKERS,
    SECRECY,
    SIGNALS,
    STATION_VISIT,
    STRONG_MARKERS,
    THREAT,
    VANISHED,
    WORRY,
)
from common.risk_signals.pattern import Pattern
from common.risk_signals.patterns import PATTERNS

__all__ = [
    "ABOUT_TO_PAY",
    "ALARM_CLAIM",
    "APP_INSTALLED",
    "CARD_DETAILS",
    "CODE_REQUESTED",
    "CODE_SHARED",
    "COMPROMISE",
    "CONVERSATION_SIGNALS",
    "DEVICE_CONTROL",
    "DID_IT",
    "ASKED_FOR",
    "DONE_AS_ASKED",
    "EDUCATIONAL",
    "EVERYDAY_CONFIDENCE",
    "EVERYDAY_TOO",
    "IMPERSONATION_CUE",
    "INSTALL_REQUESTED",
    "INTIMATE_IMAGE",
    "IN_PERSON",
    "MONEY_SENT",
    "NEW_NUMBER",
    "OFFICIAL_APP",
    "OFFICIAL_CONTACT",
    "OFFICIAL_WARNING",
    "ONLINE_STRANGER",
    "ON_THE_LINE",
    "OWN_CHECK",
    "PATTERNS",
    "PAYMENT_REQUESTED",
    "Pattern",
    "RECOVERY_OFFER",
    "REMOTE_ACCESS",
    "REQUESTS",
    "RETURNS_PROMISED",
    "SCAM_MARKERS",
    "SECRECY",
    "SIGNALS",
    "STATION_VISIT",
    "STRONG_MARKERS",
    "THREAT",
    "VANISHED",
    "WORRY",
    "find_signals",
    "money_came_in",
    "says_not_paid",
    "scam_relevant",
]
