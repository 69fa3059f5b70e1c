"""Whether a message is the scammer's own text, pasted or forwarded (an SMS, a chat message, a call script), or
the user's account of what happened, reported as a `message_form: forwarded` entity; nothing for an account.

The bot then says "this message is a ... scam" instead of "this looks like" (bot/dialogue/turn.py). Training
labels come from the data: a block of examples whose intent metadata says `form: forwarded` (nlu_data/README.md)
teaches "forwarded", every other example "account". A plain form the classifier missed (an SMS sender tag, "Dear
customer", "Hi Mum", "收到一条短信：") counts too (common/message_form.py).
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from common.message_form import is_scammer_text
from rasa_addons.nlu.sentence_entity import (
    FORWARDED,
    SentenceEntityClassifier,
    entity_value,
    is_scammer_text_example,
    set_entity,
)

ENTITY_NAME = "message_form"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class MessageFormClassifier(SentenceEntityClassifier):
    """`message_form: forwarded` when the message is the scammer's own text."""

    ENTITY_NAME = ENTITY_NAME
    DEFAULT = "account"
    MODEL_FILE = "message_form.skops"

    def teaches(self, message: Message) -> bool:
        return True  # every example is one form or the other

    def training_label(self, message: Message) -> str:
        return FORWARDED if is_scammer_text_example(message) else self.DEFAULT

    def process(self, messages: List[Message]) -> List[Message]:
        """The classifier's answer, or the plain form (common/message_form.py) it missed. TEXT is already
        normalised (ChineseNormalizer runs first, config.yml), as common/message_form.py expects."""
        super().process(messages)
        for message in messages:
            text = message.get(TEXT) or ""
            plain = not text.startswith("/") and is_scammer_text(text)
            if plain and entity_value(message, self.ENTITY_NAME) is None:
                set_entity(message, self.ENTITY_NAME, FORWARDED, 1.0, type(self).__name__)
        return messages
