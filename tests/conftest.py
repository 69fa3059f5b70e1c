"""Shared fixtures. Tests marked `rasa` share one Rasa server, started once per session on the trained model.
Storage tests get `sessions` (or `database_url`) twice: on SQLite and on a throwaway PostgreSQL server.
Telegram tests get `app`, the bot's Application against the fake Bot API, with the shipped content loaded
once per session.

Tests live in folders by layer: unit/ (pure functions), content/ (trainers' files), storage/ (SQL on SQLite
and PostgreSQL), telegram/ (the Application in this process, real HTTP to the fake Bot API), process/ (the
bot as its own process), web/ (the trainers' web console in this process), browser/ (the console in headless
Chromium, served by the running bot), model/ (the trained model through a real Rasa server), stories/ (Rasa's
dialogue test stories)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from bot.config import load_settings
from bot.content.store import ContentStore
from bot.rasa_client import RasaClient
from bot.rasa_server import ManagedRasaServer, latest_model
from bot.storage.database import make_engine, make_sessions, upgrade_schema
from testkit import ROOT
from testkit.bot_process import RASA_DOWN
from testkit.fake_bot_api import FakeBotApi
from testkit.local_servers import temporary_postgres
from testkit.telegram_updates import running_app


@pytest.fixture(scope="session")
def rasa_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str | None]]:
    """URL and API token of a Rasa server: RASA_URL and RASA_TOKEN if set, else one started here on the newest
    model in models/. The processes the tests start (the bot, classify, chat) find it as a user's would: its
    token is in RASA_TOKEN for the session."""
    settings = load_settings()
    if settings.rasa_url:
        yield settings.rasa_url, settings.rasa_token
        return
    if latest_model(settings.models_dir) is None:
        pytest.fail("No trained model: run `make train` (make test trains before running these tests).")
    log = tmp_path_factory.mktemp("rasa") / "rasa.log"
    with ManagedRasaServer(settings, log_path=log) as server, pytest.MonkeyPatch.context() as environment:
        environment.setenv("RASA_TOKEN", server.token)
        yield server.url, server.token


@pytest.fixture(scope="session")
def rasa_url(rasa_server: tuple[str, str | None]) -> str:
    return rasa_server[0]


@pytest.fixture(scope="session")
def rasa_token(rasa_server: tuple[str, str | None]) -> str | None:
    return rasa_server[1]


@pytest.fixture
def bot_env(rasa_url: str, rasa_token: str | None) -> dict[str, str]:
    """Environment for running `python -m bot` against the shared Rasa server."""
    return {**os.environ, "RASA_URL": rasa_url, "RASA_TOKEN": rasa_token or ""}


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


@pytest.fixture(scope="session")
def shipped_content() -> ContentStore:
    """content/ as shipped, loaded and checked once per session; tests that change content use a copy."""
    return ContentStore(ROOT / "content")


@pytest.fixture
async def app(request: pytest.FixtureRequest, api: FakeBotApi, tmp_path, shipped_content: ContentStore):
    """The bot's Application against the fake Bot API with its own SQLite database. Rasa is the shared
    server for tests marked `rasa`, else an address where nothing answers."""
    shared = request.node.get_closest_marker("rasa") is not None
    url = request.getfixturevalue("rasa_url") if shared else RASA_DOWN
    token = request.getfixturevalue("rasa_token") if shared else None
    async with (
        RasaClient(url, token) as rasa,
        running_app(api.base_url, tmp_path, content=shipped_content, rasa=rasa) as app,
    ):
        yield app
