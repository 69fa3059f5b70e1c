"""Runs in Rasa's environment: Rasa's own check of entity annotations and rasa_addons.entity_validation's must
give the same verdict and the same error text. Prints one JSON line: {"cases": N, "same": M, "rejected": R}.

Usage: python entity_validation_check.py
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

import rasa.shared.utils.validation as rasa_validation  # noqa: E402
from rasa.shared.exceptions import SchemaValidationError  # noqa: E402
from rasa.shared.nlu.training_data import entities_parser  # noqa: E402

from rasa_addons import entity_validation  # noqa: E402

ANNOTATIONS = [
    '"entity": "money_status", "value": "paid"',
    '"entity": "at_risk", "value": "relative", "role": "writer"',
    '"entity": "money_status", "group": "1"',
    '"value": "paid"',  # no entity name
    '"entity": 5',  # not a string
    '"entity": "money_status", "value": "paid", "colour": "red"',  # unknown key
    '"entity": "", "value": "paid"',
]


def verdict(annotation):
    try:
        return "ok", entities_parser.get_validated_dict(annotation)
    except SchemaValidationError as error:
        return "rejected", str(error)


original = rasa_validation.validate_training_data
rasa_says = [verdict(a) for a in ANNOTATIONS]
entity_validation.install()
assert rasa_validation.validate_training_data is not original
ours = [verdict(a) for a in ANNOTATIONS]
print(json.dumps({
    "cases": len(ANNOTATIONS),
    "same": sum(a == b for a, b in zip(rasa_says, ours)),
    "rejected": sum(v[0] == "rejected" for v in ours),
}))
