"""Who is told what in a grant case: the contact persons of every partner, each in their
own language (their organisation's country decides where they chose none), the assessor
assigned, and the caseworker who asked the applicant a question."""

from __future__ import annotations

from pyramid.request import Request

from norec_core import NoticeKind, User, holders_of, notify, workflow_history
from norec_grants.assessment import handlers
from norec_grants.i18n import _
from norec_grants.models import Appeal, Application

KINDS = [
    NoticeKind(
        "grants.receipt",
        _("Application received"),
        _("A receipt when an application of your partnership is submitted or answered."),
    ),
    NoticeKind(
        "grants.reminder",
        _("Before a call closes"),
        _("A reminder a week before the call of your draft application closes."),
    ),
    NoticeKind(
        "grants.more_info",
        _("More information asked for"),
        _("The caseworker needs more from you before the case can go on."),
        required=True,
    ),
    NoticeKind(
        "grants.answered",
        _("An applicant answered"),
        _("For caseworkers: the applicant answered what you asked."),
    ),
    NoticeKind(
        "grants.assigned",
        _("An application to assess"),
        _("For assessors: you are asked to assess an application."),
    ),
    NoticeKind(
        "grants.conflict",
        _("An assessor declared a conflict"),
        _("For caseworkers: an assessor of your case cannot assess it; assign another."),
    ),
    NoticeKind("grants.decision", _("Decision on an application"), required=True),
    NoticeKind("grants.appeal", _("An appeal and its outcome"), required=True),
    NoticeKind(
        "grants.agreement",
        _("Grant agreement and payments"),
        _("The agreement is signed, an instalment is paid."),
    ),
    NoticeKind(
        "grants.report",
        _("The final report"),
        _("When the report is due, returned for changes or approved."),
        required=True,
    ),
]


def tell_contacts(request: Request, application: Application, kind: str, subject, body, **kw):
    """Tell each contact person of each partner once, in their language."""
    url = kw.pop("url", None) or request.route_url("grants.application", id=application.id)
    told: set[int] = set()
    for organisation in application.partnership.organisations:
        for user in holders_of(request.dbsession, organisation, "contact"):
            if user.id in told:
                continue
            told.add(user.id)
            notify(request, kind, user, subject, body, url=url, country=organisation.country, **kw)


def _title(application: Application) -> dict:
    return {"title": application.title}


def step_taken(request: Request, obj, entry) -> None:
    """Tell whom a step of an application or an appeal concerns (`norec_transition_done`)."""
    if isinstance(obj, Appeal):
        _appeal_step(request, obj, entry)
    elif isinstance(obj, Application) and entry.transition in STEPS:
        STEPS[entry.transition](request, obj, entry)


def _submitted(request, application, entry):
    tell_contacts(
        request,
        application,
        "grants.receipt",
        _("Received: the application «${title}»", mapping=_title(application)),
        _(
            "We have received the application «${title}» from your partnership, reference "
            "${reference}. A caseworker will screen it; you are told at each step, and you "
            "can follow the case on its page.",
            mapping={**_title(application), "reference": application.id},
        ),
    )


def _more_info(request, application, entry):
    tell_contacts(
        request,
        application,
        "grants.more_info",
        _("More information is needed: «${title}»", mapping=_title(application)),
        _(
            "The caseworker needs more information on the application «${title}» before "
            "the case can go on:\n\n${question}\n\nAnswer on the application's page and "
            "send it back.",
            mapping={**_title(application), "question": entry.comment},
        ),
    )


def _answered(request, application, entry):
    history = workflow_history(request, application)  # newest first
    asked = next((h for h in history if h.transition == "request_info"), None)
    caseworker = asked and asked.actor_id and request.dbsession.get(User, asked.actor_id)
    if caseworker:
        notify(
            request,
            "grants.answered",
            caseworker,
            _("Answered: «${title}»", mapping=_title(application)),
            _(
                "The applicant has answered what you asked about «${title}», and the case is "
                "back in the queue.",
                mapping=_title(application),
            ),
            url=request.route_url("grants.application", id=application.id),
        )
    _submitted(request, application, entry)


def _signed(request, application, entry):
    tell_contacts(
        request,
        application,
        "grants.agreement",
        _("The grant agreement is signed: «${title}»", mapping=_title(application)),
        _(
            "The agreement on «${title}» is signed. The grant is paid in instalments as "
            "the exchanges reach their milestones; register the participants on the "
            "case's page.",
            mapping=_title(application),
        ),
        url=request.route_url("grants.money", id=application.id),
    )


def _report_returned(request, application, entry):
    tell_contacts(
        request,
        application,
        "grants.report",
        _("The final report is returned: «${title}»", mapping=_title(application)),
        _(
            "The caseworker returned the final report on «${title}» for changes:\n\n"
            "${comment}\n\nChange it and hand it in again.",
            mapping={**_title(application), "comment": entry.comment},
        ),
        url=request.route_url("grants.report", id=application.id),
    )


def _closed(request, application, entry):
    tell_contacts(
        request,
        application,
        "grants.report",
        _("The final report is approved: «${title}»", mapping=_title(application)),
        _(
            "The final report on «${title}» is approved and the case is closed. Thank you "
            "for the exchanges.",
            mapping=_title(application),
        ),
    )


STEPS = {
    "submit": _submitted,
    "answer": _answered,
    "request_info": _more_info,
    "sign": _signed,
    "return_report": _report_returned,
    "close": _closed,
}

APPEAL_STEPS = {
    "review": _("${agency} has begun to review your appeal."),
    "forward": _(
        "${agency} has not changed its decision and has sent your appeal to the appeal body, "
        "which will decide on it:\n\n${comment}"
    ),
    "reverse": _(
        "Your appeal is upheld: the decision is changed, and the application is assessed "
        "again.\n\n${comment}"
    ),
    "uphold": _("The appeal body has upheld the decision:\n\n${comment}"),
    "dismiss": _("Your appeal is dismissed:\n\n${comment}"),
}


def appeal_received(request: Request, appeal: Appeal) -> None:
    application = appeal.application
    tell_contacts(
        request,
        application,
        "grants.appeal",
        _("Received: your appeal on «${title}»", mapping=_title(application)),
        _(
            "We have received your appeal of the decision on «${title}». ${agency} reviews it "
            "first and may change the decision; otherwise the appeal body decides.",
            mapping=_title(application),
        ),
        url=request.route_url("grants.appeal_case", id=appeal.id),
    )


def _appeal_step(request, appeal, entry):
    if entry.transition not in APPEAL_STEPS:
        return
    application = appeal.application
    text = APPEAL_STEPS[entry.transition]
    tell_contacts(
        request,
        application,
        "grants.appeal",
        _("Your appeal on «${title}»", mapping=_title(application)),
        _(text, mapping={"comment": entry.comment}),
        url=request.route_url("grants.appeal_case", id=appeal.id),
    )


def assigned(request: Request, application: Application, user) -> None:
    notify(
        request,
        "grants.assigned",
        user,
        _("Please assess «${title}»", mapping=_title(application)),
        _(
            "You are asked to assess the application «${title}». Declare first whether you "
            "have a conflict of interest; then score it on the criteria of its call.",
            mapping=_title(application),
        ),
        url=request.route_url("grants.application", id=application.id),
    )


def instalment_paid(request: Request, application: Application, instalment) -> None:
    currency = application.call.scheme.currency
    tell_contacts(
        request,
        application,
        "grants.agreement",
        _("An instalment is paid: «${title}»", mapping=_title(application)),
        _(
            "Instalment ${number} of the grant for «${title}» is paid: ${amount}.",
            mapping={
                **_title(application),
                "number": instalment.position + 1,
                "amount": lambda layout: layout.money(instalment.amount, currency),
            },
        ),
        url=request.route_url("grants.money", id=application.id),
    )


def conflict_declared(request: Request, application: Application, assignment) -> None:
    """Tell the caseworkers who handle the case that an assessor stands aside."""
    for user_id in sorted(handlers(request, application)):
        notify(
            request,
            "grants.conflict",
            request.dbsession.get(User, user_id),
            _("An assessor stands aside: «${title}»", mapping=_title(application)),
            _(
                "${who} declared a conflict of interest with «${title}» and does not assess "
                "it:\n\n${note}\n\nAssign another assessor.",
                mapping={
                    **_title(application),
                    "who": assignment.user.email,
                    "note": assignment.conflict_note,
                },
            ),
            url=request.route_url("grants.application", id=application.id),
        )


def instalment_cancelled(request: Request, application: Application, instalment) -> None:
    tell_contacts(
        request,
        application,
        "grants.agreement",
        _("An instalment is cancelled: «${title}»", mapping=_title(application)),
        _(
            "Instalment ${number} of the grant for «${title}» will not be paid:\n\n${reason}",
            mapping={
                **_title(application),
                "number": instalment.position + 1,
                "reason": instalment.cancel_reason,
            },
        ),
        url=request.route_url("grants.money", id=application.id),
    )
