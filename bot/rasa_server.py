"""Starts and stops a Rasa server of our own when RASA_URL does not point at one.

Rasa lives in its own environment (.venv-rasa, Python 3.10) and runs as its own process, listening on a
free loopback port. Its log goes to data/rasa.log, so the console stays readable.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from bot.config import Settings


class RasaStartError(RuntimeError):
    """The Rasa server could not be started; the message says what to do."""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def latest_model(models_dir: Path) -> Path | None:
    models = sorted(models_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def rasa_environment(settings: Settings) -> dict[str, str]:
    """Environment for Rasa processes: our NLU components importable, quiet TensorFlow, no telemetry."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(settings.project_root), env.get("PYTHONPATH")]))
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env["RASA_TELEMETRY_ENABLED"] = "false"
    env.setdefault("RASA_TRACKER_DB", str(settings.rasa_tracker_db))
    return env


class ManagedRasaServer:
    """A Rasa server process we own: started on enter, stopped on exit."""

    def __init__(
        self,
        settings: Settings,
        model: Path | None = None,
        log_path: Path | None = None,
        endpoints: Path | None = None,
        extra_env: dict[str, str] | None = None,
    ) -> None:
        """`endpoints` and `extra_env`: another tracker and lock store (the replicas of bench/replicas.py)."""
        self.settings = settings
        self.model = model or latest_model(settings.models_dir)
        self.log_path = log_path or settings.data_dir / "rasa.log"
        self.endpoints = endpoints or settings.project_root / "endpoints.yml"
        self.extra_env = extra_env or {}
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._process: subprocess.Popen | None = None

    def start(self) -> None:
        if not self.settings.rasa_bin.exists():
            raise RasaStartError("The Rasa environment is missing: run `make install` (or `make run`).")
        if self.model is None:
            raise RasaStartError(
                f"No trained model in {self.settings.models_dir}: run `.venv/bin/python -m bot train` first."
            )
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        command = [
            str(self.settings.rasa_bin), "run",
            "--enable-api",
            "--interface", "127.0.0.1",
            "--port", str(self.port),
            "--model", str(self.model),
            "--endpoints", str(self.endpoints),
            "--credentials", str(self.settings.project_root / "credentials.yml"),
        ]  # fmt: skip
        with open(self.log_path, "ab") as log:
            self._process = subprocess.Popen(
                command,
                cwd=self.settings.project_root,
                env={**rasa_environment(self.settings), **self.extra_env},
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        self._wait_until_ready()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + self.settings.rasa_start_timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RasaStartError(
                    f"The Rasa server exited with code {self._process.returncode}; see {self.log_path}."
                )
            try:
                status = httpx.get(f"{self.url}/status", timeout=2)
            except httpx.HTTPError:
                time.sleep(0.2)  # not listening yet: Rasa loads the model before it opens its port
                continue
            if status.status_code == 200 and status.json().get("model_file"):
                return
            self.stop()
            raise RasaStartError(f"The Rasa server could not load {self.model}; see {self.log_path}.")
        self.stop()
        raise RasaStartError(
            f"The Rasa server did not load its model within {self.settings.rasa_start_timeout:.0f} s; "
            f"see {self.log_path}."
        )

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def stop(self) -> None:
        if self._process and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None

    def __enter__(self) -> ManagedRasaServer:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()


@contextlib.contextmanager
def rasa_url(settings: Settings) -> Iterator[str]:
    """The URL of a Rasa server for the duration of the block: RASA_URL, or one we start and stop."""
    if settings.rasa_url:
        yield settings.rasa_url
        return
    print("Starting the Rasa server (set RASA_URL to use a running one)...", file=sys.stderr)
    with ManagedRasaServer(settings) as server:
        yield server.url
