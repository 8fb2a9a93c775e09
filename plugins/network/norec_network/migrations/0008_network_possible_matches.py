"""network: rows of an import that may be someone already known wait for an adviser

Revision ID: 0008_network_possible_matches
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_network_possible_matches"
down_revision = "0007_network_relay_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("network_import_run") as batch:
        batch.add_column(sa.Column("to_review", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "network_possible_match",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("exchanges", sa.JSON(), nullable=False),
        sa.Column("candidate_ids", sa.JSON(), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["user_account.id"],
            name=op.f("fk_network_possible_match_decided_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_network_possible_match_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["network_import_run.id"],
            name=op.f("fk_network_possible_match_run_id_network_import_run"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_possible_match")),
    )
    op.create_index(
        op.f("ix_network_possible_match_key"), "network_possible_match", ["key"], unique=False
    )
    op.create_index(
        op.f("ix_network_possible_match_decision"),
        "network_possible_match",
        ["decision"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_network_possible_match_decision"), table_name="network_possible_match")
    op.drop_index(op.f("ix_network_possible_match_key"), table_name="network_possible_match")
    op.drop_table("network_possible_match")
    with op.batch_alter_table("network_import_run") as batch:
        batch.drop_column("to_review")
