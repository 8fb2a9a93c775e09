"""attendance per registration; the country of an activity's venue

Revision ID: 0006_attendance
Revises: 0005_activity_zone
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_attendance"
down_revision = "0005_activity_zone"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("registration") as batch:
        batch.add_column(sa.Column("attendance", sa.String(length=20), nullable=True))
    with op.batch_alter_table("activity") as batch:
        batch.add_column(sa.Column("country", sa.String(length=2), nullable=True))
        batch.create_index(op.f("ix_activity_country"), ["country"])


def downgrade() -> None:
    with op.batch_alter_table("activity") as batch:
        batch.drop_index(op.f("ix_activity_country"))
        batch.drop_column("country")
    with op.batch_alter_table("registration") as batch:
        batch.drop_column("attendance")
