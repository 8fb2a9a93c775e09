"""What must have happened before a grant case moves on: the final report comes after
the last exchange ends, and the case closes only when every planned exchange took place
(departed and returned) or is explained as not carried out, and every instalment is
paid or cancelled with a reason. Each refusal says what is still open."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from pyramid.request import Request

from norec_core import now
from norec_grants import payments, reports
from norec_grants.i18n import _
from norec_grants.models import Application, Participant, PlannedExchange

# Paid when the report is approved, that is on closing: the one instalment left open.
PAID_ON_CLOSING = "final_report_approved"


@dataclass(frozen=True)
class Outcome:
    """A planned exchange as it turned out: the participants who went, who are home."""

    exchange: PlannedExchange
    participants: list[Participant]
    returned: int

    @property
    def carried_out(self) -> bool:
        return self.returned >= self.exchange.participants

    @property
    def explained(self) -> bool:
        return bool(self.exchange.not_carried_out.strip())


def outcomes(application: Application, today: datetime.date | None = None) -> list[Outcome]:
    """Each planned exchange with the registered participants it took: those sent the
    same way in its year, each counted for one exchange only."""
    today = today or now().date()
    free = [p for p in application.participants if p.role == "participant"]
    found = []
    for e in application.exchanges:
        taken = [
            p
            for p in free
            if (p.sending_id, p.receiving_id, p.starts_on.year)
            == (e.sending_id, e.receiving_id, e.year)
        ][: e.participants]
        free = [p for p in free if p not in taken]
        returned = sum(1 for p in taken if p.ends_on < today)
        found.append(Outcome(e, taken, returned))
    return found


def _exchange_open(request: Request, outcome: Outcome):
    e = outcome.exchange
    return _(
        "The exchange from ${sending} to ${receiving} in ${year} has not taken place: "
        "${returned} of ${planned} participants are home again. Register them when they "
        "are, or explain why it was not carried out.",
        mapping={
            "sending": e.sending.name,
            "receiving": e.receiving.name,
            "year": e.year,
            "returned": outcome.returned,
            "planned": e.participants,
        },
    )


def report_refused(request: Request, application: Application):
    """The guard of handing in the final report: it is written, and it comes after the
    last exchange has ended and every planned one is accounted for."""
    missing = reports.report_missing(request, application)
    if missing is not None:
        return missing
    today = now().date()
    away = [p for p in application.participants if p.ends_on >= today]
    if away:
        last = max(away, key=lambda p: p.ends_on)
        return _(
            "The final report comes after the last exchange ends: ${name} comes home ${date}.",
            mapping={"name": last.person.given_name, "date": request.layout.date(last.ends_on)},
        )
    for outcome in outcomes(application, today):
        if not outcome.carried_out and not outcome.explained:
            return _exchange_open(request, outcome)
    return None


def close_refused(request: Request, application: Application):
    """The guard of approving the report and closing the case: every exchange is
    accounted for and every instalment before the last is paid or cancelled."""
    for outcome in outcomes(application):
        if not outcome.carried_out and not outcome.explained:
            return _exchange_open(request, outcome)
    for instalment in application.instalments:
        if instalment.milestone == PAID_ON_CLOSING:
            continue
        if instalment.paid_at is None and instalment.cancelled_at is None:
            return _(
                "The instalment «${milestone}» is neither paid nor cancelled: pay it, or "
                "cancel it with a reason, before the case closes.",
                mapping={"milestone": payments.MILESTONE_TITLES[instalment.milestone]},
            )
    return None
