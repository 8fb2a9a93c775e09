"""the search index: documents, facets, and the database's own full-text index

Revision ID: 0012_search
Revises: 0011_mail_attachments
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0012_search"
down_revision = "0011_mail_attachments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("date", sa.DateTime(), nullable=True),
        sa.Column("permission", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_document")),
        sa.UniqueConstraint("kind", "record_id", name=op.f("uq_search_document_kind")),
    )
    op.create_index(op.f("ix_search_document_date"), "search_document", ["date"])
    op.create_table(
        "search_facet",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["search_document.id"],
            name=op.f("fk_search_facet_document_id_search_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_facet")),
    )
    op.create_index(op.f("ix_search_facet_document_id"), "search_facet", ["document_id"])
    op.create_index("ix_search_facet_name_value", "search_facet", ["name", "value", "document_id"])
    if op.get_bind().dialect.name == "sqlite":
        # Words as written and their stems (made in Python: FTS5 has no Norwegian
        # stemmer); diacritics kept, since "år" and "ar" are different Norwegian words.
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5"
            "(title, body, tokenize = 'unicode61 remove_diacritics 0')"
        )
    else:
        op.add_column("search_document", sa.Column("tsv", postgresql.TSVECTOR()))
        op.create_index(
            "ix_search_document_tsv", "search_document", ["tsv"], postgresql_using="gin"
        )
    with op.batch_alter_table("stored_file") as batch:
        batch.add_column(sa.Column("text", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stored_file") as batch:
        batch.drop_column("text")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_fts")
    op.drop_index("ix_search_facet_name_value", table_name="search_facet")
    op.drop_index(op.f("ix_search_facet_document_id"), table_name="search_facet")
    op.drop_table("search_facet")
    op.drop_index(op.f("ix_search_document_date"), table_name="search_document")
    op.drop_table("search_document")
