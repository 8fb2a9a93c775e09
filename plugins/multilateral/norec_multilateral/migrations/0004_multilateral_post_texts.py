"""multilateral: a post's title and description in several languages

Revision ID: 0004_multilateral_post_texts
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_multilateral_post_texts"
down_revision = "0003_multilateral_rounds"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("multilateral_post") as batch:
        batch.add_column(sa.Column("text_language", sa.String(5), nullable=True))
        batch.add_column(sa.Column("translations", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("multilateral_post") as batch:
        batch.drop_column("translations")
        batch.drop_column("text_language")
