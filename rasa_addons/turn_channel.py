"""The bot's channel into Rasa: one HTTP round trip per user turn that returns what the NLU made of the message
and what the dialogue answered, so the bot's safety rules (bot/dialogue/safety.py) can see both.

POST /webhooks/turn/webhook
  {"sender": "...", "message": "user text"}      a user's words: never read as an intent
  {"sender": "...", "answer": "affirm"}          a button the bot showed: one of ANSWER_INTENTS
->
  {"parse": {"intent": ..., "intent_ranking": [...], "entities": [...]},
   "replies": [custom payloads, in order],
   "signals_before": [risk signals of the earlier user turns and money answers of this session],
   "relative_before": true when an earlier user turn of this session was about someone else at risk,
   "everyday_before": true when there were earlier user turns and the model read every one as everyday life}

Rasa's REST channel gives only the replies, and reads any text starting with "/" as an intent with entities
("/impersonation_official{...}"), which would let a user's message fake a money answer. Here the message is
parsed by the NLU model first and the dialogue is given that parse, so a slash is just a character.
"""

from __future__ import annotations

import hmac
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from common.labels import EVERYDAY_INTENTS
from common.rasa_api import AUTH_TOKEN_ENV, TOKEN_PARAMETER
from common.risk_signals import (
    ABOUT_TO_PAY,
    CONVERSATION_SIGNALS,
    EVERYDAY_CONFIDENCE,
    MONEY_SENT,
    SIGNALS,
    scam_relevant,
)

logger = logging.getLogger(__name__)

# Buttons the bot shows ("have you already sent money?"); anything else in "answer" is refused.
ANSWER_INTENTS = ("affirm", "deny", "unsure")
SIGNAL_ENTITY = "risk_signal"
# Earlier answers that count as signals: "yes, I paid" is a money signal for the rest of the session.
MONEY_SLOT_SIGNALS = {"paid": MONEY_SENT, "unsure": MONEY_SENT, "about_to_pay": ABOUT_TO_PAY}


def signals_in_session(events: list[Any]) -> list[str]:
    """Risk signals of the user turns and money answers since the session began (the conversation's own, such as
    "asked for a code", included), in SIGNALS order."""
    found = set()
    for event in events:
        if isinstance(event, UserUttered):
            signals = [e.get("value") for e in event.entities or [] if e.get("entity") == SIGNAL_ENTITY]
            intent = event.intent or {}
            everyday = intent.get("name") in EVERYDAY_INTENTS
            # "I paid the gas bill" earlier is no money gone to a scammer (as classify reads that message alone).
            found.update(scam_relevant(signals, everyday, float(intent.get("confidence") or 0.0)))
        elif isinstance(event, SlotSet) and event.key == "money_status" and event.value in MONEY_SLOT_SIGNALS:
            found.add(MONEY_SLOT_SIGNALS[event.value])
    return [signal for signal in (*SIGNALS, *CONVERSATION_SIGNALS) if signal in found]


def relative_in_session(events: list[Any]) -> bool:
    """Whether the user has written about someone else at risk (a parent, a friend) in this session."""
    return any(
        e.get("entity") == "at_risk" and e.get("value") == "relative"
        for event in events
        if isinstance(event, UserUttered)
        for e in event.entities or []
    )


def warned_in_session(events: list[Any]) -> list[str]:
    """The scam types whose warning the user has already read in this session (not repeated after the money
    answer): the dialogue's warning, or its money question, which opens with the warning
    (content/templates/ask_money.j2)."""
    warned = []
    for event in events:
        if isinstance(event, BotUttered):
            reply = (event.data or {}).get("custom") or {}
            scam_type = reply.get("scam_type")
            if reply.get("kind") in ("warning", "ask_money") and scam_type not in (None, "", "None", *warned):
                warned.append(str(scam_type))
    return warned


def everyday_in_session(events: list[Any]) -> bool:
    """Whether the session's earlier user turns were all read, confidently, as everyday life."""
    intents = [event.intent or {} for event in events if isinstance(event, UserUttered)]
    return bool(intents) and all(
        intent.get("name") in EVERYDAY_INTENTS and float(intent.get("confidence") or 0.0) >= EVERYDAY_CONFIDENCE
        for intent in intents
    )


def earlier_events(tracker: Any) -> list[Any]:
    """This session's events before the message just handled (a session expires after an hour of silence,
    domain.yml)."""
    events = list(tracker.events)
    starts = [i for i, event in enumerate(events) if getattr(event, "type_name", "") == "session_started"]
    users = [i for i, event in enumerate(events) if isinstance(event, UserUttered)]
    return events[(starts[-1] if starts else 0) : (users[-1] if users else len(events))]


def _authorised(request: Request) -> bool:
    """Rasa checks --auth-token on its own API only, not on channels: with the server's token set (a server the
    bot starts always has one, common/rasa_api.py), a turn needs it too, or anyone on the machine could talk to
    the dialogue as any user."""
    token = os.environ.get(AUTH_TOKEN_ENV)
    if not token:
        return True
    given = request.args.get(TOKEN_PARAMETER) or ""
    return hmac.compare_digest(given.encode(), token.encode())


class TurnInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "turn"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        turn = Blueprint("turn_webhook", __name__)

        @turn.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @turn.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not _authorised(request):
                return response.json({"error": "a valid token is required"}, status=401)
            body: dict[str, Any] = request.json or {}
            sender = body.get("sender")
            answer = body.get("answer")
            text = body.get("message")
            if not isinstance(sender, str) or not sender:
                return response.json({"error": "sender is required"}, status=400)
            if answer is not None and answer not in ANSWER_INTENTS:
                return response.json({"error": f"answer must be one of {', '.join(ANSWER_INTENTS)}"}, status=400)
            if answer is None and not isinstance(text, str):
                return response.json({"error": "message or answer is required"}, status=400)
            agent = request.app.ctx.agent
            if answer is not None:
                # The bot's own button: the one place an intent is given rather than recognised.
                text = f"/{answer}"
                parse = await agent.parse_message(text)
            else:
                # A leading slash would be read as an intent; the full-width slash reads the same to the model
                # (its normaliser folds it) but not to Rasa's intent syntax.
                text = "／" + text[1:] if text.startswith("/") else text
                parse = await agent.parse_message(text)
            collector = CollectingOutputChannel()
            await on_new_message(UserMessage(text, collector, sender, parse_data=parse, input_channel=self.name()))
            tracker = await agent.tracker_store.retrieve(sender)
            events = earlier_events(tracker) if tracker else []
            return response.json(
                {
                    "parse": {key: parse.get(key) for key in ("intent", "intent_ranking", "entities")},
                    "replies": [m["custom"] for m in collector.messages if isinstance(m.get("custom"), dict)],
                    "signals_before": signals_in_session(events),
                    "relative_before": relative_in_session(events),
                    "everyday_before": everyday_in_session(events),
                    "warned_before": warned_in_session(events),
                }
            )

        return turn
