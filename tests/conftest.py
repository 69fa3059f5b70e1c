"""Shared fixtures. Tests marked `rasa` share one Rasa server, started once per session on the trained model.
Storage tests get `sessions` (or `database_url`) twice: on SQLite and on a throwaway PostgreSQL server."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from bot.config import load_settings
from bot.rasa_server import ManagedRasaServer, latest_model
from bot.storage.database import make_engine, make_sessions, upgrade_schema
from tests.fake_bot_api import FakeBotApi
from tests.local_servers import temporary_postgres


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


@pytest.fixture(scope="session")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a throwaway PostgreSQL server, started once per session when a test first needs it."""
    with temporary_postgres(tmp_path_factory.mktemp("postgres")) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """An empty database: a SQLite file, then PostgreSQL (emptied again after each test)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'bot.db'}"
        return
    url = request.getfixturevalue("postgres")
    yield url
    engine = create_engine(url)  # each test starts from an empty database
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def sessions(database_url: str) -> Iterator[sessionmaker[Session]]:
    """Sessions on `database_url` with the schema upgraded to the newest migration."""
    engine = make_engine(database_url)
    upgrade_schema(engine)
    yield make_sessions(engine)
    engine.dispose()
