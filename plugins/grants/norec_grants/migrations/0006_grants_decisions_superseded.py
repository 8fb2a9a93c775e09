"""grants: an application keeps every decision; one changed on appeal is superseded

Revision ID: 0006_grants_decisions_superseded
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_grants_decisions_superseded"
down_revision = "0005_grants_partner_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # In a batch: SQLite changes a table's constraints by copying it.
    with op.batch_alter_table("grants_decision") as batch:
        batch.add_column(sa.Column("superseded_at", sa.DateTime(), nullable=True))
        batch.drop_constraint(op.f("uq_grants_decision_application_id"), type_="unique")
        batch.create_index(
            op.f("ix_grants_decision_application_id"), ["application_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("grants_decision") as batch:
        batch.drop_index(op.f("ix_grants_decision_application_id"))
        batch.create_unique_constraint(
            op.f("uq_grants_decision_application_id"), ["application_id"]
        )
        batch.drop_column("superseded_at")
