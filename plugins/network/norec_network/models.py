"""The network's register of former participants: who they are (people of the core) and
the exchanges they were on, and the imports that brought them in."""

from __future__ import annotations

import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from norec_core import Base, Person, User, now


class Alumnus(Base):
    """A former participant in the network's register (not yet necessarily a member)."""

    __tablename__ = "network_alumnus"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), unique=True)
    # Where the record came from: "import" (a file of Norec's archive) or "grants" (an
    # exchange completed under a grant, announced through the core's event).
    source: Mapped[str] = mapped_column(String(20), default="import")
    created_at: Mapped[datetime.datetime] = mapped_column(default=now)

    person: Mapped[Person] = relationship()
    exchanges: Mapped[list[PastExchange]] = relationship(
        cascade="all, delete-orphan", order_by="PastExchange.year", back_populates="alumnus"
    )


class PastExchange(Base):
    """One exchange a former participant was on, as the archive records it."""

    __tablename__ = "network_exchange"
    __table_args__ = (UniqueConstraint("alumnus_id", "year", "sending", "receiving"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alumnus_id: Mapped[int] = mapped_column(
        ForeignKey("network_alumnus.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int]
    sending: Mapped[str] = mapped_column(String(300), default="")
    receiving: Mapped[str] = mapped_column(String(300), default="")
    profession: Mapped[str] = mapped_column(String(200), default="")

    alumnus: Mapped[Alumnus] = relationship(back_populates="exchanges")


class ImportRun(Base):
    """An import of the register from a file, with what it did."""

    __tablename__ = "network_import_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime.datetime] = mapped_column(default=now)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    rows: Mapped[int] = mapped_column(default=0)
    created: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    merged: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    rejected: Mapped[int] = mapped_column(default=0)

    by: Mapped[User | None] = relationship()
