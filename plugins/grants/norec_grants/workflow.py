"""The life of an application, from draft to closed case (Plone-style states: who may
do what depends on where the case is)."""

from __future__ import annotations

from norec_core import State, Transition, Workflow, now
from norec_grants import closing, decisions, payments, rules, screening
from norec_grants.decisions import approvable, decision_recorded
from norec_grants.i18n import _
from norec_grants.models import Application
from norec_grants.permissions import EDIT, MANAGE, PARTICIPANTS, READ, REPORT, WITHDRAW

OPEN_CASE = ("submitted", "screening", "more_info", "in_assessment")
DECIDED = ("approved", "approved_changes", "rejected")


def _submittable(request, application):
    found = rules.problems(request, application)
    return found[0] if found else None


def _submitted(request, application, entry):
    application.submitted_at = now()


STATES = (
    State("draft", _("Draft")),
    State("submitted", _("Submitted")),
    State("screening", _("Screening")),
    State("more_info", _("More information requested")),
    State("in_assessment", _("In assessment")),
    State("approved", _("Approved")),
    State("approved_changes", _("Approved with changes")),
    State("rejected", _("Rejected")),
    State("agreement", _("Agreement")),
    State("in_progress", _("In progress")),
    State("final_report", _("Final report")),
    State("closed", _("Closed")),
    State("withdrawn", _("Withdrawn")),
)

TRANSITIONS = (
    Transition(
        "submit", _("Submit"), ("draft",), "submitted", EDIT, _submittable, after=_submitted
    ),
    Transition("screen", _("Start screening"), ("submitted",), "screening", MANAGE),
    Transition(
        "request_info",
        _("Ask the applicant for more information"),
        ("screening", "in_assessment"),
        "more_info",
        MANAGE,
        comment_required=True,
    ),
    Transition("answer", _("Answer and send back"), ("more_info",), "submitted", EDIT, None, True),
    Transition(
        "assess",
        _("Send to assessment"),
        ("screening",),
        "in_assessment",
        MANAGE,
        screening.screened,
    ),
    Transition("approve", _("Approve"), ("in_assessment",), "approved", MANAGE, approvable, True),
    Transition(
        "approve_changes",
        _("Approve with changes"),
        ("in_assessment",),
        "approved_changes",
        MANAGE,
        approvable,
        True,
    ),
    Transition(
        "reject",
        _("Reject"),
        ("screening", "in_assessment"),
        "rejected",
        MANAGE,
        decision_recorded,
        True,
    ),
    Transition(
        "sign",
        _("Agreement signed"),
        ("approved", "approved_changes"),
        "agreement",
        MANAGE,
        after=payments.plan_on_signing,
    ),
    Transition("start", _("Exchanges started"), ("agreement",), "in_progress", MANAGE),
    Transition(
        "report",
        _("Hand in the final report"),
        ("in_progress",),
        "final_report",
        REPORT,
        closing.report_refused,
    ),
    Transition(
        "return_report",
        _("Return the report for changes"),
        ("final_report",),
        "in_progress",
        MANAGE,
        comment_required=True,
    ),
    Transition(
        "close",
        _("Approve the report and close"),
        ("final_report",),
        "closed",
        MANAGE,
        closing.close_refused,
    ),
    Transition(
        "reopen",
        _("Assess again, as the appeal decided"),
        DECIDED,
        "in_assessment",
        MANAGE,
        decisions.appeal_reversed,
        comment_required=True,
        after=decisions.supersede,
    ),
    Transition(
        "withdraw", _("Withdraw the application"), ("draft", *OPEN_CASE), "withdrawn", WITHDRAW
    ),
)

# The applicant changes the plan while it is theirs to change; the case is Norec's once
# submitted, and the applicant hands in the final report only while the exchanges run.
APPLICANT_ONLY = frozenset({"applicant"})
GRANTED = ("approved", "approved_changes", "agreement", "in_progress")
NOBODY: frozenset[str] = frozenset()
PERMISSIONS = {
    state.name: {
        EDIT: APPLICANT_ONLY if state.name in ("draft", "more_info") else NOBODY,
        WITHDRAW: APPLICANT_ONLY if state.name in ("draft", *OPEN_CASE) else NOBODY,
        REPORT: APPLICANT_ONLY if state.name == "in_progress" else NOBODY,
        # Participants are registered once the grant is given, until the exchanges end.
        PARTICIPANTS: frozenset({"applicant", "caseworker"}) if state.name in GRANTED else NOBODY,
    }
    for state in STATES
}

APPLICATION_WORKFLOW = Workflow(
    read_permission=READ,
    name="grants.application",
    model=Application,
    initial="draft",
    states=STATES,
    transitions=TRANSITIONS,
    permissions=PERMISSIONS,
)

# Each state's title by its name, for lists, filters and exports.
STATE_TITLES = {state.name: state.title for state in STATES}
