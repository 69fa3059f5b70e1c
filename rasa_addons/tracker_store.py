"""Rasa's SQL tracker store, plus forgetting: a conversation on request, and everyone's words after a while.

Users' words are deleted after CONVERSATION_RETENTION_DAYS (30 by default, set by the bot that starts Rasa):
when the store opens and then at most once an hour, on a save, events older than that are deleted. Rasa's
sessions end after an hour of silence, so only long-finished conversations lose events.

A user's /forget must delete their conversation history too. Rasa's HTTP API can replace a conversation's
events (PUT /conversations/<id>/tracker/events), but its SQL store only ever appends, so replacing the events
with none leaves every row in place. Here, saving a conversation with no events deletes its rows.

On SQLite, connections use write-ahead logging without waiting for the disk on each commit
(common/sqlite_pragmas.py), and stay open in a pool: SQLAlchemy 1.4 opens a new SQLite file connection
for every session by default, and Rasa opens several sessions per message. (PostgreSQL is pooled already.)
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from common.rasa_api import DEFAULT_RETENTION_DAYS, RETENTION_ENV
from common.sqlite_pragmas import set_sqlite_pragmas

log = logging.getLogger(__name__)
PURGE_INTERVAL_SECONDS = 3600.0


class ForgettingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite" and self.engine.url.database:
            url = self.engine.url
            self.engine.dispose()
            # Rasa uses the store from its event loop's thread; the pool may hand a connection to another.
            self.engine = sa.create_engine(url, poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False})
            sa.event.listen(self.engine, "connect", set_sqlite_pragmas)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        self.retention_seconds = float(os.environ.get(RETENTION_ENV) or DEFAULT_RETENTION_DAYS) * 86400
        self._next_purge = 0.0
        self.delete_old_events()

    def delete_old_events(self, now: float | None = None) -> int:
        """Deletes every event older than the retention period; how many."""
        now = time.time() if now is None else now
        self._next_purge = time.monotonic() + PURGE_INTERVAL_SECONDS
        with self.session_scope() as session:
            deleted = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.timestamp < now - self.retention_seconds)
                .delete(synchronize_session=False)
            )
            session.commit()
        if deleted:
            log.info("deleted %d conversation events older than %g days", deleted, self.retention_seconds / 86400)
        return deleted

    async def save(self, tracker: DialogueStateTracker) -> None:
        if time.monotonic() >= self._next_purge:
            self.delete_old_events()
        if tracker.events:
            await super().save(tracker)
            return
        # Only the replace-events call produces an empty tracker: a real conversation starts with events.
        with self.session_scope() as session:
            session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == tracker.sender_id).delete()
            session.commit()
