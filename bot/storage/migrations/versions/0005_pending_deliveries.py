"""Replies Telegram has not yet accepted (the outbox of issue 15).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pending_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("endpoint", sa.String(length=40), nullable=False),
        sa.Column("parameters", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_pending_deliveries_chat_id", "pending_deliveries", ["chat_id"])


def downgrade() -> None:
    op.drop_index("ix_pending_deliveries_chat_id", table_name="pending_deliveries")
    op.drop_table("pending_deliveries")
