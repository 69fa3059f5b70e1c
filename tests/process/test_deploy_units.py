"""deploy/systemd/: Rasa as its own service and the bot beside it (issue 16, cold start).

systemd itself does not run in a test, so the units are checked two ways: `systemd-analyze verify` reads them
as systemd would (keys, commands that exist), with their paths pointed at this checkout; and the Rasa unit's
own ExecStart and Environment, taken from the file, start a Rasa server that the bot, given RASA_URL and
RASA_TOKEN as bot.env says, talks to."""

from __future__ import annotations

import html
import os
import secrets
import shlex
import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from testkit import ROOT
from testkit.bot_process import bot_environment, running_bot
from testkit.content_text import ZH, scam_name
from testkit.local_servers import free_port
from testkit.telegram_updates import message_update, new_id, wait_for_more

UNITS = ROOT / "deploy" / "systemd"
INSTALLED_AT = "/opt/anti-fraud-bot"


def unit_here(name: str, folder: Path) -> Path:
    """The unit with its paths pointed at this checkout and at empty environment files in `folder`."""
    text = (UNITS / name).read_text()
    text = text.replace(INSTALLED_AT, str(ROOT)).replace("/etc/anti-fraud-bot", str(folder))
    text = text.replace("User=antifraud", "User=root")
    for env_file in ("rasa.env", "bot.env"):
        (folder / env_file).touch()
    path = folder / name
    path.write_text(text)
    return path


def unit_settings(path: Path) -> tuple[list[str], dict[str, str]]:
    """The unit's ExecStart as arguments, and its Environment= assignments."""
    command, env = [], {}
    for line in path.read_text().splitlines():
        key, _, value = line.partition("=")
        if key == "ExecStart":
            command = shlex.split(value)
        elif key == "Environment":
            env.update(item.split("=", 1) for item in shlex.split(value))
    return command, env


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="make system-packages installs systemd")
def test_the_units_are_valid_for_systemd(tmp_path):
    units = [unit_here(name, tmp_path) for name in ("anti-fraud-rasa.service", "anti-fraud-bot.service")]
    result = subprocess.run(["systemd-analyze", "verify", *map(str, units)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.rasa
def test_the_rasa_units_command_serves_the_bot_given_its_url_and_token(api, tmp_path):
    command, unit_env = unit_settings(unit_here("anti-fraud-rasa.service", tmp_path))
    port, token = free_port(), secrets.token_urlsafe(32)
    command[command.index("--port") + 1] = str(port)
    unit_env["RASA_TRACKER_DB"] = str(tmp_path / "rasa_tracker.db")
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), **unit_env, "RASA_AUTH_TOKEN": token}
    with open(tmp_path / "rasa.log", "wb") as log:
        rasa = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while True:
            assert rasa.poll() is None, (tmp_path / "rasa.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "the Rasa unit's server did not load its model"
            try:
                if httpx.get(f"{url}/status", params={"token": token}).json().get("model_file"):
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        # Its API refuses a caller without the token.
        assert httpx.get(f"{url}/status").status_code == 401

        env = bot_environment(api, url, tmp_path, RASA_TOKEN=token)
        with running_bot(api, env, tmp_path / "bot.log"):
            user = new_id()
            api.push_update(message_update(user, "zh-hans", text="网贷App说我的资金被冻结，要先交解冻费才能放款"))
            replies = wait_for_more(api, user, 0, lambda m: m.get("reply_markup"), timeout=60)
        assert any(scam_name("loan_unfreeze_fee", ZH) in html.unescape(m["text"]) for m in replies)
    finally:
        rasa.terminate()
        rasa.wait(timeout=30)
