"""`make bench`: every benchmark in one run on this machine; writes bench/results.json, the Markdown
tables in bench/results.md, and the same tables into README.md between the bench markers.

1. Accuracy on the held-out files: shipped pipeline, Rasa's default configuration, a keyword matcher
   (bench/nlu_pipelines.py, in the Rasa environment).
2. End-to-end latency through the fake Bot API into the real bot process and Rasa server (bench/load.py),
   and the same for a plain python-telegram-bot echo bot (bench/echo_bot.py) in the same repeat, as yardstick:
   - send cap off (TELEGRAM_SEND_RATE=0): one chat at a time, then open loop at 20, 50 and 100 messages a
     second over 1,000 chats, then saturation (below);
   - default send cap (TELEGRAM_SEND_RATE unset: 30 messages a second): 20 messages a second over 500 chats and
     50 a second over 1,000 chats, each measured GRACE seconds after the last message was offered (replies by
     then, and how many messages had none), then the backlog drained.
3. Throughput at saturation, with CPU time per message of each process; then the replicas (bench/replicas.py)
   with one and with two bot workers and Rasa servers.
4. Cold start (the bot's, and the echo bot's) and training time (bench/startup.py).
5. Peak resident memory of each process.
6. Screenshots read with Tesseract (bench/ocr.py): characters read right per script, seconds per image, and the
   scam type of held-out scam messages drawn as screenshots, against the label and against the same text typed.
Each timing is repeated (REPEATS, `--repeats N`) in fresh processes and reported as the median with the lowest
and highest run.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from bench import load, ocr, report, startup
from bench.replicas import answered_by_replica, replica_stack
from bench.stack import Stack, cpu_seconds, echo_stack, peak_rss_mb, single_stack
from bot.config import PROJECT_ROOT, load_settings
from bot.rasa_server import rasa_environment

BENCH = PROJECT_ROOT / "bench"
WORK = BENCH / "work" / "e2e"
REPEATS = 3
LOADS = (20, 50, 100)  # offered messages a second, send cap off
CHATS = 1000
# With the default send cap (Telegram's 30 messages a second): (offered messages a second, chats), one message each.
CAPPED = ((20, 500), (50, 1000))
GRACE = 10.0  # seconds after the last message was offered that a capped run's replies are counted
# What is measured, and its yardstick in the same repeat: each is started fresh for every repeat and cap setting.
BOTS = {"bot": single_stack, "echo": echo_stack}
SINGLE_CHAT_MESSAGES = 200
BURST_MESSAGES = 1000
# The fair held-out file (never used for choices), as the users' messages: scams and ordinary ones, zh and en.
MESSAGES_FILE = PROJECT_ROOT / "tests" / "data" / "heldout_blind.yml"


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "python": platform.python_version(),
        "date": datetime.date.today().isoformat(),
        "load_average_at_start": [round(v, 2) for v in os.getloadavg()],
    }


class Messages:
    """Users' messages from the held-out file, each from a chat of its own (a new user)."""

    def __init__(self) -> None:
        entries = yaml.safe_load(MESSAGES_FILE.read_text(encoding="utf-8"))
        self._texts = itertools.cycle([(e["text"], "zh" if e.get("lang") == "zh" else "en") for e in entries])
        self._chats = itertools.count(10_000_000)

    def take(self, count: int) -> list[load.Message]:
        return [load.Message(next(self._chats), *next(self._texts)) for _ in range(count)]


def accuracy() -> dict:
    out = WORK.parent / "accuracy.json"
    only = ["shipped", "rasa default", "keyword"]
    command = [
        str(PROJECT_ROOT / ".venv-rasa" / "bin" / "python"),
        str(BENCH / "nlu_pipelines.py"),
        "--json-out",
        str(out),
        *itertools.chain.from_iterable(("--only", o) for o in only),
    ]
    subprocess.run(command, cwd=PROJECT_ROOT, env=rasa_environment(load_settings()), check=True)
    return json.loads(out.read_text())


def measured_burst(stack: Stack, messages: Messages) -> dict:
    """Everything at once; throughput, and CPU seconds each process spent per message while it lasted."""
    before = {name: cpu_seconds(pid) for name, pid in stack.pids.items()}
    before_bench, before_machine = cpu_seconds(os.getpid()), machine_busy_seconds()
    turns = load.burst(stack.api, messages.take(BURST_MESSAGES))
    cpu = {name: (cpu_seconds(pid) - before[name]) for name, pid in stack.pids.items()}
    cpu["benchmark (fake Bot API, load)"] = cpu_seconds(os.getpid()) - before_bench
    cpu["everything else"] = machine_busy_seconds() - before_machine - sum(cpu.values())
    return {
        "messages_per_second": round(load.throughput(turns), 1),
        "replies": sum(t.replies for t in turns),
        "cpu_ms_per_message": {name: round(seconds * 1000 / len(turns), 2) for name, seconds in cpu.items()},
    }


def machine_busy_seconds() -> float:
    """CPU seconds all cores spent busy since boot (/proc/stat: everything but idle and iowait)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def uncapped(stack: Stack, messages: Messages, label: str) -> dict[str, dict]:
    """Send cap off: one chat at a time, the open-loop loads, then saturation."""
    runs: dict[str, dict] = {}
    load.one_at_a_time(stack.api, messages.take(20))  # warm up: first calls load lazy parts
    print(f"  {label}: one chat at a time", file=sys.stderr, flush=True)
    runs["single"] = load.latency_report(load.one_at_a_time(stack.api, messages.take(SINGLE_CHAT_MESSAGES)))
    for rate in LOADS:
        print(f"  {label}: {rate} messages a second", file=sys.stderr, flush=True)
        turns = load.open_loop(stack.api, messages.take(CHATS), rate)  # one message per chat
        runs[f"load_{rate}"] = {**load.latency_report(turns), "achieved_rate": achieved_rate(turns)}
    print(f"  {label}: saturation", file=sys.stderr, flush=True)
    runs["burst"] = measured_burst(stack, messages)
    return runs


def capped(stack: Stack, messages: Messages, label: str) -> dict[str, dict]:
    """The default send cap: each load measured GRACE seconds after its last message, then left to drain."""
    runs: dict[str, dict] = {}
    load.one_at_a_time(stack.api, messages.take(20))
    for rate, chats in CAPPED:
        print(f"  {label}: {rate} messages a second over {chats} chats", file=sys.stderr, flush=True)
        turns = load.windowed(stack.api, messages.take(chats), rate, GRACE)
        window = {**load.latency_report(turns), "achieved_rate": achieved_rate(turns), "grace_s": GRACE}
        runs[f"capped_{rate}"] = {**window, "after_drain": load.settle(stack.api, turns)}
    return runs


def achieved_rate(turns: list[load.Turn]) -> float:
    return round(len(turns) / (max(t.arrived for t in turns) - min(t.arrived for t in turns)), 1)


def end_to_end(messages: Messages) -> dict:
    """Every scenario for the bot and for the echo bot, in the same repeat, each cap setting in fresh processes."""
    runs: dict[str, dict[str, list]] = {who: {} for who in BOTS}
    memory: dict[str, float] = {}
    load_average = {"start": [round(v, 2) for v in os.getloadavg()]}
    for repeat in range(REPEATS):
        for who, stack_of in BOTS.items():
            for send_rate, scenarios in (("0", uncapped), (None, capped)):
                setting = "cap off" if send_rate == "0" else "default cap"
                work = WORK / f"{who}-{setting.replace(' ', '-')}-{repeat}"
                shutil.rmtree(work, ignore_errors=True)
                with stack_of(work, send_rate) as stack:
                    label = f"repeat {repeat + 1}, {who}, {setting}"
                    for scenario, report in scenarios(stack, messages, label).items():
                        runs[who].setdefault(scenario, []).append(report)
                    for name, pid in stack.pids.items():
                        memory[name] = max(memory.get(name, 0), peak_rss_mb(pid))
    load_average["end"] = [round(v, 2) for v in os.getloadavg()]
    return {
        "repeats": REPEATS,
        "grace_s": GRACE,
        "capped": [{"rate": rate, "chats": chats} for rate, chats in CAPPED],
        "load_average": load_average,
        **{who: {"runs": r, "summary": summarise(r)} for who, r in runs.items()},
        "peak_rss_mb": memory,
    }


def summarise(runs: dict[str, list]) -> dict:
    summary = {}
    for scenario, repeats in runs.items():
        if scenario == "burst":
            names = repeats[0]["cpu_ms_per_message"]
            summary[scenario] = {
                "messages_per_second": load.spread(repeats, "messages_per_second"),
                "cpu_ms_per_message": {
                    name: load.spread_of([r["cpu_ms_per_message"][name] for r in repeats], digits=2) for name in names
                },
            }
            continue
        summary[scenario] = {
            measure: {
                p: load.spread_of([r[measure][p] for r in repeats if measure in r]) for p in ("p50", "p95", "p99")
            }
            for measure in ("first_reply_ms", "last_reply_ms", "from_arrival_ms")
            if any(measure in r for r in repeats)
        }
        summary[scenario]["unanswered"] = load.spread_of([r["unanswered"] for r in repeats], digits=0)
        if "after_drain" in repeats[0]:
            summary[scenario]["unanswered_after_drain"] = load.spread_of(
                [r["after_drain"]["unanswered"] for r in repeats], digits=0
            )
            drained = [d for r in repeats if (d := r["after_drain"]["drained_after_s"]) is not None]
            if drained:
                summary[scenario]["drained_after_s"] = load.spread_of(drained)
    return summary


def replicas(messages: Messages) -> dict:
    """One bot worker + one Rasa server, then two + two, sharing PostgreSQL and Redis behind nginx."""
    results = {}
    for workers in (1, 2):
        runs, memory, served = [], {}, {}
        for repeat in range(REPEATS):
            work = WORK / f"replicas-{workers}-{repeat}"
            shutil.rmtree(work, ignore_errors=True)
            print(f"  {workers} worker(s), repeat {repeat + 1}", file=sys.stderr, flush=True)
            with replica_stack(work, workers) as stack:
                load.one_at_a_time(stack.api, messages.take(20))
                runs.append(measured_burst(stack, messages))
                served = answered_by_replica(stack)
                for name, pid in stack.pids.items():
                    memory[name] = max(memory.get(name, 0), peak_rss_mb(pid))
        results[f"{workers}_workers"] = {
            "bot_workers": workers,
            "rasa_servers": workers,
            "runs": runs,
            "messages_per_second": load.spread(runs, "messages_per_second"),
            "requests_by_replica_last_run": served,
            "peak_rss_mb": memory,
        }
    return results


def main() -> int:
    global REPEATS, CHATS, SINGLE_CHAT_MESSAGES, BURST_MESSAGES, CAPPED
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--steps",
        help=f"comma-separated subset of {','.join(STEPS)}; the others are kept from the last bench/results.json",
    )
    parser.add_argument("--quick", action="store_true", help="one repeat of small runs, to try the benchmark out")
    parser.add_argument("--repeats", type=int, help=f"repeats of every timing (default {REPEATS})")
    args = parser.parse_args()
    if args.quick:
        REPEATS, CHATS, SINGLE_CHAT_MESSAGES, BURST_MESSAGES = 1, 100, 20, 100
        CAPPED = tuple((rate, 100) for rate, _ in CAPPED)
    if args.repeats:
        REPEATS = args.repeats
    results_path = BENCH / "results.json"
    results = json.loads(results_path.read_text()) if results_path.exists() else {}
    steps = args.steps.split(",") if args.steps else list(STEPS)
    if unknown := set(steps) - set(STEPS):
        parser.error(f"unknown steps {sorted(unknown)}; choose from {', '.join(STEPS)}")
    minutes = results.get("minutes", {})
    ran_on = results.get("ran_on", {})  # step -> the date it last ran (steps not run keep their earlier results)
    results["machine"] = machine()
    messages = Messages()
    for name in steps:
        print(f"{name} ...", file=sys.stderr, flush=True)
        started = time.monotonic()
        results[name] = STEPS[name](messages)
        minutes[name] = round((time.monotonic() - started) / 60, 1)
        ran_on[name] = results["machine"]["date"]
    results["minutes"] = minutes
    results["ran_on"] = ran_on
    results["targets"] = report.targets(results)
    results_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    tables = report.markdown(results)
    (BENCH / "results.md").write_text(tables)
    report.into_readme(PROJECT_ROOT / "README.md", tables)
    print(tables)
    return 0


STEPS = {
    "accuracy": lambda messages: accuracy(),
    "end_to_end": end_to_end,
    "replicas": replicas,
    "cold_start": lambda messages: startup.cold_start(REPEATS),
    "training": lambda messages: startup.training(REPEATS),
    "ocr": lambda messages: ocr.measure(),
}


if __name__ == "__main__":
    raise SystemExit(main())
