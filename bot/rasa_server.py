"""Starts and stops a Rasa server of our own when RASA_URL does not point at one.

Rasa lives in its own environment (.venv-rasa, Python 3.10) and runs as its own process, listening on a
free loopback port. Its log goes to data/rasa.log, so the console stays readable.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import httpx

from bot.child_env import child_environment
from bot.config import Settings
from common.rasa_api import AUTH_TOKEN_ENV, PARENT_PID_ENV, RETENTION_ENV, TOKEN_PARAMETER

# Rasa's own command line (what .venv-rasa/bin/rasa runs), through rasa_addons/launch.py: skops imported first,
# the training data check made faster, and `run` given the API token from RASA_AUTH_TOKEN.
RASA_MAIN = "from rasa_addons.launch import main; main()"

# How often a starting server is asked whether its model is loaded: a refused connection on loopback costs
# microseconds, and each try saves up to this much of a cold start.
READY_POLL_SECONDS = 0.05


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
    """Environment for Rasa processes: an allow-list of the bot's, our NLU components importable, quiet
    TensorFlow, no telemetry, and how long to keep conversations."""
    env = child_environment("RASA_TRACKER_DB")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(settings.project_root), env.get("PYTHONPATH")]))
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env["RASA_TELEMETRY_ENABLED"] = "false"
    env.setdefault("RASA_TRACKER_DB", str(settings.rasa_tracker_db))
    env[RETENTION_ENV] = str(settings.conversation_retention_days)
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
        token: str | None = None,
    ) -> None:
        """`endpoints` and `extra_env`: another tracker and lock store (the replicas of bench/replicas.py).
        `token`: what clients must send on Rasa's HTTP API; default RASA_TOKEN, else a new random one."""
        self.settings = settings
        self.model = model or latest_model(settings.models_dir)
        self.log_path = log_path or settings.data_dir / "rasa.log"
        self.endpoints = endpoints or settings.project_root / "endpoints.yml"
        self.extra_env = extra_env or {}
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = token or settings.rasa_token or secrets.token_urlsafe(32)
        self._process: subprocess.Popen | None = None
        self._deadline = 0.0  # for the model to be loaded, from launch()

    def start(self) -> None:
        """Starts the server and waits until its model is loaded."""
        self.launch()
        try:
            self.wait_until_ready()
        except BaseException:  # Ctrl-C while it loads: no server left behind
            self.stop()
            raise

    def launch(self) -> None:
        """Starts the server process and returns at once: the caller can do its own start work while Rasa
        imports its libraries and loads the model (most of a cold start), then wait with `wait_until_ready` or,
        on an event loop, `until_ready`."""
        if not self.settings.rasa_bin.exists():
            raise RasaStartError("The Rasa environment is missing: run `make install` (or `make run`).")
        if self.model is None:
            raise RasaStartError(
                f"No trained model in {self.settings.models_dir}: run `.venv/bin/python -m bot train` first."
            )
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        command = [
            str(self.settings.rasa_bin.with_name("python")), "-c", RASA_MAIN, "run",
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
                env={
                    **rasa_environment(self.settings), **self.extra_env,
                    AUTH_TOKEN_ENV: self.token, PARENT_PID_ENV: str(os.getpid()),
                },
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                # Its own process group: a Ctrl-C or a signal to the bot's group reaches the bot, which finishes
                # the turns in hand and then stops Rasa, instead of Rasa dying under them.
                start_new_session=True,
            )  # fmt: skip
        self._deadline = time.monotonic() + self.settings.rasa_start_timeout

    def _ready(self, status: httpx.Response | None) -> bool:
        """One look at the starting server, given its answer to /status (None: not listening yet, as Rasa loads
        the model before it opens its port). True once the model is loaded; stops the server and raises
        RasaStartError when it exited, could not load the model or took too long."""
        if self._process.poll() is not None:
            raise RasaStartError(f"The Rasa server exited with code {self._process.returncode}; see {self.log_path}.")
        if status is not None:
            if status.status_code == 200 and status.json().get("model_file"):
                return True
            self.stop()
            raise RasaStartError(f"The Rasa server could not load {self.model}; see {self.log_path}.")
        if time.monotonic() > self._deadline:
            self.stop()
            raise RasaStartError(
                f"The Rasa server did not load its model within {self.settings.rasa_start_timeout:.0f} s; "
                f"see {self.log_path}."
            )
        return False

    def _status(self, client: httpx.Client) -> httpx.Response | None:
        try:
            return client.get(f"{self.url}/status", params={TOKEN_PARAMETER: self.token})
        except httpx.HTTPError:
            return None

    def wait_until_ready(self) -> None:
        # One client for all the looks: httpx.get makes a new one each time, ~20 ms of CPU (its SSL context)
        # taken from Rasa's start on a small machine.
        with httpx.Client(timeout=2) as client:
            while not self._ready(self._status(client)):
                time.sleep(READY_POLL_SECONDS)

    async def until_ready(self) -> None:
        """`wait_until_ready` on an event loop, which runs between the looks (PTB's stop signals, above all). A look
        holds the loop for under a millisecond: a refused connection on loopback, or Rasa's answer. (A synchronous
        client also closes cleanly when a stop signal abandons this coroutine.)"""
        with httpx.Client(timeout=2) as client:
            while not self._ready(self._status(client)):
                await asyncio.sleep(READY_POLL_SECONDS)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def exited(self) -> bool:
        """The process we started has ended (crashed, killed) without our stopping it."""
        return self._process is not None and self._process.poll() is not None

    async def restart(self) -> None:
        """Starts the server again on the same port and token (clients keep their address), and waits until its
        model is loaded; raises RasaStartError as a first start does."""
        self.stop()
        self.launch()
        await self.until_ready()

    def stop(self) -> None:
        """SIGTERM to the server's process group, SIGKILL after 20 s."""
        if self._process and self._process.poll() is None:
            self._signal_group(signal.SIGTERM)
            try:
                self._process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._signal_group(signal.SIGKILL)
                self._process.wait()
        self._process = None

    def _signal_group(self, number: int) -> None:
        try:
            os.killpg(self._process.pid, number)
        except ProcessLookupError:
            pass

    def __enter__(self) -> ManagedRasaServer:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()


@contextlib.contextmanager
def rasa_url(settings: Settings) -> Iterator[tuple[str, str | None]]:
    """The URL of a Rasa server and its API token for the duration of the block: RASA_URL and RASA_TOKEN, or a
    server we start and stop."""
    if settings.rasa_url:
        yield settings.rasa_url, settings.rasa_token
        return
    print("Starting the Rasa server (set RASA_URL to use a running one)...", file=sys.stderr)
    with ManagedRasaServer(settings) as server:
        yield server.url, server.token


async def _already_running() -> None:
    pass


@contextlib.contextmanager
def rasa_starting(
    settings: Settings,
) -> Iterator[tuple[str, str | None, Callable[[], Awaitable[None]], ManagedRasaServer | None]]:
    """Like `rasa_url`, but a server we start is still loading when the block begins: the block gets its URL,
    token, a coroutine function that waits until the model is loaded (it does its own start work meanwhile),
    and the server to supervise (None for one at RASA_URL, which its own service manager looks after)."""
    if settings.rasa_url:
        yield settings.rasa_url, settings.rasa_token, _already_running, None
        return
    print("Starting the Rasa server (set RASA_URL to use a running one)...", file=sys.stderr)
    server = ManagedRasaServer(settings)
    server.launch()
    try:
        yield server.url, server.token, server.until_ready, server
    finally:
        server.stop()
