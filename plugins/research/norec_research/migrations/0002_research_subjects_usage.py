"""research: what a publication is about (partnerships and activities of the core), and
its use per month

Revision ID: 0002_research_subjects_usage
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_research_subjects_usage"
down_revision = "0001_research"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "research_subject",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["research_publication.id"],
            name=op.f("fk_research_subject_publication_id_research_publication"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_subject")),
        sa.UniqueConstraint(
            "publication_id", "kind", "record_id", name=op.f("uq_research_subject_publication_id")
        ),
    )
    op.create_index(
        op.f("ix_research_subject_publication_id"),
        "research_subject",
        ["publication_id"],
        unique=False,
    )
    op.create_index(
        "ix_research_subject_record", "research_subject", ["kind", "record_id"], unique=False
    )
    op.create_table(
        "research_usage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("views", sa.Integer(), nullable=False),
        sa.Column("downloads", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["research_publication.id"],
            name=op.f("fk_research_usage_publication_id_research_publication"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_usage")),
        sa.UniqueConstraint(
            "publication_id", "month", name=op.f("uq_research_usage_publication_id")
        ),
    )
    op.create_index(op.f("ix_research_usage_month"), "research_usage", ["month"], unique=False)
    op.create_index(
        op.f("ix_research_usage_publication_id"), "research_usage", ["publication_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_research_usage_publication_id"), table_name="research_usage")
    op.drop_index(op.f("ix_research_usage_month"), table_name="research_usage")
    op.drop_table("research_usage")
    op.drop_index("ix_research_subject_record", table_name="research_subject")
    op.drop_index(op.f("ix_research_subject_publication_id"), table_name="research_subject")
    op.drop_table("research_subject")
