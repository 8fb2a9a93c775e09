"""grants: the texts of schemes, calls and criteria in several languages

Revision ID: 0008_grants_texts_in_languages
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_grants_texts_in_languages"
down_revision = "0007_grants_case_follows_reality"
branch_labels = None
depends_on = None

TABLES = ("grants_scheme", "grants_call", "grants_criterion")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("text_language", sa.String(5), nullable=True))
            batch.add_column(sa.Column("translations", sa.JSON(), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("translations")
            batch.drop_column("text_language")
