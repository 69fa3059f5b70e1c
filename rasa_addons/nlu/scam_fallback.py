"""Rasa's FallbackClassifier, with the scam types read as one answer to "is this a scam?".

The fallback turns a message the model cannot place into a clarifying question. With fourteen scam types, a
scam story's probability is often shared between two or three neighbouring types (a fake bank's text: phishing
or fake customer service; a "credit record" call: fake credit repair or a fake official), so the top type alone
can fall under the threshold, or sit close to the second, although the model is sure it is a scam. A question
before "stop now" is what the safety rules forbid; so when the top intent is a scam type, the confidence that
counts is that of all scam types together, and two scam types close to each other are not "ambiguous": the
type shown is the best guess, the advice is the same. Everything else falls back exactly as Rasa's does.
"""

from __future__ import annotations

from typing import Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY
from rasa.shared.nlu.training_data.message import Message

from common.labels import SCAM_TYPES


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ScamFallbackClassifier(FallbackClassifier):
    def _nlu_confidence_below_threshold(self, message: Message) -> Tuple[bool, float]:
        if message.data[INTENT].get(INTENT_NAME_KEY) not in SCAM_TYPES:
            return super()._nlu_confidence_below_threshold(message)
        ranking = message.data.get(INTENT_RANKING_KEY, [])
        scam = sum(e.get(PREDICTED_CONFIDENCE_KEY, 0.0) for e in ranking if e.get(INTENT_NAME_KEY) in SCAM_TYPES)
        return scam < self.component_config["threshold"], scam

    def _nlu_prediction_ambiguous(self, message: Message) -> Tuple[bool, float | None]:
        ranking = message.data.get(INTENT_RANKING_KEY, [])
        if len(ranking) >= 2 and all(e.get(INTENT_NAME_KEY) in SCAM_TYPES for e in ranking[:2]):
            return False, None
        return super()._nlu_prediction_ambiguous(message)
