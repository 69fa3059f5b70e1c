"""Shared fixtures. Tests marked `rasa` share one Rasa server, started once per session on the trained model."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from bot.config import load_settings
from bot.rasa_server import ManagedRasaServer, latest_model
from tests.fake_bot_api import FakeBotApi


@pytest.fixture(scope="session")
def rasa_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a Rasa server: RASA_URL if set, else one started here on the newest model in models/."""
    settings = load_settings()
    if settings.rasa_url:
        yield settings.rasa_url
        return
    if latest_model(settings.models_dir) is None:
        pytest.fail("No trained model: run `make train` (make test trains before running these tests).")
    log = tmp_path_factory.mktemp("rasa") / "rasa.log"
    with ManagedRasaServer(settings, log_path=log) as server:
        yield server.url


@pytest.fixture
def bot_env(rasa_url: str) -> dict[str, str]:
    """Environment for running `python -m bot` against the shared Rasa server."""
    return {**os.environ, "RASA_URL": rasa_url}


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    """A local fake Telegram Bot API over HTTP; the bot under test is pointed at `api.base_url`."""
    with FakeBotApi() as fake:
        yield fake
