"""action links for people without an account

Revision ID: 0007_action_links
Revises: 0006_attendance
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_action_links"
down_revision = "0006_attendance"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "action_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=60), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_action_link_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_link")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_action_link_token_hash")),
    )
    op.create_index(op.f("ix_action_link_purpose"), "action_link", ["purpose"])
    op.create_index(op.f("ix_action_link_person_id"), "action_link", ["person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_action_link_person_id"), table_name="action_link")
    op.drop_index(op.f("ix_action_link_purpose"), table_name="action_link")
    op.drop_table("action_link")
