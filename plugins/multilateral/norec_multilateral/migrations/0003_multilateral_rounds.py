"""multilateral: recruitment rounds, the talent pool, alerts, placements and careers, the
network of Norwegians in international organisations, information pages

Revision ID: 0003_multilateral_rounds
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_multilateral_rounds"
down_revision = "0002_multilateral_workflow"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "multilateral_reference",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("relation", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["multilateral_candidate.id"],
            name=op.f("fk_multilateral_reference_candidate_id_multilateral_candidate"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_multilateral_reference")),
    )
    with op.batch_alter_table("multilateral_reference") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_multilateral_reference_candidate_id"), ["candidate_id"], unique=False
        )
    op.create_table(
        "multilateral_info_page",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("titles", sa.JSON(), nullable=False),
        sa.Column("texts", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=320), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_multilateral_info_page")),
        sa.UniqueConstraint("slug", name=op.f("uq_multilateral_info_page_slug")),
    )
    op.create_table(
        "multilateral_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("deadline", sa.DateTime(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_multilateral_round")),
    )
    op.create_table(
        "multilateral_alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("programme", sa.String(length=20), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=200), nullable=False),
        sa.Column("duty_station", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_multilateral_alert_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_multilateral_alert_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_multilateral_alert")),
    )
    op.create_index(
        op.f("ix_multilateral_alert_person_id"), "multilateral_alert", ["person_id"], unique=False
    )
    op.create_table(
        "multilateral_network_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("given_name", sa.String(length=200), nullable=False),
        sa.Column("family_name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("organisation_name", sa.String(length=300), nullable=False),
        sa.Column("position", sa.String(length=300), nullable=False),
        sa.Column("grade", sa.String(length=20), nullable=False),
        sa.Column("duty_station", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("contract", sa.String(length=20), nullable=False),
        sa.Column("listed", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_multilateral_network_member_organisation_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_multilateral_network_member_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_multilateral_network_member")),
    )
    op.create_index(
        op.f("ix_multilateral_network_member_country"),
        "multilateral_network_member",
        ["country"],
        unique=False,
    )
    op.create_index(
        op.f("ix_multilateral_network_member_email"),
        "multilateral_network_member",
        ["email"],
        unique=False,
    )
    op.create_index(
        op.f("ix_multilateral_network_member_person_id"),
        "multilateral_network_member",
        ["person_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_multilateral_network_member_status"),
        "multilateral_network_member",
        ["status"],
        unique=False,
    )
    op.create_table(
        "multilateral_alert_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["multilateral_alert.id"],
            name=op.f("fk_multilateral_alert_sent_alert_id_multilateral_alert"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["multilateral_post.id"],
            name=op.f("fk_multilateral_alert_sent_post_id_multilateral_post"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_multilateral_alert_sent")),
        sa.UniqueConstraint(
            "alert_id", "post_id", name=op.f("uq_multilateral_alert_sent_alert_id")
        ),
    )
    op.create_index(
        op.f("ix_multilateral_alert_sent_alert_id"),
        "multilateral_alert_sent",
        ["alert_id"],
        unique=False,
    )
    op.create_table(
        "multilateral_pool",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("proposed_by", sa.String(length=320), nullable=False),
        sa.Column("proposed_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("consented_at", sa.DateTime(), nullable=True),
        sa.Column("retain_until", sa.Date(), nullable=True),
        sa.Column("reminded_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["multilateral_candidate.id"],
            name=op.f("fk_multilateral_pool_candidate_id_multilateral_candidate"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_multilateral_pool")),
        sa.UniqueConstraint("candidate_id", name=op.f("uq_multilateral_pool_candidate_id")),
    )
    op.create_index(
        op.f("ix_multilateral_pool_retain_until"),
        "multilateral_pool",
        ["retain_until"],
        unique=False,
    )
    op.create_table(
        "multilateral_placement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("candidacy_id", sa.Integer(), nullable=True),
        sa.Column("programme", sa.String(length=20), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("duty_station", sa.String(length=200), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["candidacy_id"],
            ["multilateral_application.id"],
            name=op.f("fk_multilateral_placement_candidacy_id_multilateral_application"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_multilateral_placement_organisation_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_multilateral_placement_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_multilateral_placement")),
    )
    op.create_index(
        op.f("ix_multilateral_placement_organisation_id"),
        "multilateral_placement",
        ["organisation_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_multilateral_placement_person_id"),
        "multilateral_placement",
        ["person_id"],
        unique=False,
    )
    op.create_table(
        "multilateral_career_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column("employer", sa.String(length=300), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("in_system", sa.Boolean(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["multilateral_placement.id"],
            name=op.f("fk_multilateral_career_step_placement_id_multilateral_placement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_multilateral_career_step")),
    )
    op.create_index(
        op.f("ix_multilateral_career_step_placement_id"),
        "multilateral_career_step",
        ["placement_id"],
        unique=False,
    )
    with op.batch_alter_table("multilateral_post") as batch_op:
        batch_op.add_column(sa.Column("round_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reserved_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("shortlist_sent_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("outcome", sa.String(length=20), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_multilateral_post_round_id"), ["round_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_multilateral_post_round_id_multilateral_round"),
            "multilateral_round",
            ["round_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("multilateral_post") as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_multilateral_post_round_id_multilateral_round"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_multilateral_post_round_id"))
        batch_op.drop_column("outcome")
        batch_op.drop_column("shortlist_sent_on")
        batch_op.drop_column("reserved_on")
        batch_op.drop_column("round_id")
    op.drop_index(
        op.f("ix_multilateral_career_step_placement_id"), table_name="multilateral_career_step"
    )
    op.drop_table("multilateral_career_step")
    op.drop_index(op.f("ix_multilateral_placement_person_id"), table_name="multilateral_placement")
    op.drop_index(
        op.f("ix_multilateral_placement_organisation_id"), table_name="multilateral_placement"
    )
    op.drop_table("multilateral_placement")
    op.drop_index(op.f("ix_multilateral_pool_retain_until"), table_name="multilateral_pool")
    op.drop_table("multilateral_pool")
    op.drop_index(op.f("ix_multilateral_alert_sent_alert_id"), table_name="multilateral_alert_sent")
    op.drop_table("multilateral_alert_sent")
    op.drop_index(
        op.f("ix_multilateral_network_member_status"), table_name="multilateral_network_member"
    )
    op.drop_index(
        op.f("ix_multilateral_network_member_person_id"), table_name="multilateral_network_member"
    )
    op.drop_index(
        op.f("ix_multilateral_network_member_email"), table_name="multilateral_network_member"
    )
    op.drop_index(
        op.f("ix_multilateral_network_member_country"), table_name="multilateral_network_member"
    )
    op.drop_table("multilateral_network_member")
    op.drop_index(op.f("ix_multilateral_alert_person_id"), table_name="multilateral_alert")
    op.drop_table("multilateral_alert")
    op.drop_table("multilateral_round")
    op.drop_table("multilateral_info_page")
    op.drop_index(
        op.f("ix_multilateral_reference_candidate_id"), table_name="multilateral_reference"
    )
    op.drop_table("multilateral_reference")
