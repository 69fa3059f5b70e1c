"""Configuration, read from environment variables in this one place (defaults listed in README.md)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from common.rasa_api import DEFAULT_RETENTION_DAYS, RETENTION_ENV

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# PTB appends the token to this (https://core.telegram.org/bots/api#making-requests).
TELEGRAM_BASE_URL = "https://api.telegram.org/bot"
# Where `python -m bot console` listens when CONSOLE_PORT is not set (`run` starts no console then).
DEFAULT_CONSOLE_PORT = 8088


@dataclass(frozen=True)
class Settings:
    # Where an already running Rasa server listens; unset: the bot starts its own on a free loopback port.
    rasa_url: str | None
    # The token a Rasa server at RASA_URL requires on its HTTP API (rasa run --auth-token); a server the bot
    # starts gets this one, or a new random one when it is unset.
    rasa_token: str | None
    # How long a Rasa server we start may take to load its model.
    rasa_start_timeout: float
    # How long a user's message waits for a Rasa server that cannot be reached (restarting after a crash)
    # before the user is told to try again.
    rasa_patience: float
    # Region whose reporting numbers a user sees until they choose one.
    default_region: str
    project_root: Path
    data_dir: Path
    models_dir: Path
    # Trainer-editable wording (cases, checklists, reporting paths, templates).
    content_dir: Path
    # The bot's own database: SQLite file by default, PostgreSQL by URL (postgresql+psycopg://...).
    database_url: str
    # Telegram: the bot's token from @BotFather, and the Bot API server (tests point it at a local fake).
    telegram_bot_token: str | None
    telegram_base_url: str
    # Telegram user ids of trainers, the only users with admin commands.
    admin_ids: frozenset[int]
    # Public HTTPS URL Telegram posts updates to; unset: long polling. PTB's webhook server listens on
    # webhook_listen:webhook_port behind it.
    webhook_url: str | None
    webhook_listen: str
    webhook_port: int
    # The secret Telegram sends back with every webhook update; replicas behind one load balancer must share
    # it. Unset: a random one per start (fine for a single process).
    webhook_secret: str | None
    # Messages a second the bot sends at most, over all chats: Telegram's limit for a bot is about 30; a bot
    # with paid broadcasts, or a local Bot API server (the benchmark), may go higher. 0: no overall limit.
    send_rate: float
    # How often the bot looks for tips that are due.
    tip_check_seconds: float
    # Days the dialogue engine (Rasa's tracker store) keeps what users wrote before deleting it.
    conversation_retention_days: int
    # The trainers' web console (bot/web/): its port (None: `run` starts no console; `console` uses
    # DEFAULT_CONSOLE_PORT), the address it listens on, and its public base URL, which /console links point at.
    console_port: int | None = None
    console_listen: str = "127.0.0.1"
    console_url: str = f"http://127.0.0.1:{DEFAULT_CONSOLE_PORT}"

    @property
    def rasa_bin(self) -> Path:
        return self.project_root / ".venv-rasa" / "bin" / "rasa"

    @property
    def rasa_tracker_db(self) -> Path:
        return self.data_dir / "rasa_tracker.db"


class ConfigError(ValueError):
    """An environment variable holds something the bot cannot use; the message names it."""


def _admin_ids(raw: str) -> frozenset[int]:
    ids = set()
    for part in raw.replace(" ", "").split(","):
        if not part:
            continue
        if not part.lstrip("-").isdecimal():
            raise ConfigError(f"ADMIN_IDS: {part!r} is not a Telegram user id (comma-separated numbers)")
        ids.add(int(part))
    return frozenset(ids)


def _port(raw: str, name: str = "WEBHOOK_PORT") -> int:
    if not raw.isdecimal() or not 0 < int(raw) < 65536:
        raise ConfigError(f"{name}: {raw!r} is not a port number")
    return int(raw)


def _console_url(raw: str, port: int | None) -> str:
    """CONSOLE_URL without a trailing slash; by default the console's own loopback address."""
    if raw and not re.match(r"^https?://[^/\s]+", raw):
        raise ConfigError(f"CONSOLE_URL: {raw!r} is not an http:// or https:// address")
    return raw.rstrip("/") or f"http://127.0.0.1:{port or DEFAULT_CONSOLE_PORT}"


def _send_rate(raw: str) -> float:
    try:
        rate = float(raw)
    except ValueError:
        rate = -1.0
    if rate < 0:
        raise ConfigError(f"TELEGRAM_SEND_RATE: {raw!r} is not a number of messages a second (0: no limit)")
    return rate


def _webhook_secret(raw: str) -> str | None:
    # Telegram's rule for secret_token: 1-256 characters A-Z, a-z, 0-9, _ and -.
    if raw and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", raw):
        raise ConfigError("WEBHOOK_SECRET: use 1-256 letters, digits, _ or - (Telegram's rule for secret_token)")
    return raw or None


def _retention_days(raw: str) -> int:
    if not raw.isdecimal() or int(raw) < 1:
        raise ConfigError(f"{RETENTION_ENV}: {raw!r} is not a number of days (1 or more)")
    return int(raw)


def load_settings(env: Mapping[str, str] = os.environ) -> Settings:
    data_dir = Path(env.get("DATA_DIR") or PROJECT_ROOT / "data")
    console_port = _port(env["CONSOLE_PORT"], "CONSOLE_PORT") if env.get("CONSOLE_PORT") else None
    return Settings(
        rasa_url=(env.get("RASA_URL") or "").rstrip("/") or None,
        rasa_token=env.get("RASA_TOKEN") or None,
        rasa_start_timeout=float(env.get("RASA_START_TIMEOUT") or 180),
        rasa_patience=float(env.get("RASA_PATIENCE_SECONDS") or 180),
        default_region=env.get("DEFAULT_REGION") or "cn",
        project_root=PROJECT_ROOT,
        data_dir=data_dir,
        models_dir=Path(env.get("MODELS_DIR") or PROJECT_ROOT / "models"),
        content_dir=Path(env.get("CONTENT_DIR") or PROJECT_ROOT / "content"),
        database_url=env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'bot.db'}",
        telegram_bot_token=env.get("TELEGRAM_BOT_TOKEN") or None,
        telegram_base_url=env.get("TELEGRAM_BASE_URL") or TELEGRAM_BASE_URL,
        admin_ids=_admin_ids(env.get("ADMIN_IDS") or ""),
        webhook_url=env.get("WEBHOOK_URL") or None,
        webhook_listen=env.get("WEBHOOK_LISTEN") or "0.0.0.0",
        webhook_port=_port(env.get("WEBHOOK_PORT") or "8443"),
        webhook_secret=_webhook_secret(env.get("WEBHOOK_SECRET") or ""),
        send_rate=_send_rate(env.get("TELEGRAM_SEND_RATE") or "30"),
        tip_check_seconds=float(env.get("TIP_CHECK_SECONDS") or 30),
        conversation_retention_days=_retention_days(env.get(RETENTION_ENV) or str(DEFAULT_RETENTION_DAYS)),
        console_port=console_port,
        console_listen=env.get("CONSOLE_LISTEN") or "127.0.0.1",
        console_url=_console_url(env.get("CONSOLE_URL") or "", console_port),
    )
