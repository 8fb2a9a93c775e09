"""network: bounced invitations, and requests to join from those no wave reached

Revision ID: 0004_network_requests
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_network_requests"
down_revision = "0003_network_members"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "network_join_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("given_name", sa.String(length=200), nullable=False),
        sa.Column("family_name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("exchange_year", sa.Integer(), nullable=True),
        sa.Column("sending", sa.String(length=300), nullable=False),
        sa.Column("receiving", sa.String(length=300), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("alumnus_id", sa.Integer(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alumnus_id"],
            ["network_alumnus.id"],
            name=op.f("fk_network_join_request_alumnus_id_network_alumnus"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["answered_by_id"],
            ["user_account.id"],
            name=op.f("fk_network_join_request_answered_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_join_request")),
    )
    op.create_index(
        op.f("ix_network_join_request_email"), "network_join_request", ["email"], unique=False
    )
    op.create_index(
        op.f("ix_network_join_request_status"), "network_join_request", ["status"], unique=False
    )
    op.add_column("network_invitation", sa.Column("outbox_id", sa.Integer(), nullable=True))
    op.add_column("network_invitation", sa.Column("bounced_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("network_invitation") as batch:
        batch.drop_column("bounced_at")
        batch.drop_column("outbox_id")
    op.drop_index(op.f("ix_network_join_request_status"), table_name="network_join_request")
    op.drop_index(op.f("ix_network_join_request_email"), table_name="network_join_request")
    op.drop_table("network_join_request")
