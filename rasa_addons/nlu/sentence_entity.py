"""A whole-message question answered as an entity: "has money gone?" (money_status.py), "is the person at risk
someone else?" (at_risk.py).

These are questions about the sentence, not about a span ("我已经转了5万" / "my mum is on her way to the bank"),
so instead of tagging a span the component classifies the whole message with a logistic regression over TF-IDF
character n-grams and words (text_features.py) and reports the answer as an entity, which fills a slot through
an ordinary `from_entity` mapping or is read by the bot from the parse.

Training labels come from the standard Rasa data: an annotation of the entity in an example gives its value
(the annotated span only marks where it is said); intents listed in INTENT_LABELS give theirs; every other
example teaches DEFAULT, which is never reported.
"""

from __future__ import annotations

import logging
from typing import Dict, List

from rasa.engine.storage.resource import Resource
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_CONFIDENCE,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    INTENT,
    METADATA,
    METADATA_INTENT,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_addons.nlu.text_features import TfidfClassifierComponent

logger = logging.getLogger(__name__)


def set_entity(message: Message, name: str, value: str, confidence: float, extractor: str) -> None:
    """Reports `name` = `value` for the whole message, replacing any earlier value of the same entity."""
    text = message.get(TEXT) or ""
    entity = {
        ENTITY_ATTRIBUTE_TYPE: name,
        ENTITY_ATTRIBUTE_VALUE: value,
        ENTITY_ATTRIBUTE_START: 0,
        ENTITY_ATTRIBUTE_END: len(text),
        ENTITY_ATTRIBUTE_CONFIDENCE: confidence,
        "extractor": extractor,
    }
    others = [e for e in message.get(ENTITIES, []) if e.get(ENTITY_ATTRIBUTE_TYPE) != name]
    message.set(ENTITIES, others + [entity], add_to_output=True)


def entity_value(message: Message, name: str) -> str | None:
    """The value of entity `name` in the message, if any."""
    entities = message.get(ENTITIES) or []
    return next((e[ENTITY_ATTRIBUTE_VALUE] for e in entities if e.get(ENTITY_ATTRIBUTE_TYPE) == name), None)


# The `form` an intent block's metadata gives a scammer's own text, pasted or forwarded (nlu_data/README.md).
FORWARDED = "forwarded"


def is_scammer_text_example(message: Message) -> bool:
    """Whether a training example comes from a `form: forwarded` block: the scammer's own message."""
    intent_metadata = (message.get(METADATA) or {}).get(METADATA_INTENT) or {}
    return intent_metadata.get("form") == FORWARDED


class SentenceEntityClassifier(TfidfClassifierComponent, EntityExtractorMixin):
    """Subclasses set ENTITY_NAME, DEFAULT, MODEL_FILE and, optionally, INTENT_LABELS."""

    ENTITY_NAME = ""
    DEFAULT = ""
    INTENT_LABELS: Dict[str, str] = {}

    def training_label(self, message: Message) -> str:
        """The value a training example teaches."""
        for entity in message.get(ENTITIES) or []:
            if entity.get(ENTITY_ATTRIBUTE_TYPE) == self.ENTITY_NAME:
                return entity[ENTITY_ATTRIBUTE_VALUE]
        return self.INTENT_LABELS.get(message.get(INTENT), self.DEFAULT)

    def teaches(self, message: Message) -> bool:
        """Whether a training example says anything about this question. A scammer's own message (a `form:
        forwarded` block) says nothing about the user's money or family unless an annotation says so: a call
        script in which the code is read out, or "Grandma, it's me", is no example of "not said"."""
        annotated = any(e.get(ENTITY_ATTRIBUTE_TYPE) == self.ENTITY_NAME for e in message.get(ENTITIES) or [])
        return not is_scammer_text_example(message) or annotated

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(TEXT) and self.teaches(m)]
        labels = [self.training_label(m) for m in examples]
        if len(set(labels)) < 2:
            logger.warning("No %s annotations in the training data; nothing to learn.", self.ENTITY_NAME)
            return self._resource
        return self.fit(examples, labels)

    def process(self, messages: List[Message]) -> List[Message]:
        if self.clf is None or not messages:
            return messages
        for message in messages:
            row = self.probabilities(message)
            best = int(row.argmax())
            label = self.clf.classes_[best]
            if label != self.DEFAULT:
                set_entity(message, self.ENTITY_NAME, label, float(row[best]), type(self).__name__)
        return messages
