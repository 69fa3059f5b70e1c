"""The content check of an upload or a rollback, in a process of its own with limits on CPU, memory and time.

A hostile or mistaken upload (a template that loops for ever, a file built to expand) checked inside the bot
froze the trainer's chat, slowed every user and blocked shutdown (issue 15). Here it can only exhaust its own
process, which the limits stop; the bot reads the verdict.

    python -m bot.content.isolated_check FOLDER   ->   a JSON list of "file:line: reason" ([] when it passes)
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

from bot.child_env import child_environment

# The real content's check takes about 1.3 s of CPU and 32 MB. Operators may change the limits (tests lower
# the CPU one to see a runaway template stopped quickly).
CPU_SECONDS_ENV, DEFAULT_CPU_SECONDS = "CONTENT_CHECK_CPU_SECONDS", 60
MEMORY_BYTES = 1536 * 1024 * 1024  # address space
WALL_SECONDS = 120


def _cpu_seconds() -> int:
    return int(os.environ.get(CPU_SECONDS_ENV) or DEFAULT_CPU_SECONDS)


def check_isolated(candidate: Path) -> list[str]:
    """The candidate folder's problems as `file:line: reason`, [] when it passes, from a child process."""
    command = [sys.executable, "-m", "bot.content.isolated_check", str(candidate)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=WALL_SECONDS, check=False,
            env=child_environment(CPU_SECONDS_ENV),  # none of the bot's secrets
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return [f"content: the check did not finish within {WALL_SECONDS} s (a template that never ends?)"]
    if done.returncode != 0:
        if done.returncode < 0 or "MemoryError" in done.stderr:
            return [
                f"content: the check went past its limits ({_cpu_seconds()} s of CPU, "
                f"{MEMORY_BYTES // 2**20} MB of memory): a template or file that costs too much"
            ]
        return [f"content: the check failed unexpectedly ({done.stderr.strip().splitlines()[-1:]})"]
    return json.loads(done.stdout)


def main() -> int:
    # Limits first, before anything is loaded: the kernel stops this process, not the bot.
    cpu = _cpu_seconds()
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    from bot.content.loader import load_content
    from bot.content.yaml_lines import ContentError

    try:
        load_content(Path(sys.argv[1]))
    except ContentError as error:
        print(json.dumps([str(problem) for problem in error.problems], ensure_ascii=False))
        return 0
    print("[]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
