"""What follows a submission: assessors and their scores, decisions and appeals,
participants, instalments and final reports; and organisations looking for partners."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from norec_core import Amount, Base, Organisation, Person, User, now

if TYPE_CHECKING:  # the records they refer to, in the package's other modules
    from norec_grants.models.applications import Application
    from norec_grants.models.calls import Criterion


class Assignment(Base):
    """A caseworker or outside assessor assigned to assess an application. The assignment
    also gives them the local role "assessor" on it (see `assessment.assign`)."""

    __tablename__ = "grants_assignment"
    __table_args__ = (UniqueConstraint("application_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("grants_application.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    assigned_at: Mapped[datetime.datetime] = mapped_column(default=now)
    # The assessor's own declaration: None until they make it.
    conflict: Mapped[bool | None]
    conflict_note: Mapped[str] = mapped_column(Text, default="")
    declared_at: Mapped[datetime.datetime | None]

    application: Mapped[Application] = relationship(back_populates="assignments")
    user: Mapped[User] = relationship()


class Score(Base):
    """One assessor's score of one criterion, from 1 (weak) to 5 (excellent)."""

    __tablename__ = "grants_score"
    __table_args__ = (UniqueConstraint("application_id", "criterion_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("grants_application.id", ondelete="CASCADE"), index=True
    )
    criterion_id: Mapped[int] = mapped_column(ForeignKey("grants_criterion.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    score: Mapped[int]
    comment: Mapped[str] = mapped_column(Text, default="")
    scored_at: Mapped[datetime.datetime] = mapped_column(default=now, onupdate=now)

    criterion: Mapped[Criterion] = relationship()
    user: Mapped[User] = relationship()


class Decision(Base):
    """The decision on an application: an individual administrative decision, with its
    reasons and the amount granted each year, open to appeal until `appeal_until`."""

    __tablename__ = "grants_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("grants_application.id", ondelete="CASCADE"), index=True
    )
    outcome: Mapped[str] = mapped_column(String(30))  # approved, approved_changes, rejected
    reasons: Mapped[str] = mapped_column(Text)
    decided_at: Mapped[datetime.datetime] = mapped_column(default=now)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    appeal_until: Mapped[datetime.datetime]
    # When an appeal changed it: the case went back to assessment for a new decision.
    superseded_at: Mapped[datetime.datetime | None]

    application: Mapped[Application] = relationship(back_populates="decisions")
    decided_by: Mapped[User | None] = relationship()
    years: Mapped[list[GrantedYear]] = relationship(
        cascade="all, delete-orphan", order_by="GrantedYear.year", back_populates="decision"
    )

    @property
    def total(self) -> Decimal:
        return sum((y.amount for y in self.years), Decimal("0.00"))


class GrantedYear(Base):
    """The amount granted for one year, in the scheme's currency."""

    __tablename__ = "grants_granted_year"
    __table_args__ = (UniqueConstraint("decision_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("grants_decision.id", ondelete="CASCADE"))
    year: Mapped[int]
    amount: Mapped[Decimal] = mapped_column(Amount())

    decision: Mapped[Decision] = relationship(back_populates="years")


class Appeal(Base):
    """An applicant's appeal against a decision: a case of its own, with its outcome."""

    __tablename__ = "grants_appeal"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("grants_application.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[str] = mapped_column(String(30), default="received", index=True)
    grounds: Mapped[str] = mapped_column(Text)
    submitted_at: Mapped[datetime.datetime] = mapped_column(default=now)
    submitted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    application: Mapped[Application] = relationship(back_populates="appeals")
    submitted_by: Mapped[User | None] = relationship()


class Participant(Base):
    """A person exchanged under an approved application (or a leader of the exchange, who
    takes the leaders' course), from the sending organisation to the receiving one."""

    __tablename__ = "grants_participant"
    __table_args__ = (UniqueConstraint("application_id", "person_id", "starts_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("grants_application.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="participant")  # or "leader"
    sending_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    receiving_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    starts_on: Mapped[datetime.date]
    ends_on: Mapped[datetime.date]
    # When a caseworker marked the exchange completed (and the core's event went out).
    completed_at: Mapped[datetime.datetime | None]
    # Courses the caseworker let the participant off, {kind: reason}: an exchange is
    # completed only when each course is attended or waived so.
    waived: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)

    application: Mapped[Application] = relationship(back_populates="participants")
    person: Mapped[Person] = relationship()
    sending: Mapped[Organisation] = relationship(foreign_keys=[sending_id])
    receiving: Mapped[Organisation] = relationship(foreign_keys=[receiving_id])


class Instalment(Base):
    """A part of the grant paid when its milestone is reached."""

    __tablename__ = "grants_instalment"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("grants_application.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    milestone: Mapped[str] = mapped_column(String(40))
    amount: Mapped[Decimal] = mapped_column(Amount())
    paid_at: Mapped[datetime.datetime | None]
    paid_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    # An instalment that will not be paid (an exchange that did not take place), and why.
    cancelled_at: Mapped[datetime.datetime | None]
    cancel_reason: Mapped[str] = mapped_column(Text, default="")

    application: Mapped[Application] = relationship(back_populates="instalments")


class FinalReport(Base):
    """The applicant's final report: results, how the knowledge is used at home, and
    the costs as they were, per budget category."""

    __tablename__ = "grants_final_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("grants_application.id", ondelete="CASCADE"), unique=True
    )
    results: Mapped[str] = mapped_column(Text, default="")
    knowledge_transfer: Mapped[str] = mapped_column(Text, default="")
    # {category: "amount"}: the costs as spent, in the scheme's currency, as strings of
    # Decimal (JSON has no exact decimal).
    actual_costs: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime.datetime] = mapped_column(default=now, onupdate=now)

    application: Mapped[Application] = relationship(back_populates="report")

    def actual(self, category: str) -> Decimal | None:
        value = self.actual_costs.get(category)
        return None if value in (None, "") else Decimal(value)


class PartnerSearch(Base):
    """An organisation looking for a partner to start an exchange with: what it works on,
    where it would like its partner to be, the professions it would exchange, what it
    offers."""

    __tablename__ = "grants_partner_search"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)  # where the partner is
    professions: Mapped[str] = mapped_column(String(300), default="")
    offers: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime.datetime] = mapped_column(default=now)
    # The partnership the search led to, once it did.
    partnership_id: Mapped[int | None] = mapped_column(
        ForeignKey("partnership.id", ondelete="SET NULL")
    )

    organisation: Mapped[Organisation] = relationship()
