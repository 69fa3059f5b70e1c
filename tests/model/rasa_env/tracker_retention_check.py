"""Runs in Rasa's environment: the tracker store deletes what users wrote once it is older than
CONVERSATION_RETENTION_DAYS, when it opens and later on a save. Prints one JSON line:
{"at_open": [...], "after_save": [...], "retention_days": N} with the user texts left after each step.

Usage: python tracker_retention_check.py DIRECTORY
"""

import asyncio
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from rasa.shared.core.domain import Domain  # noqa: E402
from rasa.shared.core.events import UserUttered  # noqa: E402
from rasa.shared.core.trackers import DialogueStateTracker  # noqa: E402

from rasa_addons.tracker_store import ForgettingSQLTrackerStore  # noqa: E402

DAY = 86400


def words(store, sender):
    tracker = asyncio.run(store.retrieve(sender))
    return [e.text for e in tracker.events if isinstance(e, UserUttered)] if tracker else []


def main(directory: str) -> None:
    db = f"{directory}/tracker.db"
    store = ForgettingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=db)
    days = store.retention_seconds / DAY
    now = time.time()
    said = [UserUttered("older words", timestamp=now - (days + 1) * DAY),
            UserUttered("recent words", timestamp=now - (days - 1) * DAY)]  # fmt: skip
    asyncio.run(store.save(DialogueStateTracker.from_events("a", said)))
    at_open = words(ForgettingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=db), "a")  # a restart

    # A long-running server: the next save after the hourly mark deletes what has grown old meanwhile.
    asyncio.run(store.save(DialogueStateTracker.from_events("b", [UserUttered("old", timestamp=now - 99 * DAY)])))
    store._next_purge = 0.0
    asyncio.run(store.save(DialogueStateTracker.from_events("c", [UserUttered("today", timestamp=now)])))
    after_save = {sender: words(store, sender) for sender in "abc"}
    print(json.dumps({"retention_days": days, "at_open": at_open, "after_save": after_save}))


if __name__ == "__main__":
    main(sys.argv[1])
