"""Risk signals as `risk_signal` entities, one per signal found (common/risk_signals/ has the patterns).

Runs after the intent, money and message-form classifiers, and squares the two views of money:
- the money classifier's "paid" / "about to pay" are signals too (money_sent, about_to_pay);
- when a pattern says plainly that money, a code, card details or control of the phone has gone (or is about
  to) and the classifier did not hear it, the message's money status is raised, so the dialogue takes the
  stop-loss path. Not for an everyday message ("paid the gas bill in the app"): patterns that ordinary life
  also produces do not turn it into a scam story (common/risk_signals/ `scam_relevant`);
- a plain "haven't paid yet" / "还没转" with no sign of anything gone overrules the classifier's "paid";
- in the scammer's own message, pasted or forwarded, the words of something gone ("pay the fee", "send me the
  code") are what the scammer asks for: they count as requests, unless the money classifier heard the user say
  it has gone (a pasted chat with "I've sent it" in it);
- an offer to get lost money back for a fee makes the message a recovery scam, whichever scam lost the money
  ("I lost money to a stock group, now a lawyer can recover it for 10%"): the old scam is not the danger now.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, ENTITY_ATTRIBUTE_TYPE, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from common.labels import EVERYDAY_INTENTS, SCAM_TYPES
from common.risk_signals import (
    ABOUT_TO_PAY,
    ASKED_FOR,
    COMPROMISE,
    MONEY_SENT,
    RECOVERY_OFFER,
    find_signals,
    money_came_in,
    says_not_paid,
    scam_relevant,
)
from rasa_addons.nlu.message_form import ENTITY_NAME as MESSAGE_FORM
from rasa_addons.nlu.message_form import FORWARDED
from rasa_addons.nlu.money_status import ENTITY_NAME as MONEY_STATUS
from rasa_addons.nlu.sentence_entity import entity_value, set_entity

SIGNAL_ENTITY = "risk_signal"
# What the money classifier's answers mean as signals.
MONEY_SIGNALS = {"paid": MONEY_SENT, "about_to_pay": ABOUT_TO_PAY}
RECOVERY_SCAM = "recovery_scam"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class RiskSignalExtractor(GraphComponent, EntityExtractorMixin):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RiskSignalExtractor:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._process_one(message)
        return messages

    def _process_one(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        if text.startswith("/"):  # the bot's own button ("/affirm"): no words to read
            return
        money = entity_value(message, MONEY_STATUS)
        found = find_signals(text)
        if money == "paid" and money_came_in(text):
            # The classifier heard "money" and "转/收到"; the message is about money received (a refund).
            money = None
            kept = [e for e in message.get(ENTITIES, []) if e.get(ENTITY_ATTRIBUTE_TYPE) != MONEY_STATUS]
            message.set(ENTITIES, kept, add_to_output=True)
        if money == "paid" and not COMPROMISE.intersection(found) and says_not_paid(text):
            # The classifier heard money words; the writer says plainly that none has gone ("havent paid yet").
            money = "not_paid"
            set_entity(message, MONEY_STATUS, money, 1.0, type(self).__name__)
        if entity_value(message, MESSAGE_FORM) == FORWARDED and money != "paid":
            # The scammer's own text: "pay the fee", "tell me the code" say what they ask for, not what has gone.
            found = list(dict.fromkeys(ASKED_FOR.get(signal, signal) for signal in found))
        if money in MONEY_SIGNALS and MONEY_SIGNALS[money] not in found:
            found.append(MONEY_SIGNALS[money])
        if RECOVERY_OFFER in found:
            _make_recovery_the_scam(message)
        intent = message.get(INTENT) or {}
        everyday = intent.get("name") in EVERYDAY_INTENTS
        relevant = scam_relevant(found, everyday, float(intent.get("confidence") or 0.0))
        if COMPROMISE.intersection(relevant) and money != "paid":
            set_entity(message, MONEY_STATUS, "paid", 1.0, type(self).__name__)
        elif ABOUT_TO_PAY in relevant and money is None:
            set_entity(message, MONEY_STATUS, "about_to_pay", 1.0, type(self).__name__)
        # Every signal found goes out: whether an everyday reading explains one away is decided with the whole
        # conversation in view (bot/dialogue/safety.py), and by `classify` for a single message.
        others = [e for e in message.get(ENTITIES, []) if e.get(ENTITY_ATTRIBUTE_TYPE) != SIGNAL_ENTITY]
        signals = [
            {ENTITY_ATTRIBUTE_TYPE: SIGNAL_ENTITY, "value": signal, "start": 0, "end": len(text),
             "extractor": type(self).__name__}
            for signal in found
        ]  # fmt: skip
        message.set(ENTITIES, others + signals, add_to_output=True)


def _make_recovery_the_scam(message: Message) -> None:
    """A recovery offer in a message the model read as another scam: recovery_scam takes the top place (with the
    top confidence), so the dialogue, `classify` and the safety rules all speak of the recovery scam. Messages
    read as everyday life or as a genuine warning keep their reading ("I read an article about recovery scams")."""
    intent = message.get(INTENT) or {}
    if intent.get("name") not in SCAM_TYPES or intent.get("name") == RECOVERY_SCAM:
        return
    ranking = [dict(entry) for entry in message.get(INTENT_RANKING_KEY) or []]
    top = float(intent.get("confidence") or 0.0)
    recovery = next((entry for entry in ranking if entry.get("name") == RECOVERY_SCAM), None)
    former = next((entry for entry in ranking if entry.get("name") == intent.get("name")), None)
    if recovery is None or former is None:
        return
    former["confidence"], recovery["confidence"] = recovery["confidence"], top
    ranking.sort(key=lambda entry: entry["confidence"], reverse=True)
    message.set(INTENT, {"name": RECOVERY_SCAM, "confidence": top}, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
