"""Normalises message text before tokenisation so one model serves every way people type.

Traditional Chinese (Hong Kong, Taiwan, older relatives) is converted to Simplified with OpenCC, full-width
letters and digits (５０００, ＡＰＰ) become ASCII, and Latin letters are lower-cased. Training data and incoming
messages pass through the same step, so the model never has to learn two spellings of one word.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Dict, List, Optional, Text

import opencc
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

# Converter construction reads OpenCC's dictionaries from disk: do it once per process.
_converter: Optional[opencc.OpenCC] = None


def _t2s() -> opencc.OpenCC:
    global _converter
    if _converter is None:
        _converter = opencc.OpenCC("t2s.json")
    return _converter


def normalise(text: Text) -> Text:
    """Simplified Chinese, ASCII-width letters and digits, lower case."""
    # Character by character so offsets stay stable: entity annotations in the training data point into the text.
    text = "".join(_fold_char(char) for char in text)
    converted = _t2s().convert(text)
    return converted if len(converted) == len(text) else text


def _fold_char(char: Text) -> Text:
    """Full-width forms (ＡＰＰ, ５０００, ，) to ASCII, then lower case; never changes the length."""
    folded = unicodedata.normalize("NFKC", char)
    folded = folded if len(folded) == 1 else char
    lowered = folded.lower()
    return lowered if len(lowered) == 1 else folded


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False
)
class ChineseNormalizer(GraphComponent):
    """Pipeline step that rewrites the message text in normal form before the tokenizer sees it."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "ChineseNormalizer":
        return cls()

    @staticmethod
    def required_packages() -> List[Text]:
        return ["opencc"]

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for message in training_data.training_examples:
            self._normalise_message(message)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._normalise_message(message)
        return messages

    @staticmethod
    def _normalise_message(message: Message) -> None:
        text = message.get(TEXT)
        if text:
            message.set(TEXT, normalise(text))
