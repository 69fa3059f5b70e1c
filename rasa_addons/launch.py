"""Rasa's command line as the bot runs it (bot/rasa_server.py starts `run`, bot/training.py `train`).

- skops.io is imported before anything of Rasa: skops, which stores our classifiers (nlu/text_features.py),
  builds its list of trusted types at import by looking for each numpy and scipy ufunc in every loaded module;
  imported after Rasa's ~5,800 modules, as loading the model does, that took 4-5 s of each start; imported
  first, under 1 s.
- Rasa's check of annotated training examples gets its JSON schema compiled once (entity_validation.py).
- `run` requires the token in RASA_AUTH_TOKEN on its HTTP API (Rasa's --auth-token), so nothing else on the
  machine can read users' conversations (GET /conversations/<id>/tracker) or replace the model (PUT /model).
  The token goes through the environment, not the command line, which any local user can read with `ps`.
"""

from __future__ import annotations

import os
import sys

import skops.io  # noqa: F401  - first, see above

from common.rasa_api import AUTH_TOKEN_ENV
from rasa_addons import entity_validation


def main() -> None:
    entity_validation.install()
    args = sys.argv[1:]
    token = os.environ.get(AUTH_TOKEN_ENV)
    if args[:1] == ["run"] and token:
        args += ["--auth-token", token]
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *args]
    sys.exit(rasa_main())
