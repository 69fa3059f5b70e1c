"""Lesson progress, quiz answers and tip subscriptions.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lesson_progress",
        sa.Column("telegram_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("scam_type", sa.String(length=32), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("telegram_id", "scam_type"),
    )
    op.create_table(
        "quiz_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("question_id", sa.String(length=32), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_quiz_answers_telegram_id", "quiz_answers", ["telegram_id"])
    op.create_table(
        "subscriptions",
        sa.Column("telegram_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("frequency", sa.String(length=8), nullable=False),
        sa.Column("hour", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(length=40), nullable=False),
        sa.Column("next_due", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tips_sent", sa.Integer(), nullable=False),
        sa.Column("blocked", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("telegram_id"),
    )
    op.create_index("ix_subscriptions_next_due", "subscriptions", ["next_due"])


def downgrade() -> None:
    op.drop_index("ix_subscriptions_next_due", table_name="subscriptions")
    op.drop_table("subscriptions")
    op.drop_index("ix_quiz_answers_telegram_id", table_name="quiz_answers")
    op.drop_table("quiz_answers")
    op.drop_table("lesson_progress")
