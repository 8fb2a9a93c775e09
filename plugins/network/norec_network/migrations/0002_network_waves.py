"""network: invitation waves and their invitations

Revision ID: 0002_network_waves
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_network_waves"
down_revision = "0001_network"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "network_wave",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("countries", sa.JSON(), nullable=False),
        sa.Column("cap", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_network_wave_created_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_wave")),
    )
    op.create_table(
        "network_invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wave_id", sa.Integer(), nullable=False),
        sa.Column("alumnus_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("opened_at", sa.DateTime(), nullable=True),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.Column("reminded_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["alumnus_id"],
            ["network_alumnus.id"],
            name=op.f("fk_network_invitation_alumnus_id_network_alumnus"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["wave_id"],
            ["network_wave.id"],
            name=op.f("fk_network_invitation_wave_id_network_wave"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_invitation")),
        sa.UniqueConstraint("alumnus_id", name=op.f("uq_network_invitation_alumnus_id")),
    )
    op.create_index(
        op.f("ix_network_invitation_wave_id"), "network_invitation", ["wave_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_network_invitation_wave_id"), table_name="network_invitation")
    op.drop_table("network_invitation")
    op.drop_table("network_wave")
