"""Cold start and training from scratch as a user meets them, with each process's peak memory.

- Cold start: `python -m bot run` without RASA_URL, so the bot starts its own Rasa server on the newest model in
  models/, in a fresh DATA_DIR (new databases, as on a first deployment), with two messages already waiting at
  the fake Bot API: a scam story from one user and /start from another. Measured from the moment the process is
  started to each reply's `sendMessage` arriving there: what a user who wrote while the bot was down waits for
  after a restart. `seconds` is the story's answer (the dialogue's, which needs Rasa), `command_seconds` the
  /start reply (answered before Rasa is ready). Stages on the way, in seconds from the start (polled every
  20 ms): `rasa_spawned` (the bot started its Rasa child), `bot_taking_updates` (the bot's log: its own start
  work is done), `rasa_imported` and `rasa_loading_model` (Rasa's log: its imports are done, then the model
  loads before its port opens), `bot_ready` (the bot's log: Rasa answered /status with the model),
  `update_served` (the story went to the bot), `first_command_reply`, `first_reply` (the story's first message:
  "one moment" when Rasa is still loading after 3 s), `story_answered`.
- Restart beside a Rasa service: Rasa kept running as its own service (deploy/systemd/), only the bot started,
  with RASA_URL pointing at it; the same story waiting, to its answer (`service_seconds`).
- The echo bot's cold start (bench/echo_bot.py, the yardstick): `python -m bench.echo_bot` to the reply's
  `sendMessage`, the same way: what python-telegram-bot and the interpreter cost before any of ours.
- Training: `python -m bot train` (one `rasa train`, which validates the data first) into an empty MODELS_DIR,
  with Rasa's training cache (RASA_CACHE_DIRECTORY, by default .rasa/cache under the repository) in an empty
  folder too: otherwise Rasa reuses trained components and the run measures a cache hit, not a training.

Each repeat starts from nothing again; the shared 2-core machine is noisy, so results are the median with the
lowest and highest. Run alone: both take most of the machine. `.venv/bin/python -m bench.startup` prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.load import spread_of
from bench.stack import peak_rss_mb
from bot.config import load_settings
from bot.rasa_server import ManagedRasaServer, latest_model
from testkit import ROOT
from testkit.bot_process import bot_environment, stop_bot
from testkit.fake_bot_api import FakeBotApi
from testkit.telegram_updates import command_update, message_update

CHAT_ID = 7007
COMMAND_CHAT_ID = 7008
MESSAGE = "网贷客服说我的账户被冻结了，要先交解冻费才能放款"
# The first line of each stage, in the bot's log (its stdout and stderr) and in Rasa's (DATA_DIR/rasa.log).
BOT_MARKS = {"bot_taking_updates": "taking updates", "bot_ready": "ready (Rasa at "}
RASA_MARKS = {"rasa_imported": "Starting Rasa server on", "rasa_loading_model": "Loading model"}
POLL = 0.02


def children(pid: int) -> list[int]:
    """The process's direct children (the kernel lists them per thread; a thread may end while we look)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            pass
    return found


def _mark_lines(path: Path, patterns: dict[str, str], marks: dict[str, float], elapsed: float) -> None:
    """Records `elapsed` for each pattern seen in the log for the first time."""
    missing = [name for name in patterns if name not in marks]
    if not missing or not path.exists():
        return
    text = path.read_text(errors="replace")
    for name in missing:
        if patterns[name] in text:
            marks[name] = round(elapsed, 3)


def _stop(process: subprocess.Popen, rasa_pid: int | None) -> None:
    """The bot as a service manager stops it; its Rasa server too if it was left over."""
    stop_bot(process, timeout=40)
    if rasa_pid is not None and Path(f"/proc/{rasa_pid}").exists():
        os.kill(rasa_pid, signal.SIGTERM)


def _answered(api: FakeBotApi, chat_id: int) -> bool:
    """The dialogue's answer to the story has arrived: its last message carries the money question's buttons."""
    return any(m.get("reply_markup") for m in api.sent(chat_id=chat_id))


def _one_cold_start(timeout: float, rasa: tuple[str, str] | None = None) -> dict:
    """One start of the bot: its own Rasa server when `rasa` is None, else the (url, token) of a running one."""
    with tempfile.TemporaryDirectory(prefix="bench-start-") as folder, FakeBotApi() as api:
        data = Path(folder)
        update_id = api.push_update(message_update(CHAT_ID, "zh", text=MESSAGE))
        api.push_update(command_update(COMMAND_CHAT_ID, "zh", "/start"))
        env = bot_environment(api, rasa[0] if rasa else "", data)
        if rasa:
            env["RASA_TOKEN"] = rasa[1]
        else:
            del env["RASA_URL"]  # the bot starts its own Rasa server
        bot_log = data / "bot.log"
        with open(bot_log, "wb") as log:
            started = time.monotonic()
            process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        marks: dict[str, float] = {}
        rasa_pid = None
        try:
            while "story_answered" not in marks:
                elapsed = time.monotonic() - started
                if process.poll() is not None:
                    raise RuntimeError(f"the bot exited with {process.returncode}:\n{bot_log.read_text()[-3000:]}")
                if elapsed > timeout:
                    raise RuntimeError(f"no reply within {timeout:.0f} s:\n{bot_log.read_text()[-3000:]}")
                if rasa_pid is None and (found := children(process.pid)):
                    rasa_pid, marks["rasa_spawned"] = found[0], round(elapsed, 3)
                _mark_lines(bot_log, BOT_MARKS, marks, elapsed)
                _mark_lines(data / "rasa.log", RASA_MARKS, marks, elapsed)
                served, sends = api.timeline("sendMessage")
                if update_id in served:
                    marks.setdefault("update_served", round(served[update_id] - started, 3))
                for name, chat in (("first_reply", CHAT_ID), ("first_command_reply", COMMAND_CHAT_ID)):
                    replies = [call.at for call in sends if call.params.get("chat_id") == chat]
                    if replies:
                        marks.setdefault(name, round(replies[0] - started, 3))
                if _answered(api, CHAT_ID):
                    marks["story_answered"] = round(time.monotonic() - started, 3)
                time.sleep(POLL)
            peaks = {"bot": peak_rss_mb(process.pid)}
            if rasa_pid is not None:
                peaks["rasa"] = peak_rss_mb(rasa_pid)
        finally:
            _stop(process, rasa_pid)
    return {
        "seconds": marks["story_answered"],
        "command_seconds": marks["first_command_reply"],
        "marks": dict(sorted(marks.items(), key=lambda m: m[1])),
        "peak_mb": peaks,
    }


def _one_echo_start(timeout: float) -> float:
    """`python -m bench.echo_bot` with one message waiting, to its reply: seconds."""
    with tempfile.TemporaryDirectory(prefix="bench-echo-start-") as folder, FakeBotApi() as api:
        api.push_update(message_update(CHAT_ID, "zh", text=MESSAGE))
        env = {**bot_environment(api, "", Path(folder)), "TELEGRAM_SEND_RATE": "0"}
        with open(Path(folder) / "echo_bot.log", "wb") as log:
            started = time.monotonic()
            process = subprocess.Popen(
                [sys.executable, "-m", "bench.echo_bot"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        try:
            api.wait_for(lambda a: a.sent(chat_id=CHAT_ID) or process.poll() is not None, timeout=timeout)
            replies = [call.at for call in api.timeline("sendMessage")[1] if call.params.get("chat_id") == CHAT_ID]
            if not replies:
                raise RuntimeError(f"the echo bot exited with {process.returncode} before replying")
            return round(replies[0] - started, 3)
        finally:
            stop_bot(process)


def cold_start(repeats: int = 3, timeout: float = 180) -> dict:
    """`python -m bot run` to the first reply, `repeats` times; stage marks and peak memory per process; and the
    echo bot's start to its reply, as many times."""
    runs = [_one_cold_start(timeout) for _ in range(repeats)]
    with ManagedRasaServer(load_settings()) as service:
        _one_cold_start(timeout, (service.url, service.token))  # a first start warms Rasa's caches
        beside_service = [_one_cold_start(timeout, (service.url, service.token)) for _ in range(repeats)]
    echo = [_one_echo_start(timeout) for _ in range(repeats)]
    stages = sorted({name for run in runs for name in run["marks"]}, key=lambda name: runs[0]["marks"].get(name, 0))
    return {
        "model": latest_model(load_settings().models_dir).name,
        "seconds": spread_of([run["seconds"] for run in runs], digits=2),
        "command_seconds": spread_of([run["command_seconds"] for run in runs], digits=2),
        "service_seconds": spread_of([run["seconds"] for run in beside_service], digits=2),
        "echo_seconds": spread_of(echo, digits=2),
        "stages_s": {
            name: spread_of([run["marks"][name] for run in runs if name in run["marks"]], digits=2) for name in stages
        },
        "peak_mb": {name: max(run["peak_mb"][name] for run in runs) for name in ("bot", "rasa")},
        "runs": runs,
        "echo_runs": echo,
    }


def wait_measured(
    process: subprocess.Popen, started: float, timeout: float, log: Path, patterns: dict[str, str]
) -> tuple[float, dict[str, float], float]:
    """Waits for `process`; returns its seconds since `started`, when each pattern first showed in its log, and the
    peak resident MB of the largest process in its tree. wait4's rusage covers this process and the children it
    waited for (`rasa train` under `python -m bot train`), unlike RUSAGE_CHILDREN, which keeps earlier runs'."""
    marks: dict[str, float] = {}
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        elapsed = time.monotonic() - started
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            _mark_lines(log, patterns, marks, elapsed)
            return round(elapsed, 2), marks, round(usage.ru_maxrss / 1024, 1)
        if elapsed > timeout:
            process.kill()
            process.wait()
            raise RuntimeError(f"{process.args} took over {timeout:.0f} s")
        _mark_lines(log, patterns, marks, elapsed)
        time.sleep(POLL)


def _one_training(timeout: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-train-") as folder:
        work = Path(folder)
        env = {
            **os.environ,
            "MODELS_DIR": str(work / "models"),
            "DATA_DIR": str(work / "data"),
            "RASA_CACHE_DIRECTORY": str(work / "cache"),
        }
        output = work / "train.log"
        with open(output, "wb") as log:
            started = time.monotonic()
            process = subprocess.Popen(
                [sys.executable, "-m", "bot", "train"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        seconds, _, peak_mb = wait_measured(process, started, timeout, output, {})
        if process.returncode != 0 or latest_model(work / "models") is None:
            raise RuntimeError(f"training failed ({process.returncode}):\n{output.read_text()[-3000:]}")
        if not (work / "cache").is_dir() or not any((work / "cache").iterdir()):
            raise RuntimeError("Rasa did not use the training cache it was given: the run may have reused another")
    return {"seconds": seconds, "peak_mb": peak_mb}


def training(repeats: int = 3, timeout: float = 900) -> dict:
    """`python -m bot train` from scratch, `repeats` times: seconds and peak memory."""
    runs = [_one_training(timeout) for _ in range(repeats)]
    return {
        "seconds": spread_of([run["seconds"] for run in runs], digits=2),
        "peak_mb": max(run["peak_mb"] for run in runs),
        "runs": runs,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", choices=("cold-start", "training"), help="default: both")
    args = parser.parse_args(argv)
    result: dict = {"cpus": os.cpu_count(), "load_average_before": os.getloadavg()}
    if args.only in (None, "cold-start"):
        result["cold_start"] = cold_start(args.repeats)
    if args.only in (None, "training"):
        result["training"] = training(args.repeats)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
