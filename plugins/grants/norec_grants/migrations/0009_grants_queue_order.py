"""grants: the caseworkers' queue read in its order from an index

Revision ID: 0009_grants_queue_order
"""

from alembic import op

revision = "0009_grants_queue_order"
down_revision = "0008_grants_texts_in_languages"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_grants_application_queue", "grants_application", ["updated_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_grants_application_queue", table_name="grants_application")
