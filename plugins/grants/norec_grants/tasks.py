"""What each user is asked to do now in the grants, for their own page and the core's
task list (the `norec_tasks` hook): as a contact person, finish drafts, answer the
agency's questions and write final reports; as an assessor, assess; as a caseworker, take
each case on at the step that waits for the agency, and follow up what is overdue."""

from __future__ import annotations

import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from norec_core import SITE_TIMEZONE, Organisation, Partnership, Task, locally_held
from norec_grants import reports
from norec_grants.i18n import _
from norec_grants.models import Appeal, Application, Assignment, Decision
from norec_grants.permissions import MANAGE

# The steps at which a case waits for the agency, in the order it takes them.
WAITING_FOR_CASEWORKER = {
    "submitted": _("Start screening new applications"),
    "screening": _("Finish screening applications"),
    "in_assessment": _("Decide applications in assessment"),
    "approved": _("Record signed agreements"),
    "approved_changes": _("Record signed agreements for approvals with changes"),
    "agreement": _("Record that exchanges have started"),
    "final_report": _("Approve final reports"),
}
OPEN_APPEAL = ("received", "in_review")
# What `reports.overdue` finds (by its message), and where a caseworker takes it on.
OVERDUE_TASKS = {
    "Final report overdue": (_("Follow up overdue final reports"), "grants.application"),
    "Question unanswered for a month": (
        _("Follow up questions unanswered for a month"),
        "grants.application",
    ),
    "Instalment to pay: ${milestone}": (_("Pay instalments now due"), "grants.money"),
}


def asked_of(request) -> list[Task]:
    """What the user is asked to do now: as a contact person, finish drafts, answer
    the agency's questions and write final reports; as an assessor, assess; as a
    caseworker, what `for_caseworker` says."""
    if request.identity is None:
        return []
    mine = request.dbsession.scalars(
        select(Application)
        .where(
            Application.state.in_(("draft", "more_info", "in_progress")),
            Application.partnership.has(
                Partnership.organisations.any(locally_held(request, Organisation, "contact"))
            ),
        )
        .options(
            selectinload(Application.call),
            selectinload(Application.participants),
            selectinload(Application.exchanges),
        )
    ).all()
    tasks = []
    for application in mine:
        mapping = {"title": application.title}
        if application.state == "draft":
            title, route = _("Finish and submit ${title}", mapping=mapping), "grants.application"
            due = application.call.closes_at
        elif application.state == "more_info":
            title = _("Answer ${agency}'s question about ${title}", mapping=mapping)
            route, due = "grants.application", None
        else:
            title, route = _("Write the final report on ${title}", mapping=mapping), "grants.report"
            day = reports.report_due(application)
            due = datetime.datetime.combine(day, datetime.time(12), SITE_TIMEZONE) if day else None
        tasks.append(Task(title, request.route_path(route, id=application.id), due=due))
    assessing = request.dbsession.scalars(
        select(Application)
        .join(Assignment)
        .where(
            Assignment.user_id == request.identity.id,
            Assignment.conflict.is_not(True),  # who declared a conflict stands aside
            Application.state.in_(("screening", "in_assessment")),
            ~Application.decisions.any(Decision.superseded_at.is_(None)),
        )
        .options(selectinload(Application.scores), selectinload(Application.call))
    ).all()
    for application in assessing:
        criteria = {c.id for c in application.call.scheme.criteria}
        scored = {s.criterion_id for s in application.scores if s.user_id == request.identity.id}
        if not criteria <= scored:
            tasks.append(
                Task(
                    _("Assess ${title}", mapping={"title": application.title}),
                    request.route_path("grants.score", id=application.id),
                )
            )
    if request.has_permission(MANAGE, request.root):
        tasks += for_caseworker(request)
    return tasks


def for_caseworker(request) -> list[Task]:
    """The cases at each step that waits for the agency (one count per step, in one
    statement), the appeals to handle and what is overdue, each linked to where the
    caseworker takes it on."""
    session = request.dbsession
    counts = dict(
        session.execute(
            select(Application.state, func.count())
            .where(Application.state.in_(WAITING_FOR_CASEWORKER))
            .group_by(Application.state)
        ).all()
    )
    tasks = [
        Task(title, request.route_path("grants.queue", _query={"state": state}), counts[state])
        for state, title in WAITING_FOR_CASEWORKER.items()
        if counts.get(state)
    ]
    appeals, oldest = session.execute(
        select(func.count(), func.min(Appeal.id)).where(Appeal.state.in_(OPEN_APPEAL))
    ).one()
    if appeals:
        tasks.append(
            Task(_("Handle appeals"), request.route_path("grants.appeal_case", id=oldest), appeals)
        )
    # What is overdue, by kind, the oldest first: the front page's panel lists each case.
    late: dict[str, list] = {}
    for application, what, since in reports.overdue(request):
        late.setdefault(str(what), []).append((application, since))
    for msgid, (title, route) in OVERDUE_TASKS.items():
        if cases := late.get(msgid):
            application, since = cases[0]
            due = (
                datetime.datetime.combine(since, datetime.time(12), SITE_TIMEZONE)
                if since
                else None
            )
            tasks.append(Task(title, request.route_path(route, id=application.id), len(cases), due))
    return tasks
