"""Rasa's command line as the bot runs it (bot/rasa_server.py starts `run`, bot/training.py `train`).

- skops.io is imported before anything of Rasa: skops, which stores our classifiers (nlu/text_features.py),
  builds its list of trusted types at import by looking for each numpy and scipy ufunc in every loaded module;
  imported after Rasa's ~5,800 modules, as loading the model does, that took 4-5 s of each start; imported
  first, under 1 s.
- Rasa's check of annotated training examples gets its JSON schema compiled once (entity_validation.py).
- A server started by the bot ends when the bot's process does (Linux's parent-death signal), even if the bot
  is killed outright: no orphaned 900 MB servers (RASA_PARENT_PID names the bot).
- `run` requires the token in RASA_AUTH_TOKEN on its HTTP API (Rasa's --auth-token), so nothing else on the
  machine can read users' conversations (GET /conversations/<id>/tracker) or replace the model (PUT /model).
  The token goes through the environment, not the command line, which any local user can read with `ps`.
"""

from __future__ import annotations

import os
import sys

import skops.io  # noqa: F401  - first, see above

from common.rasa_api import AUTH_TOKEN_ENV, PARENT_PID_ENV
from rasa_addons import entity_validation

PR_SET_PDEATHSIG = 1


def _end_with_parent() -> None:
    """SIGTERM when the process that started us ends; gone already: end now."""
    parent = os.environ.get(PARENT_PID_ENV)
    if not parent or not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != int(parent):  # it ended before the line above
        sys.exit(0)


def main() -> None:
    _end_with_parent()
    entity_validation.install()
    args = sys.argv[1:]
    token = os.environ.get(AUTH_TOKEN_ENV)
    if args[:1] == ["run"] and token:
        # One argument, "--auth-token=...": a token may begin with "-", which argparse takes for an option.
        args.append(f"--auth-token={token}")
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *args]
    sys.exit(rasa_main())
