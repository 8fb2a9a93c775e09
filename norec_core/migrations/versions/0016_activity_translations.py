"""activity texts in several languages: the language they were first written in, and the
same texts in the others

Revision ID: 0016_activity_translations
Revises: 0015_notices
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_activity_translations"
down_revision = "0015_notices"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("activity") as batch:
        batch.add_column(sa.Column("text_language", sa.String(5), nullable=True))
        batch.add_column(sa.Column("translations", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("activity") as batch:
        batch.drop_column("translations")
        batch.drop_column("text_language")
