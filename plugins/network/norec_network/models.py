"""The network's register of former participants: who they are (people of the core) and
the exchanges they were on, and the imports that brought them in."""

from __future__ import annotations

import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
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


class Wave(Base):
    """An invitation wave: the register's people in some countries, up to a cap, invited
    to join the network (Norec invites country by country, to answer all who reply)."""

    __tablename__ = "network_wave"

    id: Mapped[int] = mapped_column(primary_key=True)
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    cap: Mapped[int]
    created_at: Mapped[datetime.datetime] = mapped_column(default=now)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    # The background job sending it (its page shows the progress).
    job_id: Mapped[int | None]

    invitations: Mapped[list[Invitation]] = relationship(
        back_populates="wave", order_by="Invitation.id"
    )


class Invitation(Base):
    """One former participant invited in a wave: never two invitations for one person,
    so that nobody is invited twice by accident."""

    __tablename__ = "network_invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(
        ForeignKey("network_wave.id", ondelete="CASCADE"), index=True
    )
    alumnus_id: Mapped[int] = mapped_column(
        ForeignKey("network_alumnus.id", ondelete="CASCADE"), unique=True
    )
    email: Mapped[str] = mapped_column(String(320))
    sent_at: Mapped[datetime.datetime | None]
    expires_at: Mapped[datetime.datetime | None]
    opened_at: Mapped[datetime.datetime | None]
    accepted_at: Mapped[datetime.datetime | None]
    reminded_at: Mapped[datetime.datetime | None]

    wave: Mapped[Wave] = relationship(back_populates="invitations")
    alumnus: Mapped[Alumnus] = relationship()

    def status(self, moment: datetime.datetime) -> str:
        return invitation_status(
            moment, self.sent_at, self.expires_at, self.opened_at, self.accepted_at
        )


def invitation_status(moment, sent_at, expires_at, opened_at, accepted_at) -> str:
    """Where an invitation stands at `moment`: queued, sent, opened, accepted or expired."""
    if accepted_at is not None:
        return "accepted"
    if sent_at is None:
        return "queued"
    if expires_at is not None and expires_at < moment:
        return "expired"
    return "opened" if opened_at is not None else "sent"
