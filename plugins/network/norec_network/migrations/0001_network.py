"""network: the register of former participants, their exchanges, and its imports

Revision ID: 0001_network
Depends on: the core's newest revision when the plugin's tables were made
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_network"
down_revision = None
branch_labels = ("network",)
depends_on = "0014_person_sort_index"


def upgrade() -> None:
    op.create_table(
        "network_alumnus",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_network_alumnus_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_alumnus")),
        sa.UniqueConstraint("person_id", name=op.f("uq_network_alumnus_person_id")),
    )
    op.create_table(
        "network_exchange",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alumnus_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("sending", sa.String(length=300), nullable=False),
        sa.Column("receiving", sa.String(length=300), nullable=False),
        sa.Column("profession", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["alumnus_id"],
            ["network_alumnus.id"],
            name=op.f("fk_network_exchange_alumnus_id_network_alumnus"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_exchange")),
        sa.UniqueConstraint(
            "alumnus_id",
            "year",
            "sending",
            "receiving",
            name=op.f("uq_network_exchange_alumnus_id"),
        ),
    )
    op.create_index(
        op.f("ix_network_exchange_alumnus_id"), "network_exchange", ["alumnus_id"], unique=False
    )
    op.create_table(
        "network_import_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("merged", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["by_id"],
            ["user_account.id"],
            name=op.f("fk_network_import_run_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_import_run")),
    )


def downgrade() -> None:
    op.drop_table("network_import_run")
    op.drop_index(op.f("ix_network_exchange_alumnus_id"), table_name="network_exchange")
    op.drop_table("network_exchange")
    op.drop_table("network_alumnus")
