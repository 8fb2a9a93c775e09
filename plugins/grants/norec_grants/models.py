"""The grants plugin's records: schemes and their calls, applications from partnerships
with their planned exchanges and budgets, and the confirmations of the partners."""

from __future__ import annotations

import datetime
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from norec_core import Amount, Base, Organisation, Partnership, Person, User, now

# The activities every participant (and their leaders) must attend, of kinds the plugin
# registers with the core.
COURSE_KINDS = ("pre_departure_course", "homecoming_course", "leaders_course")
# What a grant pays for, in the order a budget lists them.
CATEGORIES = ("travel", "stay", "salary", "insurance", "courses")
# A rate is paid once per participant (a journey, a course) or per participant and month.
BASES = ("participant", "participant_month")


class Scheme(Base):
    """A grant scheme ("North-South exchange") and the rules its calls share."""

    __tablename__ = "grants_scheme"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    currency: Mapped[str] = mapped_column(String(3), default="NOK")
    # ISO 3166 codes of the countries partners may be in; empty: any country.
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    min_age: Mapped[int] = mapped_column(default=18)
    max_age: Mapped[int] = mapped_column(default=35)
    min_months: Mapped[int] = mapped_column(default=3)
    max_months: Mapped[int] = mapped_column(default=12)
    # A person fact (`norec_core.person_fact`) participants must have, declared by any
    # plugin: "network.member" for activity-based support. Empty: none.
    eligibility_fact: Mapped[str] = mapped_column(String(100), default="")

    rates: Mapped[list[Rate]] = relationship(
        cascade="all, delete-orphan", order_by="Rate.position", back_populates="scheme"
    )
    criteria: Mapped[list[Criterion]] = relationship(
        cascade="all, delete-orphan", order_by="Criterion.position", back_populates="scheme"
    )
    calls: Mapped[list[Call]] = relationship(back_populates="scheme", order_by="Call.closes_at")

    def rate(self, category: str) -> Rate | None:
        return next((r for r in self.rates if r.category == category), None)


class Rate(Base):
    """What the scheme pays for one budget category, in the scheme's currency."""

    __tablename__ = "grants_rate"
    __table_args__ = (UniqueConstraint("scheme_id", "category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scheme_id: Mapped[int] = mapped_column(ForeignKey("grants_scheme.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(20))
    basis: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Amount())
    position: Mapped[int] = mapped_column(default=0)

    scheme: Mapped[Scheme] = relationship(back_populates="rates")


class Criterion(Base):
    """An assessment criterion and its weight in the total score."""

    __tablename__ = "grants_criterion"

    id: Mapped[int] = mapped_column(primary_key=True)
    scheme_id: Mapped[int] = mapped_column(ForeignKey("grants_scheme.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[int] = mapped_column(default=1)
    position: Mapped[int] = mapped_column(default=0)

    scheme: Mapped[Scheme] = relationship(back_populates="criteria")


class Call(Base):
    """A call for applications under a scheme, open from `opens_at` to `closes_at`."""

    __tablename__ = "grants_call"

    id: Mapped[int] = mapped_column(primary_key=True)
    scheme_id: Mapped[int] = mapped_column(ForeignKey("grants_scheme.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    opens_at: Mapped[datetime.datetime]
    closes_at: Mapped[datetime.datetime] = mapped_column(index=True)

    scheme: Mapped[Scheme] = relationship(back_populates="calls")

    def is_open(self, moment: datetime.datetime | None = None) -> bool:
        moment = moment or now()
        return self.opens_at <= moment < self.closes_at

    def status(self, moment: datetime.datetime | None = None) -> str:
        moment = moment or now()
        if moment < self.opens_at:
            return "upcoming"
        return "open" if moment < self.closes_at else "closed"


class ExchangeRate(Base):
    """Units of a scheme's currency for one unit of `currency`, as recorded on a day
    (Norges Bank's rate, entered by a caseworker). Budgets copy the rate they used."""

    __tablename__ = "grants_exchange_rate"
    __table_args__ = (UniqueConstraint("currency", "base", "valid_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    currency: Mapped[str] = mapped_column(String(3))
    base: Mapped[str] = mapped_column(String(3), default="NOK")
    rate: Mapped[Decimal] = mapped_column(Amount(scale=6))
    valid_on: Mapped[datetime.date]
    source: Mapped[str] = mapped_column(String(200), default="Norges Bank")


class Application(Base):
    """A partnership's application to a call: its plan, its budget and its case."""

    __tablename__ = "grants_application"

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

    application: Mapped[Application] = relationship(back_populates="participants")
    person: Mapped[Person] = relationship()
    sending: Mapped[Organisation] = relationship(foreign_keys=[sending_id])
    receiving: Mapped[Organisation] = relationship(foreign_keys=[receiving_id])


MILESTONES = ("agreement_signed", "participants_departed", "final_report_approved")


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
