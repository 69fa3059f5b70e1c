"""The product as it runs, for the benchmark: a Rasa server, the bot process (`python -m bot run`) and the fake
Bot API of the end-to-end tests between them, each in its own process, over real HTTP; and the yardstick, a plain
python-telegram-bot echo bot (bench/echo_bot.py) behind the same fake Bot API."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import load_settings
from bot.rasa_server import ManagedRasaServer
from testkit import ROOT
from testkit.bot_process import bot_environment, running_bot, stop_bot
from testkit.fake_bot_api import FakeBotApi


@dataclass
class Stack:
    api: FakeBotApi
    pids: dict[str, int] = field(default_factory=dict)  # process name -> pid, for peak memory
    # Replicas only (bench/replicas.py): nginx's access log, the ports in use, the shared database.
    nginx_log: Path | None = None
    ports: dict = field(default_factory=dict)
    database_url: str | None = None


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory so far (the kernel's high-water mark, VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no VmHWM for process {pid}")


def _send_cap(env: dict[str, str], send_rate: str | None) -> dict[str, str]:
    """TELEGRAM_SEND_RATE as given, or unset (None): the default, Telegram's 30 messages a second."""
    env = dict(env)
    env.pop("TELEGRAM_SEND_RATE", None)
    if send_rate is not None:
        env["TELEGRAM_SEND_RATE"] = send_rate
    return env


@contextlib.contextmanager
def single_stack(work: Path, send_rate: str | None = "0") -> Iterator[Stack]:
    """One Rasa server (SQLite tracker store, as shipped) and one bot process with its SQLite database.

    `send_rate` "0" lifts the bot's own 30-a-second cap (Telegram's limit for an ordinary bot): the machine, not
    Telegram, sets the numbers (the fake Bot API has no limit). None leaves TELEGRAM_SEND_RATE unset: the default
    cap, as shipped."""
    work.mkdir(parents=True, exist_ok=True)
    settings = load_settings({**os.environ, "DATA_DIR": str(work)})
    with FakeBotApi() as api, ManagedRasaServer(settings, log_path=work / "rasa.log") as rasa:
        env = _send_cap(bot_environment(api, rasa.url, work, RASA_TOKEN=rasa.token), send_rate)
        with running_bot(api, env, work / "bot.log") as bot:
            yield Stack(api, {"bot": bot.pid, "rasa": rasa.pid})


@contextlib.contextmanager
def echo_stack(work: Path, send_rate: str | None = "0") -> Iterator[Stack]:
    """The echo bot (`python -m bench.echo_bot`) behind its own fake Bot API, with the same send cap setting
    as `single_stack`; started and stopped as testkit's `running_bot` does the bot."""
    work.mkdir(parents=True, exist_ok=True)
    with FakeBotApi() as api:
        env = _send_cap(bot_environment(api, "", work), send_rate)
        polls_before = api.polls
        log_path = work / "echo_bot.log"
        with open(log_path, "ab") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "bench.echo_bot"], cwd=ROOT, env=env, stdout=log, stderr=log
            )
        try:
            api.wait_for(lambda a: a.polls > polls_before or process.poll() is not None, timeout=60)
            if process.poll() is not None:
                raise RuntimeError(f"the echo bot exited with {process.returncode}:\n{log_path.read_text()}")
            yield Stack(api, {"echo bot": process.pid})
        finally:
            stop_bot(process)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the process has used so far, from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
