"""The money of a grant: the instalments it is paid in, each when its milestone is
reached, and the costs reported at the end against the budget."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from norec_core import now
from norec_grants import budget
from norec_grants.i18n import _
from norec_grants.models import Application, Instalment

# Half when the agreement is signed, most of the rest when the participants have left,
# the last tenth when the final report is approved.
PLAN = (
    ("agreement_signed", Decimal("0.5")),
    ("participants_departed", Decimal("0.4")),
    ("final_report_approved", Decimal("0.1")),
)
MILESTONE_TITLES = {
    "agreement_signed": _("Agreement signed"),
    "participants_departed": _("Participants departed"),
    "final_report_approved": _("Final report approved"),
}


def make_plan(application: Application) -> None:
    """The instalments of the granted total, in whole units; the last takes what rounding
    leaves, so that they add up to the total exactly."""
    total = application.decision.total if application.decision else Decimal("0.00")
    amounts = [(total * share).quantize(Decimal(1)) for _m, share in PLAN[:-1]]
    amounts.append(total - sum(amounts, Decimal(0)))
    application.instalments = [
        Instalment(position=n, milestone=milestone, amount=amount)
        for n, ((milestone, _share), amount) in enumerate(zip(PLAN, amounts, strict=True))
    ]


def plan_on_signing(request, application, entry) -> None:
    """The `sign` step's effect: the agreement fixes the plan of payments."""
    make_plan(application)


def reached(application: Application, milestone: str, today: datetime.date | None = None):
    today = today or now().date()
    if milestone == "agreement_signed":
        return application.state in ("agreement", "in_progress", "final_report", "closed")
    if milestone == "participants_departed":
        return bool(application.participants) and all(
            p.starts_on <= today for p in application.participants
        )
    return application.state == "closed"


def pay(application: Application, instalment: Instalment, user):
    """Record the payment, or say why it cannot be made yet."""
    if instalment.paid_at is not None:
        return _("This instalment is paid already.")
    if instalment.cancelled_at is not None:
        return _(
            "This instalment is cancelled: ${reason}", mapping={"reason": instalment.cancel_reason}
        )
    if not reached(application, instalment.milestone):
        return _(
            "The milestone «${milestone}» is not reached yet.",
            mapping={"milestone": MILESTONE_TITLES[instalment.milestone]},
        )
    instalment.paid_at, instalment.paid_by_id = now(), user.id
    return None


def cancel(instalment: Instalment, reason: str):
    """Cancel an unpaid instalment for `reason`, or say why it cannot be."""
    if instalment.paid_at is not None:
        return _("This instalment is paid already.")
    if instalment.cancelled_at is not None:
        return _("This instalment is cancelled already.")
    instalment.cancelled_at, instalment.cancel_reason = now(), reason
    return None


@dataclass(frozen=True)
class CostLine:
    category: str
    budgeted: Decimal
    actual: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        return None if self.actual is None else self.actual - self.budgeted


@dataclass(frozen=True)
class Totals:
    """The whole: applied for, granted, spent, and what was spent beyond the grant (or,
    below zero, left of it). Spending is measured against what was granted."""

    applied: Decimal
    granted: Decimal
    spent: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        return None if self.spent is None else self.spent - self.granted


def totals(application: Application) -> Totals:
    lines = costs(application)
    spent = [line.actual for line in lines if line.actual is not None]
    decision = application.decision
    return Totals(
        budget.budget(application).total,
        decision.total if decision is not None else Decimal("0.00"),
        sum(spent, Decimal("0.00")) if spent else None,
    )


def costs(application: Application) -> list[CostLine]:
    """Each budget category: as budgeted, as reported spent, and the difference."""
    budgeted = budget.budget(application).categories
    report = application.report
    categories = list(budgeted) + [
        c for c in (report.actual_costs if report else {}) if c not in budgeted
    ]
    return [
        CostLine(c, budgeted.get(c, Decimal("0.00")), report.actual(c) if report else None)
        for c in categories
    ]
