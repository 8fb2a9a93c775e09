"""research: commissions of research, and the proposals they receive

Revision ID: 0003_research_commissions
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_research_commissions"
down_revision = "0002_research_subjects_usage"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "research_commission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("call", sa.Text(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("deadline", sa.DateTime(), nullable=False),
        sa.Column("budget", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["organisation.id"],
            name=op.f("fk_research_commission_partner_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["research_publication.id"],
            name=op.f("fk_research_commission_report_id_research_publication"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_commission")),
    )
    op.create_index(
        op.f("ix_research_commission_deadline"), "research_commission", ["deadline"], unique=False
    )
    op.create_table(
        "research_proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commission_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("organisation_name", sa.String(length=300), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("budget", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("assessment", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commission_id"],
            ["research_commission.id"],
            name=op.f("fk_research_proposal_commission_id_research_commission"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_research_proposal_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_proposal")),
        sa.UniqueConstraint(
            "commission_id", "person_id", name=op.f("uq_research_proposal_commission_id")
        ),
    )
    op.create_index(
        op.f("ix_research_proposal_commission_id"),
        "research_proposal",
        ["commission_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_research_proposal_person_id"), "research_proposal", ["person_id"], unique=False
    )
    op.create_index(
        op.f("ix_research_proposal_state"), "research_proposal", ["state"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_research_proposal_state"), table_name="research_proposal")
    op.drop_index(op.f("ix_research_proposal_person_id"), table_name="research_proposal")
    op.drop_index(op.f("ix_research_proposal_commission_id"), table_name="research_proposal")
    op.drop_table("research_proposal")
    op.drop_index(op.f("ix_research_commission_deadline"), table_name="research_commission")
    op.drop_table("research_commission")
