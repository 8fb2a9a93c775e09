"""The notes plugin's tables: a note on a person, and a nickname, the plugin's own field
on the person record."""

import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from norec_core import Base, Person, now


class Note(Base):
    __tablename__ = "notes_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20), default="open")  # see workflow.py
    # Aware of its zone, as every moment on the platform: the core's clock, never
    # datetime.now().
    created_at: Mapped[datetime.datetime] = mapped_column(default=now)

    person: Mapped[Person] = relationship()


class Nickname(Base):
    """The plugin's own field on the person record (see `norec_record_fields`)."""

    __tablename__ = "notes_nickname"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    nickname: Mapped[str] = mapped_column(String(100))
