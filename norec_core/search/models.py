"""The search index: one row per indexed record, its facets, and the database's own
full-text index beside it (an FTS5 table on SQLite, a `tsvector` column with a GIN index
on PostgreSQL; both made by migration 0012, outside the models, since neither is a
plain column)."""

from __future__ import annotations

import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from norec_core.db import Base

# What the migrations make that the models do not describe; autogenerate leaves them be.
FTS_TABLE = "search_fts"
TSVECTOR_COLUMN = "tsv"


class IndexedDocument(Base):
    __tablename__ = "search_document"
    __table_args__ = (UniqueConstraint("kind", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(60))  # the SearchSource's name
    record_id: Mapped[int]
    title: Mapped[str] = mapped_column(String(500))
    summary: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str | None] = mapped_column(String(8))
    date: Mapped[datetime.datetime | None] = mapped_column(index=True)
    # Who may find it: the holders of this permission on the record (norec_core.permitted).
    permission: Mapped[str] = mapped_column(String(60))


class IndexedFacet(Base):
    __tablename__ = "search_facet"
    # With the document in the index, narrowing by a facet is one index lookup a document.
    __table_args__ = (Index("ix_search_facet_name_value", "name", "value", "document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("search_document.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(String(200))


def unmodelled(obj, name, type_, reflected, compare_to) -> bool:
    """alembic's `include_object`: False for the full-text parts the migration makes."""
    if type_ == "table" and name.startswith(FTS_TABLE):
        return False
    if type_ == "column" and name == TSVECTOR_COLUMN and obj.table.name == "search_document":
        return False
    return not (type_ == "index" and name == "ix_search_document_tsv")
