"""The safety rules: which messages a turn sends, and in which order, whatever the dialogue or the scam type.

Rasa's dialogue decides the usual flow (stories/); these rules sit after it, in the one turn every chat goes
through (turn.py), so private chats, family groups and the console all obey them:
- When money, a code, card details, a password or control of the phone has gone, in this message or earlier
  in the conversation, the first message is the stop-loss path, even when the scam type is unknown.
- When the person is about to pay, is being threatened, or is in a conversation about a recognised scam whose
  next message the model cannot place, the first message is "stop now" (with what to do at once if something
  has already gone). A menu or a question never comes first.
- A genuine warning (96110, 12381, police at the door, bank staff stopping a transfer) is said to be real,
  before anything else but a stop-loss path.
- A relative asking for someone else gets advice for a helper, not steps addressed to the victim.
- No reassurance: "no red flag found" becomes what the words cannot tell and how to check (how_to_check).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.group_watch import should_warn
from bot.rasa_client import DialogueTurn, Parse
from common.labels import EVERYDAY_INTENTS, SCAM_TYPES
from common.labels import OFFICIAL_WARNING as OFFICIAL_WARNING_INTENT
from common.risk_signals import (
    ABOUT_TO_PAY,
    APP_INSTALLED,
    COMPROMISE,
    DID_IT,
    EDUCATIONAL,
    EVERYDAY_CONFIDENCE,
    IMPERSONATION_CUE,
    IN_PERSON,
    INTIMATE_IMAGE,
    OFFICIAL_APP,
    OFFICIAL_CONTACT,
    ON_THE_LINE,
    OWN_CHECK,
    RECOVERY_OFFER,
    REQUESTS,
    SCAM_MARKERS,
    SECRECY,
    STATION_VISIT,
    STRONG_MARKERS,
    THREAT,
    WORRY,
)
from common.risk_signals import OFFICIAL_WARNING as WARNING_SIGNAL  # the signal: a genuine warning is named

# Replies to small talk: a thank-you after the stop-loss path does not repeat it.
SMALL_TALK = frozenset({"greet", "goodbye", "you_are_welcome", "capabilities"})
# Replies that mean the dialogue could not place the message: never the first thing a person at risk reads.
UNPLACED = frozenset({"clarify", "ask_details", "how_to_check", "out_of_scope"})
# The first message of a turn that tells a person at risk what to do now.
ACT_NOW = frozenset({"stop_loss", "stop_now", "relative_help"})
# How the scam works, shown after the first message (the dialogue's order: stories/scam_report_rules.yml).
SCAM_STORY = ("warning", "case", "checklist")
# The dialogue's replies that follow from what it knows about the money (stories/scam_report_rules.yml).
MONEY_FLOW = frozenset({"stop_loss", "stop_now", "ask_money", "warning", "case", "checklist", "prevention"})
# Someone is about to pay, is threatened, is being asked for money or a code, or the caller is on the line now:
# stop now.
PRESSURE = frozenset({ABOUT_TO_PAY, THREAT, ON_THE_LINE}) | REQUESTS
ALWAYS_PRESSING = frozenset({"sextortion", "recovery_scam"})
# How sure the model must be of "a genuine warning" when no warning is named in the message.
WARNING_INTENT_CONFIDENCE = 0.85
# Scams whose own story is a fake official or a fake rescuer: their "officer" is never a genuine warning.
FAKE_OFFICIAL_SCAMS = frozenset({"impersonation_official", "recovery_scam", "sextortion"})
# How sure the model must be of a scam to accuse a follow-up in a conversation that was everyday life so far,
# when the message itself carries no sign of one ("when will the refund arrive?" after "I returned the shoes").
FOLLOW_UP_SCAM_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Step:
    """One message kind to render (content/templates/<kind>.j2) about one scam type, if any."""

    kind: str
    scam_type: str | None = None
    money_gone: bool = False


@dataclass(frozen=True)
class Plan:
    """What one turn sends, and what it learned (for statistics and relatives' alerts)."""

    steps: tuple[Step, ...]
    scam_type: str | None  # the scam this turn is about, if recognised
    money_status: str | None  # paid | about_to_pay | not_paid | unsure | None: as this turn established it
    signals: frozenset[str]  # the risk signals the plan acted on (this turn and earlier ones)
    relative: bool  # the writer is helping someone else at risk

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(step.kind for step in self.steps)


def _scam_of(parse: Parse, turn: DialogueTurn) -> str | None:
    """The scam this message tells of (as the dialogue recognised it), else the conversation's (the dialogue's
    slot, carried in every reply)."""
    if parse.intent in SCAM_TYPES:
        return parse.intent
    if RECOVERY_OFFER in parse.signals:
        return "recovery_scam"
    return next((reply.scam_type for reply in turn.replies if reply.scam_type), None)


@dataclass(frozen=True)
class Reading:
    """What one turn tells about the person's situation, before any message is chosen."""

    scam: str | None  # this message's scam, else the conversation's
    signals: frozenset[str]  # this message's signals that count here
    relative: bool  # the writer helps someone else at risk
    money_gone: bool  # money, a code, card details or access has gone (now or earlier in the conversation)
    pressure: bool  # about to pay, asked to, threatened
    intervention: bool  # a genuine warning is named
    unplaced: bool  # the dialogue could not place the message (clarify, how to check...)
    scam_cue: bool  # something scam-like in the conversation (a fake official's words, "new number", secrecy...)
    doubtful: bool  # a weak scam guess in an everyday conversation: not enough to accuse
    worried: bool  # the writer says they are worried ("is this a scam?", "好驚")
    marked: bool  # something scam-like in the conversation ("new number", "hacked", a stranger online...)
    pressed_before: bool  # asked for money, threatened or about to pay earlier in the conversation
    small_talk: bool  # greetings and thanks only
    answered_money: frozenset[str | None]  # what the dialogue acted on about money this turn


def _genuine_warning(parse: Parse, now: set[str]) -> bool:
    """Whether the message tells of a genuine protective warning. Named outright (96110, a 12381 text, "the bank
    stopped my transfer", "told me not to pay"), it is one. An official-sounding contact about a scam, or the
    model's firm reading, is one unless the message also carries what fake officials do (asking for money, a
    code or secrecy, offering to recover lost money; "money laundering", "safe account"): calling a fake warning
    real is the worst mistake this bot can make."""
    if WARNING_SIGNAL in now:
        return True
    contact = bool(now & {OFFICIAL_CONTACT, STATION_VISIT}) or (
        parse.intent == OFFICIAL_WARNING_INTENT and parse.intent_confidence >= WARNING_INTENT_CONFIDENCE
    )
    fake_signs = now & (REQUESTS | {THREAT, SECRECY, IMPERSONATION_CUE, RECOVERY_OFFER})
    if STATION_VISIT in now:
        # "Your account was used for money laundering, come to the station to give a statement": the police's
        # own words; only a demand, threat or secrecy beside it is a fake official's.
        fake_signs.discard(IMPERSONATION_CUE)
    # A police talk at the library is not a warning about this person.
    return contact and not fake_signs and parse.intent not in FAKE_OFFICIAL_SCAMS and EDUCATIONAL not in now


def _doubtful_scam(turn: DialogueTurn) -> bool:
    """A weak scam reading, with no sign of a scam in the message, of a follow-up in a conversation that has been
    everyday life so far or of someone learning about scams (a talk, the news): the model is guessing from a word
    like "refund" or "safe account"."""
    parse = turn.parse
    calm_signals = {EDUCATIONAL, OWN_CHECK, OFFICIAL_APP}
    seen = turn.signals_before | set(parse.signals)
    learning = bool(calm_signals & seen)
    # Family one has seen in person ("my son came round and asked to borrow £500"), with nothing scam-like:
    # paying them later is family life, not a sign.
    family = IN_PERSON in seen and not seen & (SCAM_MARKERS | STRONG_MARKERS | REQUESTS | {THREAT})
    signs = set(parse.signals) - calm_signals - {WORRY, IN_PERSON} - ({ABOUT_TO_PAY} if family else set())
    calm = (turn.everyday_before and not turn.signals_before - calm_signals) or learning or family
    # A question about scams in general ("how can I tell a real police call? nothing has happened to me"): the
    # model's scam reading is the topic, not the person's situation, however sure it is.
    asks_about_scams = EDUCATIONAL in parse.signals and not signs & STRONG_MARKERS
    unsure = parse.intent_confidence < FOLLOW_UP_SCAM_CONFIDENCE or asks_about_scams
    # An intimate image of the writer (real or faked) is blackmail's first step, never a doubtful reading.
    sure_signs = COMPROMISE | PRESSURE | {RECOVERY_OFFER, INTIMATE_IMAGE}
    return calm and parse.intent in SCAM_TYPES and unsure and not signs & sure_signs


def _own_intimate_image(parse: Parse) -> bool:
    """The writer's own intimate image is in someone's hands (not an article about such images)."""
    return INTIMATE_IMAGE in parse.signals and EDUCATIONAL not in parse.signals


def _relays_a_talk(parse: Parse, turn: DialogueTurn) -> bool:
    """The message is about a talk, the news or a lesson, or follows one and carries no request, threat or
    pressure ("she said banks never ask you to move money to a safe account"): its "safe account" is a lesson, not
    a fake official's words."""
    if EDUCATIONAL in parse.signals:
        return True
    return EDUCATIONAL in turn.signals_before and not set(parse.signals) & (PRESSURE | COMPROMISE | {RECOVERY_OFFER})


def read_turn(turn: DialogueTurn) -> Reading:
    parse = turn.parse
    kinds = {reply.kind for reply in turn.replies}
    small_talk = bool(kinds) and kinds <= SMALL_TALK
    scam = _scam_of(parse, turn)
    markers = (turn.signals_before | set(parse.signals)) & (SCAM_MARKERS | {IMPERSONATION_CUE})
    face_to_face = IN_PERSON in turn.signals_before | set(parse.signals)
    # A cousin asking face to face for a loan is family life, not a relative at risk.
    relative = (parse.at_risk == "relative" or turn.relative_before) and not (face_to_face and not markers)
    # Within a conversation about a scam, and for a worried relative, "I paid" is never explained away as
    # everyday life; otherwise the model's everyday reading of the message counts (classify does the same).
    trusted = scam or markers or relative
    trusted = trusted or turn.signals_before & (COMPROMISE | PRESSURE)
    now = set(parse.signals if trusted else parse.relevant_signals)
    if OFFICIAL_APP in turn.signals_before and not markers and not now & REQUESTS:
        now.discard(APP_INSTALLED)  # "装好了" after "the anti-fraud app from the store": that app
    # The money slot rides along in every reply; it speaks for this turn only where the dialogue acted on it.
    answered = frozenset(reply.money_status for reply in turn.replies if reply.kind in MONEY_FLOW)
    # "He asked for the code... I gave it": the request earlier in the conversation, or in the same message.
    done_as_asked = (DID_IT in now or parse.intent == "affirm") and bool(turn.signals_before & REQUESTS)
    done_as_asked = done_as_asked or (DID_IT in now and bool(now & REQUESTS))
    money_gone = bool(now & COMPROMISE) or (bool(answered & {"paid", "unsure"}) and "stop_loss" in kinds)
    # "I gave him the code" earlier, or "发了" after "he wants the code": still the stop-loss path.
    money_gone = money_gone or (not small_talk and bool(turn.signals_before & COMPROMISE or done_as_asked))
    # "Going to transfer it" counts when something in the conversation is scam-like; to a brother in person it
    # is family life. Requests, threats, blackmail and "recovery" offers press for money by their nature.
    scam_context = bool(trusted or turn.signals_before & (REQUESTS | {THREAT, RECOVERY_OFFER}))
    face_to_face = face_to_face or IN_PERSON in now
    plain_life = not scam_context and (parse.intent in EVERYDAY_INTENTS or face_to_face)
    pressing = now & (REQUESTS | {THREAT} if plain_life else PRESSURE)
    # Pressed for money by someone earlier in the conversation ("he wants the full amount by FPS first"): a message
    # the model cannot place gets "stop now" too, not "check it yourself".
    pressed_before = not plain_life and bool(
        turn.signals_before & (REQUESTS | {THREAT, RECOVERY_OFFER, ON_THE_LINE})
        or (ABOUT_TO_PAY in turn.signals_before and turn.signals_before & STRONG_MARKERS)
    )
    return Reading(
        scam=scam,
        signals=frozenset(now | (turn.signals_before if money_gone else set())),
        relative=relative,
        money_gone=money_gone,
        pressure=bool(pressing) or "about_to_pay" in answered or scam in ALWAYS_PRESSING,
        intervention=_genuine_warning(parse, now),
        unplaced=bool(kinds) and kinds <= UNPLACED | SMALL_TALK and not small_talk,
        pressed_before=pressed_before,
        scam_cue=bool(set(parse.signals) & STRONG_MARKERS) and not _relays_a_talk(parse, turn)
        # An intimate image of the writer, real or faked, is no everyday matter whatever the model reads.
        and (not (parse.intent in EVERYDAY_INTENTS and parse.intent_confidence >= EVERYDAY_CONFIDENCE)
             or _own_intimate_image(parse)),
        doubtful=_doubtful_scam(turn),
        worried=WORRY in parse.signals,
        marked=bool(markers),
        small_talk=small_talk,
        answered_money=answered,
    )


def _first_messages(reading: Reading) -> list[Step]:
    """What comes before the dialogue's own replies: what to do now, that a warning is real, help for a helper."""
    lead: Step | None = None
    if reading.money_gone:
        lead = Step("stop_loss", reading.scam, True)
    elif reading.intervention:
        lead = Step("intervention")
    elif reading.pressure or (reading.unplaced and (reading.scam or reading.pressed_before or reading.scam_cue)):
        # A recognised scam, or pressure earlier, and a message the model cannot place ("im in the parking lot
        # now"): stop, not a menu.
        lead = Step("stop_now", reading.scam)
    steps = [lead] if lead else []
    if reading.intervention and lead and lead.kind != "intervention":
        steps.append(Step("intervention"))  # after the stop-loss path: the warning they got is real
    # Something to worry about: a scam, what to do now, the writer's worry or a scam-like sign. A relative's
    # question about an ordinary bank statement is not.
    worried = reading.scam or lead or reading.worried or reading.marked
    if reading.relative and not reading.small_talk and worried:
        # Advice for the helper, not steps addressed to a victim: first if it replaces what to do now, else after
        # "this warning is real" (how to help them believe it).
        helper = Step("relative_help", reading.scam, reading.money_gone)
        if lead is None or lead.kind in ACT_NOW:
            steps = [helper] + [s for s in steps if s.kind not in ACT_NOW]
        else:
            steps.append(helper)
    return steps


def plan_turn(turn: DialogueTurn) -> Plan:
    """The messages of one private (or console) turn, with the safety rules applied to the dialogue's replies."""
    reading = read_turn(turn)
    if reading.doubtful and not reading.relative and not reading.money_gone:
        # Not enough to call it a scam, and never enough to call it fine: how to check. Once money or access has
        # gone in this conversation, what to do now comes first whatever this message is.
        return Plan((Step("how_to_check"),), None, None, reading.signals, False)
    steps = _first_messages(reading)
    acting = bool(steps) and steps[0].kind in ACT_NOW | {"intervention"}
    for reply in turn.replies:
        kind = reply.kind
        if kind == "intervention" and not reading.intervention:
            kind = "how_to_check"  # the model guessed "a genuine warning" without one named: say how to check
        if any(s.kind == kind for s in steps):
            continue
        if acting and kind == "clarify" and not reading.scam:
            kind = "ask_details"  # after what to do now: "tell me what happened", not a menu of scam types
        if acting and kind in ("stop_loss", "stop_now", "how_to_check", "clarify"):
            continue
        if acting and reading.money_gone and kind == "prevention":
            continue
        if acting and reading.money_gone and kind == "ask_money":
            # Money is known to have gone: the story of the scam, not the question again.
            told = {s.kind for s in steps}
            scam = reply.scam_type or reading.scam
            steps.extend(Step(k, scam, True) for k in SCAM_STORY if k not in told)
            continue
        steps.append(Step(kind, reply.scam_type, reading.money_gone or reply.money_gone))
    scam_type = turn.parse.scam_type if turn.parse.scam_type in SCAM_TYPES else None
    status = _money_status(reading)
    return Plan(tuple(steps) or (Step("clarify"),), scam_type, status, reading.signals, reading.relative)


def _money_status(reading: Reading) -> str | None:
    """paid | about_to_pay | not_paid | unsure | None, as this turn established it (statistics, alerts)."""
    if reading.money_gone or "paid" in reading.answered_money:
        return "paid"
    if reading.pressure or "about_to_pay" in reading.answered_money:
        return "about_to_pay"
    return next((status for status in ("not_paid", "unsure") if status in reading.answered_money), None)


def plan_group_message(parse: Parse, red_flags: int, sensitivity: str, asked: bool) -> Plan:
    """A message in a family group: a gentle warning when it is clearly a scam (bot/group_watch.py), an answer
    whenever someone asked the bot about it, and silence otherwise. A genuine warning is never called a scam;
    someone in the group saying money has gone or is about to go gets the stop-loss step first."""
    now = set(parse.relevant_signals)
    scam = parse.scam_type if parse.scam_type in SCAM_TYPES else None
    status = "paid" if now & COMPROMISE else "about_to_pay" if now & PRESSURE else None
    if WARNING_SIGNAL in now:
        steps = (Step("intervention"),) if asked else ()
        return Plan(steps, None, status, frozenset(now), False)
    warn = scam is not None and should_warn(scam, parse.confidence, red_flags, sensitivity)
    # Asked directly, the bot shows what it sees at the loudest setting: never "nothing found" beside a red flag.
    if asked and not warn:
        warn = scam is not None and (should_warn(scam, parse.confidence, red_flags, "loud") or red_flags > 0)
    if not warn and not asked:
        return Plan((), None, status, frozenset(now), False)
    step = Step("group_warning", scam if warn else None, bool(now & COMPROMISE))
    return Plan((step,), scam if warn else None, status, frozenset(now), False)
