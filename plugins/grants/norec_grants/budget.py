"""An application's budget: lines made from its planned exchanges and the scheme's
rates, plus the partners' own costs converted at their recorded rates. All `Decimal`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from norec_core import convert
from norec_grants.models import CATEGORIES, Application, PartnerCost, PlannedExchange, Rate

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Line:
    """One line of the budget, in the scheme's currency. A partner's cost keeps its own
    amount, currency and the rate it was converted at."""

    year: int
    category: str
    description: str
    amount: Decimal
    exchange: PlannedExchange | None = None
    cost: PartnerCost | None = None


def first_year(application: Application) -> int:
    """The year a new line of the plan or budget is for, unless the applicant says
    otherwise: the call's, kept within the partnership's years (a 2027 call for a
    partnership that began in 2024 plans 2027)."""
    partnership = application.partnership
    year = application.call.closes_at.year
    return min(max(year, partnership.starts_on.year), partnership.ends_on.year)


def rate_line(rate: Rate, exchange: PlannedExchange) -> Line:
    units = exchange.participants * (exchange.months if rate.basis == "participant_month" else 1)
    return Line(
        exchange.year,
        rate.category,
        f"{exchange.participants} × {exchange.profession}",
        rate.amount * units,
        exchange=exchange,
    )


def lines(application: Application) -> list[Line]:
    rates = application.call.scheme.rates
    found = [rate_line(rate, e) for e in application.exchanges for rate in rates]
    found += [
        Line(c.year, c.category, c.description, convert(c.amount, c.rate), cost=c)
        for c in application.costs
    ]
    order = {name: n for n, name in enumerate(CATEGORIES)}
    return sorted(found, key=lambda line: (line.year, order.get(line.category, 99)))


@dataclass(frozen=True)
class Budget:
    lines: list[Line]
    currency: str

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def years(self) -> dict[int, Decimal]:
        return _sums(self.lines, lambda line: line.year)

    @property
    def categories(self) -> dict[str, Decimal]:
        found = _sums(self.lines, lambda line: line.category)
        return {c: found[c] for c in CATEGORIES if c in found}

    def table(self) -> dict[int, dict[str, Decimal]]:
        """Year by category: the budget as a caseworker reads it."""
        table: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
        for line in self.lines:
            table[line.year][line.category] += line.amount
        return {year: dict(row) for year, row in sorted(table.items())}


def _sums(found: list[Line], key) -> dict:
    sums: dict = defaultdict(lambda: ZERO)
    for line in found:
        sums[key(line)] += line.amount
    return dict(sorted(sums.items()))


def budget(application: Application) -> Budget:
    return Budget(lines(application), application.call.scheme.currency)
