"""A report pack being filled in after a loss, and the check-ins a user agreed to (issue 17).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_packs",
        sa.Column("telegram_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("scam_type", sa.String(length=32), nullable=True),
        sa.Column("step", sa.String(length=16), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("keep_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("telegram_id"),
    )
    op.create_index("ix_report_packs_created_at", "report_packs", ["created_at"])
    op.create_table(
        "follow_ups",
        sa.Column("telegram_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("scam_type", sa.String(length=32), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_day", sa.Integer(), nullable=False),
        sa.Column("next_due", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("telegram_id"),
    )
    op.create_index("ix_follow_ups_next_due", "follow_ups", ["next_due"])


def downgrade() -> None:
    op.drop_index("ix_follow_ups_next_due", table_name="follow_ups")
    op.drop_table("follow_ups")
    op.drop_index("ix_report_packs_created_at", table_name="report_packs")
    op.drop_table("report_packs")
