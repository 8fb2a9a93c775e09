"""What each user is asked to do now in the grants, for their own page and the core's
task list (the `norec_tasks` hook): as a contact person, finish drafts, answer Norec's
questions and write final reports; as an assessor, assess."""

from __future__ import annotations

import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import SITE_TIMEZONE, Organisation, Partnership, Task, locally_held
from norec_grants import reports
from norec_grants.i18n import _
from norec_grants.models import Application, Assignment, Decision


def asked_of(request) -> list[Task]:
    """What the user is asked to do now: as a contact person, finish drafts, answer
    Norec's questions and write final reports; as an assessor, assess."""
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
    return tasks
