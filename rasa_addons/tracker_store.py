"""Rasa's SQL tracker store, plus forgetting a conversation.

A user's /forget must delete their conversation history too. Rasa's HTTP API can replace a conversation's
events (PUT /conversations/<id>/tracker/events), but its SQL store only ever appends, so replacing the events
with none leaves every row in place. Here, saving a conversation with no events deletes its rows.

On SQLite, connections use write-ahead logging without waiting for the disk on each commit
(common/sqlite_pragmas.py), and stay open in a pool: SQLAlchemy 1.4 opens a new SQLite file connection
for every session by default, and Rasa opens several sessions per message. (PostgreSQL is pooled already.)
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from common.sqlite_pragmas import set_sqlite_pragmas


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

    async def save(self, tracker: DialogueStateTracker) -> None:
        if tracker.events:
            await super().save(tracker)
            return
        # Only the replace-events call produces an empty tracker: a real conversation starts with events.
        with self.session_scope() as session:
            session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == tracker.sender_id).delete()
            session.commit()
