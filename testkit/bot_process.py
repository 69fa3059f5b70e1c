"""The bot as a user runs it: `python -m bot run` in its own process, pointed at the fake Bot API."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from testkit import ROOT
from testkit.fake_bot_api import FakeBotApi

# Nothing listens here: a test that needs no understanding sees Rasa unavailable, as when it is down.
RASA_DOWN = "http://127.0.0.1:9"
# The bot's log line once its Rasa server answers (at once for one at RASA_URL): it takes updates before that.
ANALYSIS_READY = "ready (Rasa at "


def bot_environment(api: FakeBotApi, rasa_url: str, data_dir: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": "123:TEST",
        "TELEGRAM_BASE_URL": api.base_url,
        "RASA_URL": rasa_url,
        "DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{data_dir / 'bot.db'}",
        **extra,
    }


@contextlib.contextmanager
def running_bot(
    api: FakeBotApi, env: dict[str, str], log_path: Path, args: tuple[str, ...] = ()
) -> Iterator[subprocess.Popen]:
    """Starts `python -m bot run ARGS`, waits until it asks for updates (a long poll, or setWebhook) and its Rasa
    server is ready, and stops it with SIGTERM (as a service manager would) on exit. Its log goes to `log_path`,
    shown if it fails."""
    polls_before, webhooks_before = api.polls, len(api.sent("setWebhook"))

    def ready(a: FakeBotApi) -> bool:
        return a.polls > polls_before or len(a.sent("setWebhook")) > webhooks_before or process.poll() is not None

    command = [sys.executable, "-m", "bot", "run", *args]
    with open(log_path, "ab") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        api.wait_for(ready, timeout=60)
        wait_for_log(process, log_path, ANALYSIS_READY, timeout=180)
        yield process
    finally:
        stop_bot(process)


def wait_for_log(process: subprocess.Popen, log_path: Path, line: str, timeout: float) -> None:
    """Until `line` shows in the bot's log; fails, with the log, if the bot exits or the time runs out."""
    deadline = time.monotonic() + timeout
    while line not in log_path.read_text(errors="replace"):
        if process.poll() is not None:
            raise AssertionError(f"the bot exited with {process.returncode}:\n{log_path.read_text()}")
        if time.monotonic() > deadline:
            raise AssertionError(f"no {line!r} in the bot's log within {timeout:.0f} s:\n{log_path.read_text()}")
        time.sleep(0.05)


def stop_bot(process: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM, as a service manager stops the bot (which stops a Rasa server it started); killed if it hangs."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
