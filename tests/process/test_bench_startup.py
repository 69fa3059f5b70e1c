"""The cold-start and training benchmark's own measuring (bench/startup.py), on small processes of this test:
child processes found, peak memory of a process tree, log marks, and the spread of repeated runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from bench.load import spread_of
from bench.stack import peak_rss_mb
from bench.startup import _mark_lines, children
from testkit import ROOT

# A process that holds 150 MB (written, so resident) until its standard input closes.
HOLD_150_MB = "import sys; block = b'x' * (150 << 20); print('held', flush=True); sys.stdin.read()"


def test_spread_is_median_with_lowest_and_highest():
    assert spread_of([19.74, 15.1, 16.26], digits=2) == {"median": 16.26, "min": 15.1, "max": 19.74}
    assert spread_of([1.0, 2.0, 4.0, 10.0], digits=2) == {"median": 3.0, "min": 1.0, "max": 10.0}
    assert spread_of([7.0], digits=2) == {"median": 7.0, "min": 7.0, "max": 7.0}


def test_children_and_their_peak_memory():
    """The bot's Rasa server is found as its child, and its peak counted, not the bot's."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_150_MB], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline() == "held\n"
        assert holder.pid in children(os.getpid())
        assert 150 <= peak_rss_mb(holder.pid) < 250
    finally:
        holder.communicate("")
    assert holder.pid not in children(os.getpid())


def test_wait_measured_counts_the_largest_process_of_the_tree(tmp_path):
    """`python -m bot train` is small; the `rasa train` it runs and waits for holds the memory.

    Measured from a small process of its own, as the benchmark measures: a forked child's peak includes the
    parent's memory at the fork, and this test's own process grows with the tests that ran before it."""
    log = tmp_path / "out.log"
    script = (
        "import subprocess, sys, time\n"
        "print('$ rasa train', flush=True)\n"
        f"subprocess.run([sys.executable, '-c', {HOLD_150_MB!r}], input=b'')\n"
    )
    measure = (
        "import json, subprocess, sys, time\n"
        "from pathlib import Path\n"
        "from bench.startup import wait_measured\n"
        f"log = Path({str(log)!r})\n"
        "with open(log, 'wb') as out:\n"
        "    started = time.monotonic()\n"
        f"    process = subprocess.Popen([sys.executable, '-c', {script!r}], stdout=out, stderr=subprocess.STDOUT)\n"
        "seconds, marks, peak_mb = wait_measured(process, started, 60, log, {'train_started': '$ rasa train'})\n"
        "print(json.dumps([process.returncode, seconds, marks, peak_mb]))\n"
    )
    measured = subprocess.run([sys.executable, "-c", measure], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert measured.returncode == 0, measured.stderr
    returncode, seconds, marks, peak_mb = json.loads(measured.stdout)
    assert returncode == 0
    assert 0 < marks["train_started"] <= seconds
    assert 150 <= peak_mb < 250


def test_a_mark_is_the_first_time_its_line_showed(tmp_path):
    log = tmp_path / "bot.log"
    marks: dict[str, float] = {}
    patterns = {"rasa_starting": "Starting the Rasa server", "bot_ready": "ready (Rasa at "}
    _mark_lines(log, patterns, marks, 0.5)  # no log yet
    assert marks == {}
    log.write_text("Starting the Rasa server (set RASA_URL to use a running one)...\n")
    _mark_lines(log, patterns, marks, 1.25)
    log.write_text(log.read_text() + "INFO bot.telegram.runner: bot @x ready (Rasa at http://127.0.0.1:1)\n")
    _mark_lines(log, patterns, marks, 9.5)
    assert marks == {"rasa_starting": 1.25, "bot_ready": 9.5}
