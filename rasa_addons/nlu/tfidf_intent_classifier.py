"""Intent classifier: logistic regression over TF-IDF character n-grams and words (text_features.py).

Chosen over Rasa's default DIET and its LogisticRegressionClassifier on raw counts by measurement
(`make nlu-bench`, README). C, the inverse regularisation strength, was chosen by 5-fold cross-validation on
the training data only (`make choose-c`), never on the held-out files.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_addons.nlu.text_features import TfidfClassifierComponent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class TfidfIntentClassifier(TfidfClassifierComponent, IntentClassifier):
    """Ranks every intent by probability; the full ranking lets the bot sum the `none` intents."""

    MODEL_FILE = "tfidf_intent_classifier.skops"

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(TEXT) and m.get(INTENT)]
        if not examples:
            return self._resource
        return self.fit(examples, [m.get(INTENT) for m in examples])

    def process(self, messages: List[Message]) -> List[Message]:
        if self.clf is None or not messages:
            return messages
        for message in messages:
            row = self.probabilities(message)
            ranking = sorted(
                ({"name": name, "confidence": float(p)} for name, p in zip(self.clf.classes_, row)),
                key=lambda entry: -entry["confidence"],
            )
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
