"""Guardian links between an older user and a relative (codes, attempts, alerts), and family groups.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "guardian_codes",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("relative_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_by", sa.BigInteger(), nullable=True),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("region", sa.String(length=8), nullable=True),
        sa.Column("audience", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("code_hash"),
    )
    op.create_table(
        "guardian_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("relative_id", sa.BigInteger(), nullable=False),
        sa.Column("elder_id", sa.BigInteger(), nullable=False),
        sa.Column("share_words", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("relative_id", "elder_id", name="uq_guardian_links_relative_id_elder_id"),
    )
    op.create_index("ix_guardian_links_elder_id", "guardian_links", ["elder_id"])
    op.create_table(
        "code_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_code_attempts_telegram_id", "code_attempts", ["telegram_id"])
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("elder_id", sa.BigInteger(), nullable=False),
        sa.Column("scam_type", sa.String(length=32), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_alerts_elder_id", "alerts", ["elder_id"])
    op.create_table(
        "group_chats",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("sensitivity", sa.String(length=8), nullable=False),
        sa.Column("introduced_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("chat_id"),
    )


def downgrade() -> None:
    op.drop_table("group_chats")
    op.drop_index("ix_alerts_elder_id", table_name="alerts")
    op.drop_table("alerts")
    op.drop_index("ix_code_attempts_telegram_id", table_name="code_attempts")
    op.drop_table("code_attempts")
    op.drop_index("ix_guardian_links_elder_id", table_name="guardian_links")
    op.drop_table("guardian_links")
    op.drop_table("guardian_codes")
