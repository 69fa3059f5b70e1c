"""Normalises message text before tokenisation so one model serves every way people type.

Traditional Chinese (Hong Kong, Taiwan, older relatives) is converted to Simplified with OpenCC, full-width
letters and digits (５０００, ＡＰＰ) become ASCII, and Latin letters are lower-cased. Training data and incoming
messages pass through the same step, so the model never has to learn two spellings of one word.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

# The same normalisation the bot uses to match red-flag phrases (common/ is on the Rasa process's PYTHONPATH).
from common.text_normalise import normalise


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class ChineseNormalizer(GraphComponent):
    """Pipeline step that rewrites the message text in normal form before the tokenizer sees it."""

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
    ) -> ChineseNormalizer:
        return cls()

    @staticmethod
    def required_packages() -> List[str]:
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
