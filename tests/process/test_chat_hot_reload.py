"""A running `chat` picks up edited content without a restart, and keeps the old content on a broken edit."""

from __future__ import annotations

import queue
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from testkit import ROOT

pytestmark = pytest.mark.rasa


class LineReader:
    """Collects a running process's output lines in the background, so a test can wait for one."""

    def __init__(self, stream) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream) -> None:
        for line in stream:
            self.lines.put(line)

    def read_until(self, needle: str, timeout: float = 60.0) -> str:
        seen = []
        try:
            while True:
                line = self.lines.get(timeout=timeout)
                seen.append(line)
                if needle in line:
                    return line
        except queue.Empty:
            raise AssertionError(f"{needle!r} not seen; got {seen!r}") from None


def test_running_chat_reloads_a_good_edit_and_rejects_a_broken_one(bot_env, tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    env = {**bot_env, "CONTENT_DIR": str(content)}
    chat = subprocess.Popen(
        [sys.executable, "-m", "bot", "chat", "--lang", "en"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )  # fmt: skip
    out, err = LineReader(chat.stdout), LineReader(chat.stderr)
    try:
        chat.stdin.write("hello\n")
        chat.stdin.flush()
        out.read_until("bot> Hello!")

        messages = content / "messages.yml"
        messages.write_text(messages.read_text(encoding="utf-8").replace('"Hello! Tell me', '"Welcome! Tell me'))
        chat.stdin.write("hello\n")
        chat.stdin.flush()
        out.read_until("bot> Welcome!")

        messages.write_text(messages.read_text(encoding="utf-8") + "greet: [broken\n", encoding="utf-8")
        chat.stdin.write("hello\n")
        chat.stdin.flush()
        out.read_until("bot> Welcome!")
        problem = err.read_until("content not reloaded")
        assert "content/messages.yml:" in problem and "YAML syntax error" in problem
    finally:
        chat.stdin.close()
        chat.wait(timeout=30)
    assert chat.returncode == 0
