"""grants: instalments, final reports, and the reminders' marks on applications (the
call's own mark is dropped: reminders go per application)

Revision ID: 0004_grants_money
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_grants_money"
down_revision = "0003_grants_participants"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "grants_final_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("results", sa.Text(), nullable=False),
        sa.Column("knowledge_transfer", sa.Text(), nullable=False),
        sa.Column("actual_costs", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["grants_application.id"],
            name=op.f("fk_grants_final_report_application_id_grants_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grants_final_report")),
        sa.UniqueConstraint("application_id", name=op.f("uq_grants_final_report_application_id")),
    )
    op.create_table(
        "grants_instalment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("milestone", sa.String(length=40), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("paid_at", sa.DateTime(), nullable=True),
        sa.Column("paid_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["grants_application.id"],
            name=op.f("fk_grants_instalment_application_id_grants_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["paid_by_id"],
            ["user_account.id"],
            name=op.f("fk_grants_instalment_paid_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grants_instalment")),
    )
    op.create_index(
        op.f("ix_grants_instalment_application_id"),
        "grants_instalment",
        ["application_id"],
        unique=False,
    )
    op.add_column(
        "grants_application", sa.Column("deadline_reminded_at", sa.DateTime(), nullable=True)
    )
    op.add_column(
        "grants_application", sa.Column("report_reminded_at", sa.DateTime(), nullable=True)
    )
    with op.batch_alter_table("grants_call") as batch:
        batch.drop_column("reminded_at")


def downgrade() -> None:
    op.add_column("grants_call", sa.Column("reminded_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("grants_application") as batch:
        batch.drop_column("report_reminded_at")
        batch.drop_column("deadline_reminded_at")
    op.drop_index(op.f("ix_grants_instalment_application_id"), table_name="grants_instalment")
    op.drop_table("grants_instalment")
    op.drop_table("grants_final_report")
