"""The bot's own database (SQLAlchemy 2, Alembic): users' settings and anonymous statistics."""
