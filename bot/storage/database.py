"""Engine, schema upgrades (Alembic) and sessions. Nothing connects at import time."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from common.sqlite_pragmas import set_sqlite_pragmas

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str) -> Engine:
    """An engine for DATABASE_URL; a SQLite file's folder is created. PostgreSQL: postgresql+psycopg://..."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", set_sqlite_pragmas)
    return engine


def upgrade_schema(engine: Engine) -> None:
    """Brings the database to the newest migration; run on every start (a no-op when up to date)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Replicas starting together (README "Several replicas"): one upgrades, the others wait for it and
            # then find nothing to do. The lock ends with the transaction.
            connection.execute(text("SELECT pg_advisory_xact_lock(7465372)"))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
