"""multilateral: a post's applications are paged in an index of the advisers' order

Revision ID: 0005_multilateral_paging
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_multilateral_paging"
down_revision = "0004_multilateral_post_texts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_multilateral_application_post_order",
        "multilateral_application",
        ["post_id", sa.text("eligible DESC"), "submitted_at", "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_multilateral_application_post_order", table_name="multilateral_application")
