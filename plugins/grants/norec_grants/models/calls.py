"""Schemes, their rates and criteria, their calls, and the exchange rates budgets use."""

from __future__ import annotations

import datetime
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from norec_core import Amount, Base, Translatable, now, site_currency

# The activities every participant (and their leaders) must attend, of kinds the plugin
# registers with the core.
COURSE_KINDS = ("pre_departure_course", "homecoming_course", "leaders_course")
# What a grant pays for, in the order a budget lists them.
CATEGORIES = ("travel", "stay", "salary", "insurance", "courses")
# A rate is paid once per participant (a journey, a course) or per participant and month.
BASES = ("participant", "participant_month")


class Scheme(Translatable, Base):
    """A grant scheme ("North-South exchange") and the rules its calls share."""

    __tablename__ = "grants_scheme"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    currency: Mapped[str] = mapped_column(String(3), default=site_currency)
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


class Criterion(Translatable, Base):
    """An assessment criterion and its weight in the total score."""

    __tablename__ = "grants_criterion"

    id: Mapped[int] = mapped_column(primary_key=True)
    scheme_id: Mapped[int] = mapped_column(ForeignKey("grants_scheme.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[int] = mapped_column(default=1)
    position: Mapped[int] = mapped_column(default=0)

    scheme: Mapped[Scheme] = relationship(back_populates="criteria")


class Call(Translatable, Base):
    """A call for applications under a scheme, open from `opens_at` to `closes_at`."""

    __tablename__ = "grants_call"

    id: Mapped[int] = mapped_column(primary_key=True)
    scheme_id: Mapped[int] = mapped_column(ForeignKey("grants_scheme.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    opens_at: Mapped[datetime.datetime]
    closes_at: Mapped[datetime.datetime] = mapped_column(index=True)

    scheme: Mapped[Scheme] = relationship(back_populates="calls")

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
    base: Mapped[str] = mapped_column(String(3), default=site_currency)
    rate: Mapped[Decimal] = mapped_column(Amount(scale=6))
    valid_on: Mapped[datetime.date]
    source: Mapped[str] = mapped_column(String(200), default="Norges Bank")
