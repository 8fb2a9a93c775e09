"""Applications from partnerships: their planned exchanges, partner costs and the
partners' confirmations."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from norec_core import Amount, Base, Organisation, Partnership, Person, User, now

if TYPE_CHECKING:  # the records they refer to, in the package's other modules
    from norec_grants.models.calls import Call
    from norec_grants.models.cases import (
        Appeal,
        Assignment,
        Decision,
        FinalReport,
        Instalment,
        Participant,
        Score,
    )


class Application(Base):
    """A partnership's application to a call: its plan, its budget and its case."""

    __tablename__ = "grants_application"
    __table_args__ = (
        # The caseworkers' queue in its order (latest change first), read from the index
        # alone up to the page: thousands of applications are not sorted for each page.
        Index("ix_grants_application_queue", "updated_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("grants_call.id"), index=True)
    partnership_id: Mapped[int] = mapped_column(
        ForeignKey("partnership.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[str] = mapped_column(String(30), default="draft", index=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    goals: Mapped[str] = mapped_column(Text, default="")
    # The language the applicant reads: decisions and letters are written in it.
    language: Mapped[str] = mapped_column(String(2), default="en")
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    # The person responsible for the project; a scheme's eligibility fact applies to them.
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime.datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime.datetime] = mapped_column(default=now, onupdate=now)
    submitted_at: Mapped[datetime.datetime | None]
    # Counts the changes to the plan and budget; a partner's confirmation holds for the
    # revision it saw, so that nobody confirms what was changed after they looked.
    revision: Mapped[int] = mapped_column(default=1)
    # When the reminders went out (a scheduled task may run twice; each goes once).
    deadline_reminded_at: Mapped[datetime.datetime | None]
    report_reminded_at: Mapped[datetime.datetime | None]
    # The screening checklist: {requirement: {"met": bool, "note": str}}, each of the
    # scheme's requirements ticked or explained before the case goes to assessment.
    screening: Mapped[dict[str, dict]] = mapped_column(JSON, default=dict)

    @property
    def decision(self) -> Decision | None:
        """The decision in force: the latest not superseded."""
        return next((d for d in reversed(self.decisions) if d.superseded_at is None), None)

    call: Mapped[Call] = relationship()
    partnership: Mapped[Partnership] = relationship()
    created_by: Mapped[User | None] = relationship()
    lead: Mapped[Person | None] = relationship()
    exchanges: Mapped[list[PlannedExchange]] = relationship(
        cascade="all, delete-orphan",
        order_by="(PlannedExchange.year, PlannedExchange.id)",
        back_populates="application",
    )
    costs: Mapped[list[PartnerCost]] = relationship(
        cascade="all, delete-orphan", order_by="PartnerCost.id", back_populates="application"
    )
    confirmations: Mapped[list[Confirmation]] = relationship(
        cascade="all, delete-orphan", back_populates="application"
    )
    assignments: Mapped[list[Assignment]] = relationship(
        cascade="all, delete-orphan", order_by="Assignment.id", back_populates="application"
    )
    scores: Mapped[list[Score]] = relationship(cascade="all, delete-orphan")
    # Every decision made; one changed on appeal is superseded by the next.
    decisions: Mapped[list[Decision]] = relationship(
        cascade="all, delete-orphan", order_by="Decision.id", back_populates="application"
    )
    appeals: Mapped[list[Appeal]] = relationship(
        cascade="all, delete-orphan", order_by="Appeal.id", back_populates="application"
    )
    instalments: Mapped[list[Instalment]] = relationship(
        cascade="all, delete-orphan", order_by="Instalment.position", back_populates="application"
    )
    report: Mapped[FinalReport | None] = relationship(
        cascade="all, delete-orphan", back_populates="application"
    )
    participants: Mapped[list[Participant]] = relationship(
        cascade="all, delete-orphan",
        order_by="(Participant.starts_on, Participant.id)",
        back_populates="application",
    )


class PlannedExchange(Base):
    """One planned exchange of the plan: in `year`, `participants` people of
    `profession` go from the sending organisation to the receiving one for `months`."""

    __tablename__ = "grants_planned_exchange"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("grants_application.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int]
    sending_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    receiving_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    participants: Mapped[int]
    profession: Mapped[str] = mapped_column(String(200))
    months: Mapped[int]
    # Why the exchange did not take place, when it did not: the case closes only when
    # every planned exchange took place or is explained so.
    not_carried_out: Mapped[str] = mapped_column(Text, default="")

    application: Mapped[Application] = relationship(back_populates="exchanges")
    sending: Mapped[Organisation] = relationship(foreign_keys=[sending_id])
    receiving: Mapped[Organisation] = relationship(foreign_keys=[receiving_id])


class PartnerCost(Base):
    """A cost a partner budgets in its own currency, converted to the scheme's at the
    rate recorded on `rate_on` (kept here: a later rate does not change the budget)."""

    __tablename__ = "grants_partner_cost"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("grants_application.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int]
    category: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(300))
    amount: Mapped[Decimal] = mapped_column(Amount())
    currency: Mapped[str] = mapped_column(String(3))
    rate: Mapped[Decimal] = mapped_column(Amount(scale=6))
    rate_on: Mapped[datetime.date]

    application: Mapped[Application] = relationship(back_populates="costs")


class Confirmation(Base):
    """A partner organisation's contact person confirms the application as it stands."""

    __tablename__ = "grants_confirmation"
    __table_args__ = (UniqueConstraint("application_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("grants_application.id", ondelete="CASCADE")
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    revision: Mapped[int]
    confirmed_at: Mapped[datetime.datetime] = mapped_column(default=now)

    application: Mapped[Application] = relationship(back_populates="confirmations")
    organisation: Mapped[Organisation] = relationship()
    user: Mapped[User | None] = relationship()
