"""notes table

Revision ID: 0001_notes
Depends on: the core's first revision
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_notes"
down_revision = None
branch_labels = ("notes",)
depends_on = "0001_core"


def upgrade() -> None:
    op.create_table(
        "notes_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_notes_note_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes_note")),
    )
    op.create_index(op.f("ix_notes_note_person_id"), "notes_note", ["person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_notes_note_person_id"), table_name="notes_note")
    op.drop_table("notes_note")
