"""people's places on the plugins' mailing lists

Revision ID: 0009_mailing_lists
Revises: 0008_job_checkpoints
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_mailing_lists"
down_revision = "0008_job_checkpoints"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "list_subscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("list_name", sa.String(length=60), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_list_subscription_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_subscription")),
        sa.UniqueConstraint("person_id", "list_name", name=op.f("uq_list_subscription_person_id")),
    )
    op.create_index(op.f("ix_list_subscription_list_name"), "list_subscription", ["list_name"])


def downgrade() -> None:
    op.drop_index(op.f("ix_list_subscription_list_name"), table_name="list_subscription")
    op.drop_table("list_subscription")
