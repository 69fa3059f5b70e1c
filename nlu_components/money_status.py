"""Recognises whether money has already gone to the scammer: paid, about to pay, not paid, or not said.

This is a sentence-level question ("我已经转了5万" / "I was about to send 3000" / "还没给钱"), so instead of
tagging a span it classifies the whole message with a logistic regression over TF-IDF character n-grams and
words (text_features.py; C chosen by cross-validation on the training data, bench/choose_regularisation.py).
It reports the answer as a `money_status` entity, which fills the slot of the same name through an
ordinary `from_entity` mapping.

Training labels come from the standard Rasa data: a `money_status` entity annotation in an example gives
its value; the standalone `inform_paid` / `inform_not_paid` / `inform_about_to_pay` intents give theirs;
every other example teaches "not said".
"""

from __future__ import annotations

import logging
from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
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
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_components.text_features import TfidfClassifierComponent

logger = logging.getLogger(__name__)

ENTITY_NAME = "money_status"
NOT_SAID = "not_said"
MODEL_FILE = "money_status.skops"
# Standalone answers about money carry their label in the intent name.
INTENT_LABELS = {
    "inform_paid": "paid",
    "inform_not_paid": "not_paid",
    "inform_about_to_pay": "about_to_pay",
}


def training_label(message: Message) -> str:
    """The money status a training example teaches."""
    for entity in message.get(ENTITIES) or []:
        if entity.get(ENTITY_ATTRIBUTE_TYPE) == ENTITY_NAME:
            return entity[ENTITY_ATTRIBUTE_VALUE]
    return INTENT_LABELS.get(message.get(INTENT), NOT_SAID)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class MoneyStatusClassifier(TfidfClassifierComponent, EntityExtractorMixin):
    """Sentence classifier for money status, reported as a `money_status` entity."""

    MODEL_FILE = "money_status.skops"

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(TEXT)]
        labels = [training_label(m) for m in examples]
        if len(set(labels)) < 2:
            logger.warning("No money_status annotations in the training data; nothing to learn.")
            return self._resource
        return self.fit(examples, labels)

    def process(self, messages: List[Message]) -> List[Message]:
        if self.clf is None or not messages:
            return messages
        for message in messages:
            row = self.probabilities(message)
            best = int(row.argmax())
            label = self.clf.classes_[best]
            if label == NOT_SAID:
                continue
            text = message.get(TEXT) or ""
            entity = {
                ENTITY_ATTRIBUTE_TYPE: ENTITY_NAME,
                ENTITY_ATTRIBUTE_VALUE: label,
                ENTITY_ATTRIBUTE_START: 0,
                ENTITY_ATTRIBUTE_END: len(text),
                ENTITY_ATTRIBUTE_CONFIDENCE: float(row[best]),
            }
            others = [e for e in message.get(ENTITIES, []) if e.get(ENTITY_ATTRIBUTE_TYPE) != ENTITY_NAME]
            message.set(ENTITIES, others + self.add_extractor_name([entity]), add_to_output=True)
        return messages
