"""The functions that apply the patterns: the signals in one message, which of them speak of a scam, whether
money came in rather than went out, and whether the writer says none has gone."""

from __future__ import annotations

from common.risk_signals.names import (
    APP_INSTALLED,
    CARD_DETAILS,
    CODE_SHARED,
    CONVERSATION_SIGNALS,
    DID_IT,
    DONE_AS_ASKED,
    EVERYDAY_CONFIDENCE,
    EVERYDAY_TOO,
    IN_PERSON,
    INSTALL_REQUESTED,
    MONEY_SENT,
    NEW_NUMBER,
    OFFICIAL_APP,
    OWN_CHECK,
    RECOVERY_OFFER,
    REQUESTS,
    SIGNALS,
)
from common.risk_signals.patterns import PATTERNS
from common.risk_signals.qualifiers import (
    _ABOUT_TO_ZH,
    _BEFORE_EN,
    _BEFORE_ZH,
    _DONE_MARK,
    _IN_PERSON,
    _NO_FEE,
    _NOT_PAID,
    _OFFICIAL_APP,
    _OWN_PAYMENT,
    _PUSHED_LINK,
    _RECEIVED,
    _RECOVERY_TOPIC,
    _SENT_BY_ME,
    _TO_SOMEONE,
)


def scam_relevant(signals: list[str] | tuple[str, ...], everyday: bool, confidence: float) -> list[str]:
    """The signals that speak of a scam, given whether the model read the message as everyday life (with what
    confidence): "I paid the gas bill" keeps no money signal, "I gave him the code" keeps its own."""
    if everyday and confidence >= EVERYDAY_CONFIDENCE:
        return [signal for signal in signals if signal not in EVERYDAY_TOO]
    return list(signals)


def _undone(text: str, start: int) -> bool:
    """A negation, request or plan just before `start`: what follows did not happen (yet). A completion mark
    right after the verb wins ("他让我下载了" happened), except after "about to" ("马上要转了" has not)."""
    before = text[max(0, start - 24) : start]
    if _ABOUT_TO_ZH.search(before):
        return True
    if _DONE_MARK.match(text[start : start + 4]):
        return False
    return bool(_BEFORE_ZH.search(before) or _BEFORE_EN.search(before))


def money_came_in(normalised: str) -> bool:
    """The message is about money received ("the landlord refunded my deposit"), not money sent."""
    return bool(_RECEIVED.search(normalised)) and not _SENT_BY_ME.search(normalised)


def says_not_paid(normalised: str) -> bool:
    """The writer says plainly that no money has gone yet ("havent paid yet", "还没转")."""
    return bool(_NOT_PAID.search(normalised))


def find_signals(normalised: str) -> list[str]:
    """The risk signals in a message (normalised with text_normalise.normalise): SIGNALS in their order, then the
    CONVERSATION_SIGNALS."""
    found: set[str] = set()
    for pattern in PATTERNS:
        if pattern.signal in found:
            continue
        for match in pattern.regex.finditer(normalised):
            if not pattern.done or not _undone(normalised, match.start()):
                found.add(pattern.signal)
                break
    if DID_IT in found:
        # "he asked me to tap my PIN into the phone... I did that": what was asked has gone.
        found |= {DONE_AS_ASKED[request] for request in found & REQUESTS}
    if _OFFICIAL_APP.search(normalised) and not _PUSHED_LINK.search(normalised):
        found -= {APP_INSTALLED, INSTALL_REQUESTED, CARD_DETAILS}
        found.add(OFFICIAL_APP)
    if RECOVERY_OFFER in found and (_NO_FEE.search(normalised) or _RECOVERY_TOPIC.search(normalised)):
        found.discard(RECOVERY_OFFER)  # money returned by the police free of charge, or an article about such offers
    if MONEY_SENT in found and money_came_in(normalised):
        found.discard(MONEY_SENT)
    if OWN_CHECK in found:
        found.discard(NEW_NUMBER)  # "换了新号码 ... 我打她旧号码问了": checked on the number they knew
        found -= REQUESTS  # a bill the user looked up themselves is theirs to pay, not a stranger's demand
    if _IN_PERSON.search(normalised):
        found -= REQUESTS | {CODE_SHARED}
        found.add(IN_PERSON)
    if _OWN_PAYMENT.search(normalised) and not _TO_SOMEONE.search(normalised):
        found -= {CODE_SHARED, CARD_DETAILS}
    return [signal for signal in (*SIGNALS, *CONVERSATION_SIGNALS) if signal in found]
