"""research: publications, their texts in each language, authors, organisations and
versions

Revision ID: 0001_research
Depends on: the core's newest revision when the plugin's tables were made
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_research"
down_revision = None
branch_labels = ("research",)
depends_on = "0014_person_sort_index"


def upgrade() -> None:
    op.create_table(
        "research_publication",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("licence", sa.String(length=40), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("sdgs", sa.JSON(), nullable=False),
        sa.Column("countries", sa.JSON(), nullable=False),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("doi", sa.String(length=200), nullable=True),
        sa.Column("embargo_until", sa.DateTime(), nullable=True),
        sa.Column("withdrawn_reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_publication")),
    )
    op.create_index(
        op.f("ix_research_publication_published_on"),
        "research_publication",
        ["published_on"],
        unique=False,
    )
    op.create_index(
        op.f("ix_research_publication_state"), "research_publication", ["state"], unique=False
    )
    op.create_index(
        op.f("ix_research_publication_type"), "research_publication", ["type"], unique=False
    )
    op.create_index(
        op.f("ix_research_publication_updated_at"),
        "research_publication",
        ["updated_at"],
        unique=False,
    )
    op.create_table(
        "research_author",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_research_author_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["research_publication.id"],
            name=op.f("fk_research_author_publication_id_research_publication"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_author")),
    )
    op.create_index(
        op.f("ix_research_author_person_id"), "research_author", ["person_id"], unique=False
    )
    op.create_index(
        op.f("ix_research_author_publication_id"),
        "research_author",
        ["publication_id"],
        unique=False,
    )
    op.create_table(
        "research_organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("grant_reference", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_research_organisation_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["research_publication.id"],
            name=op.f("fk_research_organisation_publication_id_research_publication"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_organisation")),
    )
    op.create_index(
        op.f("ix_research_organisation_organisation_id"),
        "research_organisation",
        ["organisation_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_research_organisation_publication_id"),
        "research_organisation",
        ["publication_id"],
        unique=False,
    )
    op.create_table(
        "research_text",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=3), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("abstract", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["research_publication.id"],
            name=op.f("fk_research_text_publication_id_research_publication"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_text")),
        sa.UniqueConstraint(
            "publication_id", "language", name=op.f("uq_research_text_publication_id")
        ),
    )
    op.create_index(
        op.f("ix_research_text_publication_id"), "research_text", ["publication_id"], unique=False
    )
    op.create_table(
        "research_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["research_publication.id"],
            name=op.f("fk_research_version_publication_id_research_publication"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_version")),
        sa.UniqueConstraint(
            "publication_id", "number", name=op.f("uq_research_version_publication_id")
        ),
    )
    op.create_index(
        op.f("ix_research_version_publication_id"),
        "research_version",
        ["publication_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_research_version_publication_id"), table_name="research_version")
    op.drop_table("research_version")
    op.drop_index(op.f("ix_research_text_publication_id"), table_name="research_text")
    op.drop_table("research_text")
    op.drop_index(
        op.f("ix_research_organisation_publication_id"), table_name="research_organisation"
    )
    op.drop_index(
        op.f("ix_research_organisation_organisation_id"), table_name="research_organisation"
    )
    op.drop_table("research_organisation")
    op.drop_index(op.f("ix_research_author_publication_id"), table_name="research_author")
    op.drop_index(op.f("ix_research_author_person_id"), table_name="research_author")
    op.drop_table("research_author")
    op.drop_index(op.f("ix_research_publication_updated_at"), table_name="research_publication")
    op.drop_index(op.f("ix_research_publication_type"), table_name="research_publication")
    op.drop_index(op.f("ix_research_publication_state"), table_name="research_publication")
    op.drop_index(op.f("ix_research_publication_published_on"), table_name="research_publication")
    op.drop_table("research_publication")
