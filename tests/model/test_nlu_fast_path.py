"""The NLU classifiers score one message with their own arithmetic (rasa_addons/nlu/text_features.py) instead of
sklearn's batch path, for speed: the probabilities must be the same.
The same for training: Rasa's annotation check with its schema compiled once gives Rasa's verdicts."""

from __future__ import annotations

import json
import subprocess

import pytest
import yaml

from bot.config import load_settings
from bot.rasa_server import latest_model, rasa_environment
from testkit import ROOT

pytestmark = pytest.mark.rasa


def test_one_message_arithmetic_gives_sklearns_probabilities_on_every_heldout_message():
    settings = load_settings()
    heldout = ROOT / "tests" / "data" / "heldout_blind.yml"
    script = ROOT / "tests" / "model" / "rasa_env" / "fast_path_difference.py"
    result = subprocess.run(
        [settings.rasa_bin.with_name("python"), script, latest_model(settings.models_dir), heldout],
        env=rasa_environment(settings), capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    report = json.loads(result.stdout.strip().splitlines()[-1])
    messages = len(yaml.safe_load(heldout.read_text(encoding="utf-8")))
    assert report["classifiers"] == 4  # scam type, money status, someone else at risk, the message's form
    assert report["messages"] == 4 * messages
    assert report["max_difference"] < 1e-9


def test_the_compiled_once_annotation_check_gives_rasas_verdicts_and_error_text():
    """rasa_addons/entity_validation.py replaces Rasa's check of `[text]{"entity": ...}` annotations in training."""
    settings = load_settings()
    script = ROOT / "tests" / "model" / "rasa_env" / "entity_validation_check.py"
    result = subprocess.run(
        [settings.rasa_bin.with_name("python"), script],
        env=rasa_environment(settings), capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["rejected"] >= 2  # the bad annotations are still refused...
    assert report["same"] == report["cases"]  # ...with Rasa's own wording, and the good ones pass unchanged


def test_every_rasa_process_the_bot_starts_installs_the_annotation_check():
    from bot.rasa_server import RASA_MAIN

    settings = load_settings()
    probe = RASA_MAIN.split("from rasa.__main__")[0] + (
        "import rasa.shared.utils.validation as v; print(v.validate_training_data.__module__)"
    )
    result = subprocess.run(
        [settings.rasa_bin.with_name("python"), "-c", probe],
        env=rasa_environment(settings), capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    assert result.stdout.strip().splitlines()[-1] == "rasa_addons.entity_validation"
