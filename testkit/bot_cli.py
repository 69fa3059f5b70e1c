"""Running the `python -m bot` command line the way a user does."""

from __future__ import annotations

import subprocess
import sys

from testkit import ROOT


def run_bot(args: list[str], env: dict[str, str], stdin: bytes | str = b"", timeout: float = 300):
    """Runs `python -m bot ARGS`, returns the CompletedProcess (stdout/stderr as text)."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    result = subprocess.run(
        [sys.executable, "-m", "bot", *args], input=data, capture_output=True, env=env, cwd=ROOT, timeout=timeout
    )
    result.stdout = result.stdout.decode("utf-8")
    result.stderr = result.stderr.decode("utf-8")
    return result
