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


LAUNCH_PROBE = """
import sys, rasa.__main__ as rasa_main
def instead_of_rasa():
    import rasa.shared.utils.validation as validation
    print(validation.validate_training_data.__module__, " ".join(sys.argv))
    return 0
rasa_main.main = instead_of_rasa
sys.argv = ["-c", *sys.argv[1:]]
from rasa_addons.launch import main
main()
"""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["run", "--port", "5005"], "rasa_addons.entity_validation rasa run --port 5005 --auth-token=-s3cret"),
        (["train", "--out", "models"], "rasa_addons.entity_validation rasa train --out models"),
    ],
)
def test_the_launcher_installs_the_annotation_check_and_gives_run_the_token(args, expected):
    """rasa_addons/launch.py, which every Rasa process the bot starts goes through (bot/rasa_server.py)."""
    settings = load_settings()
    result = subprocess.run(
        [settings.rasa_bin.with_name("python"), "-c", LAUNCH_PROBE, *args],
        # A token may begin with "-" (secrets.token_urlsafe): it must still reach Rasa as the token.
        env={**rasa_environment(settings), "RASA_AUTH_TOKEN": "-s3cret"}, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected
