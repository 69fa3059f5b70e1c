"""Drop users.consent_share_words: the consent to share an older user's words is kept per guardian link
(guardian_links.share_words), and this column was never read.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Batch mode: SQLite cannot drop a column in place, so Alembic copies the table.
    with op.batch_alter_table("users") as batch:
        batch.drop_column("consent_share_words")


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("consent_share_words", sa.Boolean(), nullable=False, server_default=sa.false()))
