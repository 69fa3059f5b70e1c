"""Rasa's check of each `[text]{"entity": ...}` annotation, with the JSON schema compiled once.

Rasa 3.6 checks every annotated training example with `jsonschema.validate`, which checks the schema itself and
builds a new validator on each call. With our ~2,000 annotated examples, read three times per `rasa train` (the
validation, the domain and the training graph each load the data), that took about a fifth of the training
(cProfile: 8,920 calls, most of the time in jsonschema's reference resolution). The schema never changes, so
one validator per schema gives the same verdicts and the same error for a bad annotation.

`install()` runs first in every Rasa process the bot starts (rasa_addons/launch.py).
"""

from __future__ import annotations

import json
from typing import Any

import rasa.shared.utils.validation as rasa_validation
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.shared.exceptions import SchemaValidationError

_RASA_MESSAGE_END = rasa_validation.DOCS_URL_TRAINING_DATA
_validators: dict[str, Any] = {}


def validate_training_data(json_data: dict[str, Any], schema: dict[str, Any]) -> None:
    """Same contract as rasa.shared.utils.validation.validate_training_data: raises SchemaValidationError with
    Rasa's wording when `json_data` does not fit `schema`."""
    key = json.dumps(schema, sort_keys=True)
    validator = _validators.get(key)
    if validator is None:
        cls = validator_for(schema)
        cls.check_schema(schema)
        validator = _validators[key] = cls(schema)
    # What jsonschema.validate raises: the most relevant of the errors.
    error = best_match(validator.iter_errors(json_data))
    if error is not None:
        error.message += (
            f". Failed to validate data, make sure your data "
            f"is valid. For more information about the format visit "
            f"{_RASA_MESSAGE_END}."
        )
        raise SchemaValidationError.create_from(error) from error


def install() -> None:
    """Rasa's entity parser calls the function through its module, so replacing the attribute is enough."""
    rasa_validation.validate_training_data = validate_training_data
