"""Fixtures of the web console's tests (helpers in testkit/web_console.py): the console on SQLite over a copy of
content/, and a client talking to it in this process. Login and session tests use the `sessions` fixture of
tests/conftest.py instead, on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.storage.database import make_engine, make_sessions, upgrade_schema
from bot.web.services import Console
from testkit import ROOT
from testkit.web_console import build_console, client_for


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    return root


@pytest.fixture
def sqlite_sessions(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'bot.db'}")
    upgrade_schema(engine)
    yield make_sessions(engine)
    engine.dispose()


@pytest.fixture
def console(sqlite_sessions, content_copy: Path, tmp_path: Path, shipped_content) -> Console:
    """The console over the copy, its words from the shipped content loaded once (the copy is the same until a
    test publishes: publishing tests use `publishing_console`)."""
    return build_console(sqlite_sessions, content_copy, tmp_path / "data", store=shipped_content)


@pytest.fixture
def publishing_console(sqlite_sessions, content_copy: Path, tmp_path: Path) -> Console:
    """The console over the copy with a content store of its own, which a publish or rollback reloads."""
    return build_console(sqlite_sessions, content_copy, tmp_path / "data")


@pytest.fixture
async def client(console: Console):
    async with client_for(console) as http:
        yield http
