"""Keeps the Rasa server the bot started alive: a crashed or killed server is started again, with backoff.

Without this, after the Rasa process died every message got "cannot analyse right now" for ever while the bot
itself kept running, so no service manager restarted anything (issue 15). Messages that arrive while it comes
back wait for it (bot/dialogue/turn.py take_turn_patiently): none is lost.
"""

from __future__ import annotations

import asyncio
import logging

from bot.rasa_server import ManagedRasaServer, RasaStartError

log = logging.getLogger(__name__)

CHECK_SECONDS = 0.5
FIRST_BACKOFF_SECONDS = 1.0
MAX_BACKOFF_SECONDS = 60.0


async def supervise(server: ManagedRasaServer) -> None:
    """Runs until cancelled (at the bot's shutdown): restarts the server whenever its process has ended."""
    while True:
        await asyncio.sleep(CHECK_SECONDS)
        if server.exited():
            log.error("the Rasa server (pid %s) ended; starting it again", server.pid)
            await _restart(server)
            log.info("the Rasa server is back (pid %s)", server.pid)


async def _restart(server: ManagedRasaServer) -> None:
    backoff = FIRST_BACKOFF_SECONDS
    while True:
        try:
            await server.restart()
            return
        except RasaStartError:
            # A server that cannot start (a broken model, no memory): wait longer each time, keep trying.
            log.exception("the Rasa server did not start again; next try in %.0f s", backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)
