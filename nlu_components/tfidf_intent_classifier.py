"""Intent classifier: logistic regression over TF-IDF character n-grams and words (text_features.py).

Chosen over Rasa's default DIET and its LogisticRegressionClassifier on raw counts by measurement
(`make nlu-bench`, README). C, the inverse regularisation strength, was chosen by 5-fold cross-validation on
the training data only (bench/choose_regularisation.py), never on the held-out file.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Type

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.linear_model import LogisticRegression

from nlu_components.text_features import TextFeatures

logger = logging.getLogger(__name__)
MODEL_FILE = "tfidf_intent_classifier.skops"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class TfidfIntentClassifier(IntentClassifier, GraphComponent):
    """Ranks every intent by probability; the full ranking lets the bot sum the `none` intents."""

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
    ) -> TfidfIntentClassifier:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(TEXT) and m.get(INTENT)]
        if not examples:
            return self._resource
        self.features = TextFeatures()
        self.clf = LogisticRegression(
            C=self.config["C"],
            max_iter=self.config["max_iter"],
            random_state=self.config["random_state"],
            class_weight="balanced",
        )
        self.clf.fit(self.features.fit_transform(examples), [m.get(INTENT) for m in examples])
        self.persist()
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        if self.clf is None or not messages:
            return messages
        probabilities = self.clf.predict_proba(self.features.transform(messages))
        for message, row in zip(messages, probabilities):
            ranking = sorted(
                ({"name": name, "confidence": float(p)} for name, p in zip(self.clf.classes_, row)),
                key=lambda entry: -entry["confidence"],
            )
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
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
    ) -> TfidfIntentClassifier:
        try:
            with model_storage.read_from(resource) as model_dir:
                features, clf = TextFeatures.load(model_dir / MODEL_FILE)
        except ValueError:
            logger.warning("TfidfIntentClassifier has no trained model; it will not classify.")
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, features, clf)
