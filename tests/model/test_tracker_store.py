"""Rasa's tracker store as the bot configures it (rasa_addons/tracker_store.py), run in Rasa's environment:
users' words are deleted after the retention period (issue 15, privacy 12)."""

from __future__ import annotations

import json
import subprocess

from bot.config import load_settings
from bot.rasa_server import rasa_environment
from testkit import ROOT


def test_words_older_than_the_retention_period_are_deleted_at_open_and_on_a_later_save(tmp_path):
    settings = load_settings({"CONVERSATION_RETENTION_DAYS": "7"})
    script = ROOT / "tests" / "model" / "rasa_env" / "tracker_retention_check.py"
    result = subprocess.run(
        [settings.rasa_bin.with_name("python"), script, tmp_path],
        env=rasa_environment(settings), capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["retention_days"] == 7  # the bot's setting reached the Rasa process
    assert report["at_open"] == ["recent words"]
    assert report["after_save"] == {"a": ["recent words"], "b": [], "c": ["today"]}
