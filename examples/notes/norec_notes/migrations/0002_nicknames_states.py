"""nicknames on the person record; notes get a workflow state

Revision ID: 0002_nicknames
Revises: 0001_notes
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_nicknames"
down_revision = "0001_notes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notes_nickname",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("nickname", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_notes_nickname_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_notes_nickname")),
    )
    with op.batch_alter_table("notes_note") as batch:
        batch.add_column(
            sa.Column("state", sa.String(length=20), nullable=False, server_default="open")
        )


def downgrade() -> None:
    with op.batch_alter_table("notes_note") as batch:
        batch.drop_column("state")
    op.drop_table("notes_nickname")
