"""Decisions and appeals: a grant decision records the amount granted each year and its
reasons, is sent as a letter in the applicant's language, and may be appealed within the
agency's window (`grants.appeal_weeks`, three weeks by default as Norway's Public
Administration Act gives); an appeal is a case of its own."""

from __future__ import annotations

import datetime

from pyramid.request import Request

from norec_core import (
    SITE_TIMEZONE,
    State,
    Transition,
    Workflow,
    now,
    render_pdf,
    transition,
)
from norec_grants import assessment, notices, rules
from norec_grants.i18n import _
from norec_grants.models import Appeal, Application, Decision, GrantedYear
from norec_grants.permissions import MANAGE, READ

APPEAL_WINDOW = datetime.timedelta(weeks=3)


def appeal_window(settings) -> datetime.timedelta:
    """How long an applicant may appeal: `grants.appeal_weeks`, whole weeks, since each
    country's administrative law sets its own time."""
    value = str(settings.get("grants.appeal_weeks") or "").strip()
    if not value:
        return APPEAL_WINDOW
    if not value.isdigit() or not 1 <= int(value) <= 52:
        raise ValueError(f"grants.appeal_weeks: {value!r} is not a number of weeks from 1 to 52")
    return datetime.timedelta(weeks=int(value))


def appeal_basis(settings, language: str) -> str:
    """The law the letter cites for the right to appeal and to see the case's documents
    (`grants.appeal_basis`, and `grants.appeal_basis.<language>` where it differs): the
    agency's own words, since the law is its country's; none when it is not set."""
    found = settings.get(f"grants.appeal_basis.{language}") or settings.get("grants.appeal_basis")
    return (found or "").strip()


LETTER = "norec_grants:templates/letter.pt"
OUTCOMES = ("approved", "approved_changes", "rejected")
STEP = {"approved": "approve", "approved_changes": "approve_changes", "rejected": "reject"}
OUTCOME_TITLES = {
    "approved": _("Approved"),
    "approved_changes": _("Approved with changes"),
    "rejected": _("Rejected"),
}


def decide(request: Request, application: Application, outcome: str, reasons: str, years):
    """Record the decision and take the workflow's step to its outcome, in one transaction;
    `years` is {year: amount}, nothing for a rejection."""
    moment = now()
    application.decisions.append(
        Decision(
            outcome=outcome,
            reasons=reasons,
            decided_at=moment,
            decided_by=request.identity,
            appeal_until=moment + appeal_window(request.registry.settings),
            years=[
                GrantedYear(year=y, amount=a)
                for y, a in sorted(years.items())
                if outcome != "rejected" and a
            ],
        )
    )
    request.dbsession.flush()
    entry = transition(request, application, STEP[outcome], reasons)
    _send_letter(request, application)
    return entry


def letter_reference(decision: Decision) -> str:
    """The letter's "our reference": the decision's year and the application's number
    (2026/123), which the applicant quotes back and the agency files the letter under."""
    return f"{decision.decided_at.astimezone(SITE_TIMEZONE).year}/{decision.application_id}"


def letter_values(application: Application) -> dict:
    decision = application.decision
    return {
        "application": application,
        "decision": decision,
        "reference": letter_reference(decision),
        # The day in the agency's zone: a decision at 00:30 in Oslo is dated that day.
        "dated": decision.decided_at.astimezone(SITE_TIMEZONE).date(),
        "outcome_title": OUTCOME_TITLES[application.decision.outcome],
        "currency": application.call.scheme.currency,
        "appeal_basis": appeal_basis,
        "document_title": _(
            "Decision on the application «${title}»", mapping={"title": application.title}
        ),
    }


def _send_letter(request: Request, application: Application) -> None:
    """The letter goes to every contact person of the partners, each in their own
    language (the Norwegian partner's in nynorsk or bokmål, the Nepali partner's in
    English), as a PDF with a link to the case (from norec.base_url)."""
    letters: dict[str, bytes] = {}

    def letter(language: str) -> list[tuple[str, str, bytes]]:
        if language not in letters:
            letters[language] = render_pdf(request, LETTER, letter_values(application), language)
        return [(f"decision-{application.id}.pdf", "application/pdf", letters[language])]

    notices.tell_contacts(
        request,
        application,
        "grants.decision",
        _("Decision on your application «${title}»", mapping={"title": application.title}),
        _(
            "${agency} has decided on the application «${title}». The decision letter is "
            "attached, with its reasons and how to appeal.",
            mapping={"title": application.title},
        ),
        attachments=letter,
    )


def decision_recorded(request: Request, application: Application):
    """The guard of the deciding steps: they are taken with the decision form."""
    if application.decision is None:
        return _("Record the decision with its reasons on the decision form first.")
    if request.identity is not None:
        return assessment.not_to_decide(request, application, request.identity)
    return None


def approvable(request: Request, application: Application):
    """The guard of the approving steps: recorded on the form, by someone who may decide,
    and for a plan that fits the partnership's period and the scheme (checked again here:
    the partnership or the scheme may have changed since the submission)."""
    refused = decision_recorded(request, application)
    if refused is not None:
        return refused
    found = rules.plan(request, application)
    return found[0] if found else None


def _appeals_of(application: Application, decision: Decision) -> list[Appeal]:
    return [a for a in application.appeals if a.submitted_at >= decision.decided_at]


def appeal_refusal(request: Request, application: Application, moment=None):
    """Why the applicant cannot appeal now, or None."""
    decision = application.decision
    if decision is None:
        return _("There is no decision to appeal.")
    if any(a.state != "dismissed" for a in _appeals_of(application, decision)):
        return _("The decision is already appealed.")
    if (moment or now()) > decision.appeal_until:
        return _(
            "The time to appeal ran out ${date}.",
            mapping={"date": request.layout.datetime(decision.appeal_until)},
        )
    return None


def appeal_reversed(request: Request, application: Application):
    """The guard of sending a decided case back to assessment: an appeal changed it."""
    decision = application.decision
    if decision is None or not any(
        a.state == "reversed" for a in _appeals_of(application, decision)
    ):
        return _("Only an appeal that changed the decision sends the case back to assessment.")
    return None


def supersede(request: Request, application: Application, entry) -> None:
    """The `reopen` step's effect: the decision changed on appeal no longer stands."""
    application.decision.superseded_at = now()


def _reopen_case(request: Request, appeal: Appeal, entry) -> None:
    # Changing the decision means deciding again: the case goes back to assessment.
    transition(request, appeal.application, "reopen", entry.comment)


APPEAL_WORKFLOW = Workflow(
    read_permission=READ,
    name="grants.appeal",
    model=Appeal,
    initial="received",
    states=(
        State("received", _("Received")),
        State("in_review", _("Under review by ${agency}")),
        State("forwarded", _("Sent to the appeal body")),
        State("reversed", _("Decision changed")),
        State("upheld", _("Decision upheld")),
        State("dismissed", _("Dismissed")),
    ),
    transitions=(
        Transition("review", _("Start the review"), ("received",), "in_review", MANAGE),
        # Norec may change its own decision; otherwise the appeal goes to the ministry.
        Transition(
            "reverse",
            _("Change the decision"),
            ("in_review", "forwarded"),
            "reversed",
            MANAGE,
            comment_required=True,
            after=_reopen_case,
        ),
        Transition(
            "forward",
            _("Send to the appeal body"),
            ("in_review",),
            "forwarded",
            MANAGE,
            comment_required=True,
        ),
        Transition(
            "uphold",
            _("The appeal body upholds the decision"),
            ("forwarded",),
            "upheld",
            MANAGE,
            comment_required=True,
        ),
        Transition(
            "dismiss",
            _("Dismiss the appeal"),
            ("received", "in_review"),
            "dismissed",
            MANAGE,
            comment_required=True,
        ),
    ),
)
