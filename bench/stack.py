"""The product as it runs, for the benchmark: a Rasa server, the bot process (`python -m bot run`) and the fake
Bot API of the end-to-end tests between them, each in its own process, over real HTTP."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import load_settings
from bot.rasa_server import ManagedRasaServer
from testkit.bot_process import bot_environment, running_bot
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


@contextlib.contextmanager
def single_stack(work: Path, send_rate: str = "0") -> Iterator[Stack]:
    """One Rasa server (SQLite tracker store, as shipped) and one bot process with its SQLite database.

    `send_rate` 0 lifts the bot's own 30-a-second cap (Telegram's limit for an ordinary bot): the benchmark
    measures the machine, and the fake Bot API has no limit."""
    work.mkdir(parents=True, exist_ok=True)
    settings = load_settings({**os.environ, "DATA_DIR": str(work)})
    with FakeBotApi() as api, ManagedRasaServer(settings, log_path=work / "rasa.log") as rasa:
        env = bot_environment(api, rasa.url, work, TELEGRAM_SEND_RATE=send_rate, RASA_TOKEN=rasa.token)
        with running_bot(api, env, work / "bot.log") as bot:
            yield Stack(api, {"bot": bot.pid, "rasa": rasa.pid})


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the process has used so far, from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
