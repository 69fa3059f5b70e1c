"""Rasa's SQL tracker store, plus forgetting a conversation.

A user's /forget must delete their conversation history too. Rasa's HTTP API can replace a conversation's
events (PUT /conversations/<id>/tracker/events), but its SQL store only ever appends, so replacing the events
with none leaves every row in place. Here, saving a conversation with no events deletes its rows.
"""

from __future__ import annotations

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker


class ForgettingSQLTrackerStore(SQLTrackerStore):
    async def save(self, tracker: DialogueStateTracker) -> None:
        if tracker.events:
            await super().save(tracker)
            return
        # Only the replace-events call produces an empty tracker: a real conversation starts with events.
        with self.session_scope() as session:
            session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == tracker.sender_id).delete()
            session.commit()
