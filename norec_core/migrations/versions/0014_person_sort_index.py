"""the people list's order in one index: its last page costs about its first

Revision ID: 0014_person_sort_index
Revises: 0013_scheduled_runs
"""

from alembic import op

revision = "0014_person_sort_index"
down_revision = "0013_scheduled_runs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_person_sort_name", "person", ["family_name", "given_name", "id"])


def downgrade() -> None:
    op.drop_index("ix_person_sort_name", table_name="person")
