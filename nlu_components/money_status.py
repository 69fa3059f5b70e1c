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
from typing import Any, Dict, List, Type

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.tokenizers.tokenizer import Tokenizer
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
from sklearn.linear_model import LogisticRegression

from nlu_components.text_features import TextFeatures

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


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True
)
class MoneyStatusClassifier(EntityExtractorMixin, GraphComponent):
    """Sentence classifier for money status, reported as a `money_status` entity."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [Tokenizer]

    @staticmethod
    def required_packages() -> List[str]:
        return ["sklearn", "skops"]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"C": 300.0, "max_iter": 2000, "random_state": 42}

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        features: TextFeatures | None = None,
        clf: LogisticRegression | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.features = features
        self.clf = clf

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MoneyStatusClassifier:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(TEXT)]
        labels = [training_label(m) for m in examples]
        if len(set(labels)) < 2:
            logger.warning("No money_status annotations in the training data; nothing to learn.")
            return self._resource
        self.clf = LogisticRegression(
            C=self.config["C"],
            max_iter=self.config["max_iter"],
            random_state=self.config["random_state"],
            class_weight="balanced",
        )
        self.features = TextFeatures()
        self.clf.fit(self.features.fit_transform(examples), labels)
        self.persist()
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        if self.clf is None or not messages:
            return messages
        probabilities = self.clf.predict_proba(self.features.transform(messages))
        for message, row in zip(messages, probabilities):
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

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as model_dir:
            self.features.dump(model_dir / MODEL_FILE, self.clf)

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> MoneyStatusClassifier:
        try:
            with model_storage.read_from(resource) as model_dir:
                features, clf = TextFeatures.load(model_dir / MODEL_FILE)
        except ValueError:
            # Trained without money annotations: the component stays silent.
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, features, clf)
