"""Whether the person at risk is someone else: a relative or friend writing about them ("my dad sent 100,000
and won't believe me"), reported as an `at_risk: relative` entity; nothing when the writer is the one at risk.

The bot then speaks to the helper: what to do with and for the person, how to talk to them, who else can
step in (bot/dialogue/safety.py). A scammer *pretending* to be a relative ("grandma, it's me") is not this:
the training data annotates only the people at risk (sentence_entity.py explains the method). A plain opening
about the person ("我妈…", "my dad…") counts even when the classifier misses it (common/at_risk.py).
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from common.at_risk import about_someone_else
from rasa_addons.nlu.sentence_entity import SentenceEntityClassifier, entity_value, set_entity


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class AtRiskClassifier(SentenceEntityClassifier):
    """`at_risk: relative` when the message is about someone else at risk."""

    ENTITY_NAME = "at_risk"
    DEFAULT = "self"
    MODEL_FILE = "at_risk.skops"

    def process(self, messages: List[Message]) -> List[Message]:
        """The classifier's answer, or the plain opening "我妈…" / "my dad…" (common/at_risk.py) it missed."""
        super().process(messages)
        for message in messages:
            text = message.get(TEXT) or ""
            said_plainly = not text.startswith("/") and about_someone_else(text)
            if said_plainly and entity_value(message, self.ENTITY_NAME) is None:
                set_entity(message, self.ENTITY_NAME, "relative", 1.0, type(self).__name__)
        return messages
