"""grants: assessors with their declarations, scores, decisions with the amounts granted
per year, and appeals

Revision ID: 0002_grants_assessment
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_grants_assessment"
down_revision = "0001_grants"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "grants_appeal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=30), nullable=False),
        sa.Column("grounds", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["grants_application.id"],
            name=op.f("fk_grants_appeal_application_id_grants_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by_id"],
            ["user_account.id"],
            name=op.f("fk_grants_appeal_submitted_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grants_appeal")),
    )
    op.create_index(
        op.f("ix_grants_appeal_application_id"), "grants_appeal", ["application_id"], unique=False
    )
    op.create_index(op.f("ix_grants_appeal_state"), "grants_appeal", ["state"], unique=False)
    op.create_table(
        "grants_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(), nullable=False),
        sa.Column("conflict", sa.Boolean(), nullable=True),
        sa.Column("conflict_note", sa.Text(), nullable=False),
        sa.Column("declared_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["grants_application.id"],
            name=op.f("fk_grants_assignment_application_id_grants_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_grants_assignment_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grants_assignment")),
        sa.UniqueConstraint(
            "application_id", "user_id", name=op.f("uq_grants_assignment_application_id")
        ),
    )
    op.create_index(
        op.f("ix_grants_assignment_application_id"),
        "grants_assignment",
        ["application_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_grants_assignment_user_id"), "grants_assignment", ["user_id"], unique=False
    )
    op.create_table(
        "grants_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=30), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("appeal_until", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["grants_application.id"],
            name=op.f("fk_grants_decision_application_id_grants_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["user_account.id"],
            name=op.f("fk_grants_decision_decided_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grants_decision")),
        sa.UniqueConstraint("application_id", name=op.f("uq_grants_decision_application_id")),
    )
    op.create_table(
        "grants_score",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("scored_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["grants_application.id"],
            name=op.f("fk_grants_score_application_id_grants_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["grants_criterion.id"],
            name=op.f("fk_grants_score_criterion_id_grants_criterion"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_grants_score_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grants_score")),
        sa.UniqueConstraint(
            "application_id", "criterion_id", "user_id", name=op.f("uq_grants_score_application_id")
        ),
    )
    op.create_index(
        op.f("ix_grants_score_application_id"), "grants_score", ["application_id"], unique=False
    )
    op.create_table(
        "grants_granted_year",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["grants_decision.id"],
            name=op.f("fk_grants_granted_year_decision_id_grants_decision"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grants_granted_year")),
        sa.UniqueConstraint("decision_id", "year", name=op.f("uq_grants_granted_year_decision_id")),
    )


def downgrade() -> None:
    op.drop_table("grants_granted_year")
    op.drop_index(op.f("ix_grants_score_application_id"), table_name="grants_score")
    op.drop_table("grants_score")
    op.drop_table("grants_decision")
    op.drop_index(op.f("ix_grants_assignment_user_id"), table_name="grants_assignment")
    op.drop_index(op.f("ix_grants_assignment_application_id"), table_name="grants_assignment")
    op.drop_table("grants_assignment")
    op.drop_index(op.f("ix_grants_appeal_state"), table_name="grants_appeal")
    op.drop_index(op.f("ix_grants_appeal_application_id"), table_name="grants_appeal")
    op.drop_table("grants_appeal")
