"""A file attached to a record: its name, type and size, the record it belongs to, who it
is about (for erasure), and an embargo until which only the record's editors see it."""

from __future__ import annotations

import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from norec_core import clock
from norec_core.db import Base


class StoredFile(Base):
    __tablename__ = "stored_file"
    __table_args__ = (Index("ix_stored_file_record", "resource_type", "resource_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), index=True)  # sha256 of the bytes
    filename: Mapped[str] = mapped_column(String(255))
    title: Mapped[str] = mapped_column(String(200), default="")  # what it is, in words
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    # The record the file belongs to, whose permissions decide who may download it.
    resource_type: Mapped[str] = mapped_column(String(60))
    resource_id: Mapped[int]
    read_permission: Mapped[str] = mapped_column(String(60))
    edit_permission: Mapped[str] = mapped_column(String(60))
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    embargo_until: Mapped[datetime.datetime | None]
    created_at: Mapped[datetime.datetime] = mapped_column(default=clock.now)
    # The words of a PDF or text file, for the search index of the record it belongs to.
    text: Mapped[str | None] = mapped_column(Text)
