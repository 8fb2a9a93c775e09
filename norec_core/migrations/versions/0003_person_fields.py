"""fields several jobs need on people and organisations, with per-field visibility

Revision ID: 0003_person_fields
Revises: 0002_services
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_person_fields"
down_revision = "0002_services"
branch_labels = None
depends_on = None

PERSON_COLUMNS = (
    ("birth_date", sa.Date()),
    ("citizenship", sa.String(length=2)),
    ("gender", sa.String(length=100)),
    ("city", sa.String(length=200)),
    ("employer", sa.String(length=300)),
    ("correspondence_language", sa.String(length=2)),
    ("orcid", sa.String(length=19)),
)


def upgrade() -> None:
    with op.batch_alter_table("person") as batch:
        for name, type_ in PERSON_COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))
        # Every existing field stays private: nobody chose to show it.
        batch.add_column(
            sa.Column("visibility", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
    with op.batch_alter_table("organisation") as batch:
        batch.add_column(sa.Column("ror", sa.String(length=9), nullable=True))
        batch.add_column(sa.Column("org_number", sa.String(length=30), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("organisation") as batch:
        batch.drop_column("org_number")
        batch.drop_column("ror")
    with op.batch_alter_table("person") as batch:
        batch.drop_column("visibility")
        for name, _type in reversed(PERSON_COLUMNS):
            batch.drop_column(name)
