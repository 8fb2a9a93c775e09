"""grants: a case follows what happened: exchanges not carried out, courses waived,
instalments cancelled, each with its reason; the screening checklist

Revision ID: 0007_grants_case_follows_reality
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_grants_case_follows_reality"
down_revision = "0006_grants_decisions_superseded"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Server defaults fill the rows there are; the models give new rows their values.
    with op.batch_alter_table("grants_planned_exchange") as batch:
        batch.add_column(sa.Column("not_carried_out", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("grants_participant") as batch:
        batch.add_column(sa.Column("waived", sa.JSON(), nullable=False, server_default="{}"))
    with op.batch_alter_table("grants_instalment") as batch:
        batch.add_column(sa.Column("cancelled_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("cancel_reason", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("grants_application") as batch:
        batch.add_column(sa.Column("screening", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("grants_application") as batch:
        batch.drop_column("screening")
    with op.batch_alter_table("grants_instalment") as batch:
        batch.drop_column("cancel_reason")
        batch.drop_column("cancelled_at")
    with op.batch_alter_table("grants_participant") as batch:
        batch.drop_column("waived")
    with op.batch_alter_table("grants_planned_exchange") as batch:
        batch.drop_column("not_carried_out")
