"""Whether money has already gone to the scammer: paid, about to pay, not paid, or not said, reported as a
`money_status` entity that fills the slot of the same name (sentence_entity.py explains the method).

"Paid" here means money or what lets a scammer take it (a code, card details, control of the phone) has gone;
risk_signals.py raises a message to it when its patterns say so plainly and this classifier did not.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from rasa_addons.nlu.sentence_entity import SentenceEntityClassifier

ENTITY_NAME = "money_status"
NOT_SAID = "not_said"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class MoneyStatusClassifier(SentenceEntityClassifier):
    """Paid / about to pay / not paid, as a `money_status` entity."""

    ENTITY_NAME = ENTITY_NAME
    DEFAULT = NOT_SAID
    MODEL_FILE = "money_status.skops"
    # Standalone answers about money carry their label in the intent name.
    INTENT_LABELS = {
        "inform_paid": "paid",
        "inform_not_paid": "not_paid",
        "inform_about_to_pay": "about_to_pay",
    }
