"""Validate the training data and train the Rasa model, in Rasa's own environment."""

from __future__ import annotations

import subprocess
import sys

from bot.config import Settings
from bot.rasa_server import RASA_MAIN, rasa_environment

TRAINING_DATA = ("nlu_data", "stories")
MODELS_KEPT = 3


def _rasa(settings: Settings, *args: str) -> int:
    # Rasa's command line with skops imported first, as the server starts (bot/rasa_server.py): saving our
    # classifiers imports skops, which is slow once Rasa's modules are loaded.
    command = [str(settings.rasa_bin.with_name("python")), "-c", RASA_MAIN, *args]
    print("$ rasa " + " ".join(args), file=sys.stderr, flush=True)
    return subprocess.call(command, cwd=settings.project_root, env=rasa_environment(settings))


def train(settings: Settings) -> int:
    """Validate, then train, in one Rasa process; Rasa itself skips training when data and config are unchanged.

    `rasa train` runs the same checks as `rasa data validate` (domain, NLU data, stories agree); with
    --fail-on-validation-warnings a warning stops it too. A separate `rasa data validate` first cost a second
    Rasa start, about 11 s of a 51 s training (bench/README.md)."""
    if not settings.rasa_bin.exists():
        print("The Rasa environment is missing: run `make install`.", file=sys.stderr)
        return 2
    settings.models_dir.mkdir(parents=True, exist_ok=True)
    status = _rasa(
        settings, "train",
        "--data", *TRAINING_DATA,
        "--domain", "domain.yml",
        "--config", "config.yml",
        "--fail-on-validation-warnings",
        "--out", str(settings.models_dir),
    )  # fmt: skip
    if status == 0:
        _prune_old_models(settings)
    else:
        print("Training failed: fix the problems above (data, domain or config) and train again.", file=sys.stderr)
    return status


def _prune_old_models(settings: Settings) -> None:
    models = sorted(settings.models_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    for old in models[:-MODELS_KEPT]:
        old.unlink()
