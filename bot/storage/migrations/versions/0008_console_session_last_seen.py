"""The trainers' web console: when each session last made a request, so a session idle for 30 minutes ends.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: sessions open during the upgrade have none; their sign-in time stands in (console_logins.py).
    op.add_column("console_sessions", sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    # Batch mode: SQLite cannot drop a column in place, so Alembic copies the table.
    with op.batch_alter_table("console_sessions") as batch:
        batch.drop_column("last_seen_at")
