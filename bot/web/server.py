"""Serving the console with uvicorn: on its own (`python -m bot console`), or inside the bot's event loop
(`python -m bot run` with CONSOLE_PORT), where it shares the bot's database sessions and live content.

uvicorn's access log is off: the login link's token is in its address.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys

import uvicorn
from sqlalchemy.orm import Session, sessionmaker

from bot.config import DEFAULT_CONSOLE_PORT, Settings
from bot.content.store import ContentStore
from bot.content.versions import ContentVersions
from bot.web.app import build_app
from bot.web.services import make_console

log = logging.getLogger(__name__)


def _config(app, settings: Settings, port: int) -> uvicorn.Config:
    return uvicorn.Config(
        app, host=settings.console_listen, port=port, access_log=False, lifespan="off", log_level="info",
        server_header=False,
    )  # fmt: skip


class _InsideTheBot(uvicorn.Server):
    """uvicorn in the bot's own loop: the bot's signal handlers stop everything (runner.py), and it stops the
    console from post_shutdown; uvicorn must not take SIGINT and SIGTERM over."""

    @contextlib.contextmanager
    def capture_signals(self):
        yield


class EmbeddedConsole:
    """The console served by a task of the bot's event loop."""

    def __init__(self, server: uvicorn.Server, port: int) -> None:
        self.server = server
        self.task = asyncio.get_running_loop().create_task(self._serve(port), name="trainers-console")

    async def _serve(self, port: int) -> None:
        try:
            await self.server.serve()
        except SystemExit:  # uvicorn's answer to a port it cannot bind: the bot goes on without its console
            log.error("the trainers' console could not listen on port %s; the bot runs without it", port)

    async def stop(self) -> None:
        self.server.should_exit = True
        await asyncio.wait([self.task], timeout=10)


def start_in_bot(
    settings: Settings, sessions: sessionmaker[Session], content: ContentStore, versions: ContentVersions
) -> EmbeddedConsole:
    """Starts serving the console on CONSOLE_PORT in the running loop, with the bot's services."""
    console = make_console(sessions, content, versions, settings.data_dir, settings.admin_ids, settings.console_url)
    port = settings.console_port or DEFAULT_CONSOLE_PORT
    log.info("trainers' console on %s:%s (links point at %s)", settings.console_listen, port, settings.console_url)
    return EmbeddedConsole(_InsideTheBot(_config(build_app(console), settings, port)), port)


def run(settings: Settings) -> int:
    """`python -m bot console`: the console alone, with its own database engine and content store."""
    from bot.content.yaml_lines import ContentError
    from bot.storage.database import make_engine, make_sessions, upgrade_schema

    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO)
    if not settings.admin_ids:
        print("error: ADMIN_IDS is empty: nobody could sign in to the console", file=sys.stderr)
        return 2
    try:
        content = ContentStore(settings.content_dir)
    except ContentError as error:
        print(f"error: content/ has problems, not starting:\n{error}", file=sys.stderr)
        return 1
    engine = make_engine(settings.database_url)
    upgrade_schema(engine)
    versions = ContentVersions(settings.content_dir, settings.data_dir / "content_versions")
    console = make_console(
        make_sessions(engine), content, versions, settings.data_dir, settings.admin_ids, settings.console_url
    )
    port = settings.console_port or DEFAULT_CONSOLE_PORT
    where = f"{settings.console_listen}:{port}"
    print(f"trainers' console on {where}; send /console to the bot for a link", file=sys.stderr)
    try:
        uvicorn.Server(_config(build_app(console), settings, port)).run()
    finally:
        engine.dispose()
    return 0
