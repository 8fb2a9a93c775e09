"""grants: schemes, calls, exchange rates, applications with their plans, budgets and
confirmations

Revision ID: 0001_grants
Depends on: the core's newest revision when the plugin's tables were made
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_grants"
down_revision = None
branch_labels = ("grants",)
depends_on = "0014_person_sort_index"


def upgrade() -> None:
    op.create_table(
        "grants_exchange_rate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("base", sa.String(length=3), nullable=False),
        sa.Column("rate", sa.BigInteger(), nullable=False),
        sa.Column("valid_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grants_exchange_rate")),
        sa.UniqueConstraint(
            "currency", "base", "valid_on", name=op.f("uq_grants_exchange_rate_currency")
        ),
    )
    op.create_table(
        "grants_scheme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("countries", sa.JSON(), nullable=False),
        sa.Column("min_age", sa.Integer(), nullable=False),
        sa.Column("max_age", sa.Integer(), nullable=False),
        sa.Column("min_months", sa.Integer(), nullable=False),
        sa.Column("max_months", sa.Integer(), nullable=False),
        sa.Column("eligibility_fact", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grants_scheme")),
    )
    op.create_table(
        "grants_call",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scheme_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("opens_at", sa.DateTime(), nullable=False),
        sa.Column("closes_at", sa.DateTime(), nullable=False),
        sa.Column("reminded_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["scheme_id"], ["grants_scheme.id"], name=op.f("fk_grants_call_scheme_id_grants_scheme")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grants_call")),
    )
    op.create_index(op.f("ix_grants_call_closes_at"), "grants_call", ["closes_at"], unique=False)
    op.create_index(op.f("ix_grants_call_scheme_id"), "grants_call", ["scheme_id"], unique=False)
    op.create_table(
        "grants_criterion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scheme_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["scheme_id"],
            ["grants_scheme.id"],
            name=op.f("fk_grants_criterion_scheme_id_grants_scheme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grants_criterion")),
    )
    op.create_table(
        "grants_rate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scheme_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("basis", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["scheme_id"],
            ["grants_scheme.id"],
            name=op.f("fk_grants_rate_scheme_id_grants_scheme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grants_rate")),
        sa.UniqueConstraint("scheme_id", "category", name=op.f("uq_grants_rate_scheme_id")),
    )
    op.create_table(
        "grants_application",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("goals", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("lead_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_id"], ["grants_call.id"], name=op.f("fk_grants_application_call_id_grants_call")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_grants_application_created_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"],
            ["person.id"],
            name=op.f("fk_grants_application_lead_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnership.id"],
            name=op.f("fk_grants_application_partnership_id_partnership"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grants_application")),
    )
    op.create_index(
        op.f("ix_grants_application_call_id"), "grants_application", ["call_id"], unique=False
    )
    op.create_index(
        op.f("ix_grants_application_partnership_id"),
        "grants_application",
        ["partnership_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_grants_application_state"), "grants_application", ["state"], unique=False
    )
    op.create_table(
        "grants_confirmation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["grants_application.id"],
            name=op.f("fk_grants_confirmation_application_id_grants_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_grants_confirmation_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_grants_confirmation_user_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grants_confirmation")),
        sa.UniqueConstraint(
            "application_id", "organisation_id", name=op.f("uq_grants_confirmation_application_id")
        ),
    )
    op.create_table(
        "grants_partner_cost",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("rate", sa.BigInteger(), nullable=False),
        sa.Column("rate_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["grants_application.id"],
            name=op.f("fk_grants_partner_cost_application_id_grants_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grants_partner_cost")),
    )
    op.create_index(
        op.f("ix_grants_partner_cost_application_id"),
        "grants_partner_cost",
        ["application_id"],
        unique=False,
    )
    op.create_table(
        "grants_planned_exchange",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("sending_id", sa.Integer(), nullable=False),
        sa.Column("receiving_id", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("profession", sa.String(length=200), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["grants_application.id"],
            name=op.f("fk_grants_planned_exchange_application_id_grants_application"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["receiving_id"],
            ["organisation.id"],
            name=op.f("fk_grants_planned_exchange_receiving_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["sending_id"],
            ["organisation.id"],
            name=op.f("fk_grants_planned_exchange_sending_id_organisation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grants_planned_exchange")),
    )
    op.create_index(
        op.f("ix_grants_planned_exchange_application_id"),
        "grants_planned_exchange",
        ["application_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_grants_planned_exchange_application_id"), table_name="grants_planned_exchange"
    )
    op.drop_table("grants_planned_exchange")
    op.drop_index(op.f("ix_grants_partner_cost_application_id"), table_name="grants_partner_cost")
    op.drop_table("grants_partner_cost")
    op.drop_table("grants_confirmation")
    op.drop_index(op.f("ix_grants_application_state"), table_name="grants_application")
    op.drop_index(op.f("ix_grants_application_partnership_id"), table_name="grants_application")
    op.drop_index(op.f("ix_grants_application_call_id"), table_name="grants_application")
    op.drop_table("grants_application")
    op.drop_table("grants_rate")
    op.drop_table("grants_criterion")
    op.drop_index(op.f("ix_grants_call_scheme_id"), table_name="grants_call")
    op.drop_index(op.f("ix_grants_call_closes_at"), table_name="grants_call")
    op.drop_table("grants_call")
    op.drop_table("grants_scheme")
    op.drop_table("grants_exchange_rate")
