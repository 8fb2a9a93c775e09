"""activities name the time zone of their venue

Revision ID: 0005_activity_zone
Revises: 0004_sessions
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_activity_zone"
down_revision = "0004_sessions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Times were stored as typed, with no zone: UTC keeps each shown as it was typed.
    with op.batch_alter_table("activity") as batch:
        batch.add_column(
            sa.Column("timezone", sa.String(length=64), nullable=False, server_default="UTC")
        )


def downgrade() -> None:
    with op.batch_alter_table("activity") as batch:
        batch.drop_column("timezone")
