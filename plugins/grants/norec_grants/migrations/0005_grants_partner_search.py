"""grants: organisations looking for a partner

Revision ID: 0005_grants_partner_search
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_grants_partner_search"
down_revision = "0004_grants_money"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "grants_partner_search",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("sectors", sa.JSON(), nullable=False),
        sa.Column("countries", sa.JSON(), nullable=False),
        sa.Column("professions", sa.String(length=300), nullable=False),
        sa.Column("offers", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_grants_partner_search_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnership.id"],
            name=op.f("fk_grants_partner_search_partnership_id_partnership"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grants_partner_search")),
    )
    op.create_index(
        op.f("ix_grants_partner_search_organisation_id"),
        "grants_partner_search",
        ["organisation_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_grants_partner_search_organisation_id"), table_name="grants_partner_search"
    )
    op.drop_table("grants_partner_search")
