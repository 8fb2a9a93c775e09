"""each scheduled task runs once a minute however many workers find it due

Revision ID: 0013_scheduled_runs
Revises: 0012_search
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_scheduled_runs"
down_revision = "0012_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scheduled_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task", sa.String(length=100), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("ran_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduled_run")),
        sa.UniqueConstraint("task", "due_at", name=op.f("uq_scheduled_run_task")),
    )


def downgrade() -> None:
    op.drop_table("scheduled_run")
