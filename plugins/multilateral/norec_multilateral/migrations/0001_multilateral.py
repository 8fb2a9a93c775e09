"""multilateral: posts in international organisations, candidates' profiles, applications

Revision ID: 0001_multilateral
Depends on: the core's newest revision when the plugin's tables were made
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_multilateral"
down_revision = None
branch_labels = ("multilateral",)
depends_on = "0014_person_sort_index"


def upgrade() -> None:
    op.create_table(
        "multilateral_candidate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_multilateral_candidate_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_multilateral_candidate")),
        sa.UniqueConstraint("person_id", name=op.f("uq_multilateral_candidate_person_id")),
    )
    op.create_table(
        "multilateral_post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme", sa.String(length=20), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("duty_station", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("grade", sa.String(length=20), nullable=False),
        sa.Column("field", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("citizenship", sa.JSON(), nullable=False),
        sa.Column("max_age", sa.Integer(), nullable=True),
        sa.Column("min_degree", sa.String(length=20), nullable=True),
        sa.Column("min_experience_years", sa.Integer(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("deadline", sa.DateTime(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_multilateral_post_organisation_id_organisation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_multilateral_post")),
    )
    op.create_index(
        op.f("ix_multilateral_post_deadline"), "multilateral_post", ["deadline"], unique=False
    )
    op.create_index(
        op.f("ix_multilateral_post_organisation_id"),
        "multilateral_post",
        ["organisation_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_multilateral_post_programme"), "multilateral_post", ["programme"], unique=False
    )
    op.create_table(
        "multilateral_application",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("motivation", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=30), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("eligible", sa.Boolean(), nullable=False),
        sa.Column("checks", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["multilateral_candidate.id"],
            name=op.f("fk_multilateral_application_candidate_id_multilateral_candidate"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["multilateral_post.id"],
            name=op.f("fk_multilateral_application_post_id_multilateral_post"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_multilateral_application")),
        sa.UniqueConstraint(
            "post_id", "candidate_id", name=op.f("uq_multilateral_application_post_id")
        ),
    )
    op.create_index(
        op.f("ix_multilateral_application_candidate_id"),
        "multilateral_application",
        ["candidate_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_multilateral_application_post_id"),
        "multilateral_application",
        ["post_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_multilateral_application_state"),
        "multilateral_application",
        ["state"],
        unique=False,
    )
    op.create_table(
        "multilateral_education",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("degree", sa.String(length=20), nullable=False),
        sa.Column("field", sa.String(length=200), nullable=False),
        sa.Column("institution", sa.String(length=300), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("finished_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["multilateral_candidate.id"],
            name=op.f("fk_multilateral_education_candidate_id_multilateral_candidate"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_multilateral_education")),
    )
    op.create_index(
        op.f("ix_multilateral_education_candidate_id"),
        "multilateral_education",
        ["candidate_id"],
        unique=False,
    )
    op.create_table(
        "multilateral_language",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=3), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["multilateral_candidate.id"],
            name=op.f("fk_multilateral_language_candidate_id_multilateral_candidate"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_multilateral_language")),
        sa.UniqueConstraint(
            "candidate_id", "code", name=op.f("uq_multilateral_language_candidate_id")
        ),
    )
    op.create_index(
        op.f("ix_multilateral_language_candidate_id"),
        "multilateral_language",
        ["candidate_id"],
        unique=False,
    )
    op.create_table(
        "multilateral_work",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("employer", sa.String(length=300), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("duties", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["multilateral_candidate.id"],
            name=op.f("fk_multilateral_work_candidate_id_multilateral_candidate"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_multilateral_work")),
    )
    op.create_index(
        op.f("ix_multilateral_work_candidate_id"),
        "multilateral_work",
        ["candidate_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_multilateral_work_candidate_id"), table_name="multilateral_work")
    op.drop_table("multilateral_work")
    op.drop_index(op.f("ix_multilateral_language_candidate_id"), table_name="multilateral_language")
    op.drop_table("multilateral_language")
    op.drop_index(
        op.f("ix_multilateral_education_candidate_id"), table_name="multilateral_education"
    )
    op.drop_table("multilateral_education")
    op.drop_index(op.f("ix_multilateral_application_state"), table_name="multilateral_application")
    op.drop_index(
        op.f("ix_multilateral_application_post_id"), table_name="multilateral_application"
    )
    op.drop_index(
        op.f("ix_multilateral_application_candidate_id"), table_name="multilateral_application"
    )
    op.drop_table("multilateral_application")
    op.drop_index(op.f("ix_multilateral_post_programme"), table_name="multilateral_post")
    op.drop_index(op.f("ix_multilateral_post_organisation_id"), table_name="multilateral_post")
    op.drop_index(op.f("ix_multilateral_post_deadline"), table_name="multilateral_post")
    op.drop_table("multilateral_post")
    op.drop_table("multilateral_candidate")
