"""The budget: the scheme's rates times the plan, plus partners' costs converted at
their recorded rate, all in Decimal."""

from __future__ import annotations

import datetime
from decimal import Decimal

from norec_grants import budget
from norec_grants.models import PartnerCost, PlannedExchange


def _plan(application, hospitals):
    _partnership, bergen, vellore = hospitals
    year = application.partnership.starts_on.year
    application.exchanges = [
        PlannedExchange(
            year=year,
            sending=bergen,
            receiving=vellore,
            participants=2,
            profession="nurses",
            months=6,
        ),
        PlannedExchange(
            year=year + 1,
            sending=vellore,
            receiving=bergen,
            participants=3,
            profession="nurses",
            months=10,
        ),
    ]
    return year


def test_lines_follow_the_rates_per_participant_and_month(application, hospitals, db_session):
    year = _plan(application, hospitals)
    db_session.flush()
    found = budget.budget(application)
    assert found.currency == "NOK"
    # travel: 12,000 a participant; stay: 9,500.50 a participant and month.
    assert found.table() == {
        year: {"travel": Decimal("24000.00"), "stay": Decimal("114006.00")},
        year + 1: {"travel": Decimal("36000.00"), "stay": Decimal("285015.00")},
    }
    assert found.years == {year: Decimal("138006.00"), year + 1: Decimal("321015.00")}
    assert found.categories == {"travel": Decimal("60000.00"), "stay": Decimal("399021.00")}
    assert found.total == Decimal("459021.00")
    assert all(isinstance(line.amount, Decimal) for line in found.lines)


def test_partner_costs_are_converted_at_their_own_rate(application, hospitals, db_session):
    year = _plan(application, hospitals)
    application.costs = [
        PartnerCost(
            year=year,
            category="stay",
            description="Hostel",
            amount=Decimal("100000.00"),
            currency="INR",
            rate=Decimal("0.126449"),
            rate_on=datetime.date(2026, 11, 2),
        ),
        # Rounded half up to the øre: 0.05 times 0.5 is 0.025, so 0.03.
        PartnerCost(
            year=year,
            category="courses",
            description="Books",
            amount=Decimal("0.05"),
            currency="EUR",
            rate=Decimal("0.5"),
            rate_on=datetime.date(2026, 11, 2),
        ),
    ]
    db_session.flush()
    db_session.expire_all()  # read back from the database, exactly
    found = budget.budget(application)
    costs = [line for line in found.lines if line.cost is not None]
    assert [line.amount for line in costs] == [Decimal("12644.90"), Decimal("0.03")]
    assert costs[0].cost.amount == Decimal("100000.00") and costs[0].cost.currency == "INR"
    assert found.total == Decimal("459021.00") + Decimal("12644.93")


def test_an_empty_plan_costs_nothing(application):
    found = budget.budget(application)
    assert found.lines == [] and found.total == Decimal("0.00") and found.table() == {}
