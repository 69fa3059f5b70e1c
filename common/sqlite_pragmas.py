"""How every SQLite connection of ours is set up: the bot's database and Rasa's tracker store alike.

SQLite's defaults wait for the disk on every commit (rollback journal, synchronous=FULL): two or three fsyncs
per message, a large share of a message's time (py-spy, bench/README.md). Write-ahead logging with
synchronous=NORMAL commits without waiting for the disk and stays consistent after a crash; a power cut may
lose the last moments of commits, which for a settings row or a conversation turn is acceptable. Readers no
longer block the writer either. Plain Python, no imports: the Rasa environment uses it too
(rasa_addons/tracker_store.py).
"""


def set_sqlite_pragmas(dbapi_connection, _connection_record) -> None:
    """SQLAlchemy "connect" event listener (SQLAlchemy 1.4 and 2 alike)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
