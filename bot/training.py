"""Validate the training data and train the Rasa model, in Rasa's own environment."""

from __future__ import annotations

import subprocess
import sys

from bot.config import Settings
from bot.rasa_server import rasa_environment

TRAINING_DATA = ("nlu_data", "stories")
MODELS_KEPT = 3


def _rasa(settings: Settings, *args: str) -> int:
    command = [str(settings.rasa_bin), *args]
    print("$ rasa " + " ".join(args), file=sys.stderr, flush=True)
    return subprocess.call(command, cwd=settings.project_root, env=rasa_environment(settings))


def validate(settings: Settings) -> int:
    """`rasa data validate`: domain, NLU data and stories agree with each other."""
    return _rasa(
        settings, "data", "validate",
        "--data", *TRAINING_DATA,
        "--domain", "domain.yml",
        "--config", "config.yml",
        "--fail-on-warnings",
    )  # fmt: skip


def train(settings: Settings) -> int:
    """Validate, then train; Rasa itself skips training when data and config are unchanged."""
    if not settings.rasa_bin.exists():
        print("The Rasa environment is missing: run `make install`.", file=sys.stderr)
        return 2
    status = validate(settings)
    if status != 0:
        print("Training data is not valid; fix the problems above and train again.", file=sys.stderr)
        return status
    settings.models_dir.mkdir(parents=True, exist_ok=True)
    status = _rasa(
        settings, "train",
        "--data", *TRAINING_DATA,
        "--domain", "domain.yml",
        "--config", "config.yml",
        "--out", str(settings.models_dir),
    )  # fmt: skip
    if status == 0:
        _prune_old_models(settings)
    return status


def _prune_old_models(settings: Settings) -> None:
    models = sorted(settings.models_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    for old in models[:-MODELS_KEPT]:
        old.unlink()
