"""The NLU classifiers score one message with their own arithmetic (rasa_addons/nlu/text_features.py) instead of
sklearn's batch path, for speed: the probabilities must be the same."""

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
