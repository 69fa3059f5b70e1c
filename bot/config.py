"""Configuration, read from environment variables in this one place (defaults listed in README.md)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    # Where an already running Rasa server listens; unset: the bot starts its own on a free loopback port.
    rasa_url: str | None
    # How long a Rasa server we start may take to load its model.
    rasa_start_timeout: float
    # Region whose reporting numbers a user sees until they choose one.
    default_region: str
    project_root: Path
    data_dir: Path
    models_dir: Path
    # Trainer-editable wording (cases, checklists, reporting paths, templates).
    content_dir: Path
    # The bot's own database: SQLite file by default, PostgreSQL by URL (postgresql+psycopg://...).
    database_url: str

    @property
    def rasa_bin(self) -> Path:
        return self.project_root / ".venv-rasa" / "bin" / "rasa"

    @property
    def rasa_tracker_db(self) -> Path:
        return self.data_dir / "rasa_tracker.db"


def load_settings(env: Mapping[str, str] = os.environ) -> Settings:
    data_dir = Path(env.get("DATA_DIR") or PROJECT_ROOT / "data")
    return Settings(
        rasa_url=(env.get("RASA_URL") or "").rstrip("/") or None,
        rasa_start_timeout=float(env.get("RASA_START_TIMEOUT") or 180),
        default_region=env.get("DEFAULT_REGION") or "cn",
        project_root=PROJECT_ROOT,
        data_dir=data_dir,
        models_dir=Path(env.get("MODELS_DIR") or PROJECT_ROOT / "models"),
        content_dir=Path(env.get("CONTENT_DIR") or PROJECT_ROOT / "content"),
        database_url=env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'bot.db'}",
    )
