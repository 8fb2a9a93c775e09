"""files attached to records, kept by the sha256 of their bytes

Revision ID: 0010_files
Revises: 0009_mailing_lists
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_files"
down_revision = "0009_mailing_lists"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stored_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("resource_type", sa.String(length=60), nullable=False),
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.Column("read_permission", sa.String(length=60), nullable=False),
        sa.Column("edit_permission", sa.String(length=60), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("embargo_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_stored_file_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_file")),
    )
    op.create_index(op.f("ix_stored_file_key"), "stored_file", ["key"])
    op.create_index(op.f("ix_stored_file_person_id"), "stored_file", ["person_id"])
    op.create_index("ix_stored_file_record", "stored_file", ["resource_type", "resource_id"])


def downgrade() -> None:
    op.drop_index("ix_stored_file_record", table_name="stored_file")
    op.drop_index(op.f("ix_stored_file_person_id"), table_name="stored_file")
    op.drop_index(op.f("ix_stored_file_key"), table_name="stored_file")
    op.drop_table("stored_file")
