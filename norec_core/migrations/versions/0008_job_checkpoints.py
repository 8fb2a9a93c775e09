"""jobs keep a checkpoint to resume from, and when they last reported

Revision ID: 0008_job_checkpoints
Revises: 0007_action_links
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_job_checkpoints"
down_revision = "0007_action_links"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("job") as batch:
        batch.add_column(sa.Column("checkpoint", sa.JSON(), nullable=False, server_default="{}"))
        batch.add_column(sa.Column("beat_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("job") as batch:
        batch.drop_column("beat_at")
        batch.drop_column("checkpoint")
