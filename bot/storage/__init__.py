"""The bot's own database (SQLAlchemy 2, Alembic migrations in migrations/): users' settings, guardian links
and family groups, lessons, quiz answers, tip subscriptions, anonymous statistics. Each module is one
subject's queries, one short session per call, returning plain data (dataclasses), not ORM rows.
The trainers' web console's one-time links and sessions are in console_logins.py (hashes only).
Imports only `common`; used by telegram/, stats/, web/ and broadcast.py.
"""
