"""Final reports, their due dates, the reminders before every deadline and the list of
what is overdue."""

from __future__ import annotations

import datetime

from pyramid.request import Request
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import now
from norec_grants import notices, payments
from norec_grants.i18n import _
from norec_grants.models import Application, Call

REPORT_AFTER = datetime.timedelta(days=60)  # the report is due two months after the end
REMIND_BEFORE = datetime.timedelta(days=7)
MORE_INFO_WAIT = datetime.timedelta(days=30)


def report_due(application: Application) -> datetime.date | None:
    """Two months after the last participant comes home, or after the last planned year."""
    if application.participants:
        return max(p.ends_on for p in application.participants) + REPORT_AFTER
    if application.exchanges:
        return datetime.date(max(e.year for e in application.exchanges), 12, 31) + REPORT_AFTER
    return None


def report_missing(request: Request, application: Application):
    """The guard of handing in the report: it has to be written first."""
    report = application.report
    if report is None or not report.results.strip() or not report.knowledge_transfer.strip():
        return _("Write the final report first: results and how the knowledge is used at home.")
    return None


def remind(request: Request) -> None:
    """Daily: a week before a call closes, the contacts of its drafts; a week before a
    final report is due, the contacts of the grant. Each reminder goes once."""
    moment = now()
    drafts = request.dbsession.scalars(
        select(Application)
        .join(Call)
        .where(
            Application.state == "draft",
            Application.deadline_reminded_at.is_(None),
            Call.closes_at > moment,
            Call.closes_at <= moment + REMIND_BEFORE,
        )
        .options(selectinload(Application.call))
    ).all()
    for application in drafts:
        notices.tell_contacts(
            request,
            application,
            "grants.reminder",
            _("The call closes soon: «${title}»", mapping={"title": application.title}),
            _(
                "The call «${call}» closes ${date}. Your application «${title}» is still "
                "a draft: finish it, ask your partners to confirm it and submit it before "
                "the deadline.",
                mapping={
                    "call": application.call.title,
                    "date": application.call.closes_at,
                    "title": application.title,
                },
            ),
        )
        application.deadline_reminded_at = moment
    running = request.dbsession.scalars(
        select(Application).where(
            Application.state == "in_progress", Application.report_reminded_at.is_(None)
        )
    ).all()
    for application in running:
        due = report_due(application)
        if due is None or not moment.date() <= due <= (moment + REMIND_BEFORE).date():
            continue
        notices.tell_contacts(
            request,
            application,
            "grants.report",
            _("The final report is due: «${title}»", mapping={"title": application.title}),
            _(
                "The final report on «${title}» is due ${date}: the results, how the "
                "knowledge is used at home, and the costs.",
                mapping={"title": application.title, "date": due},
            ),
            url=request.route_url("grants.report", id=application.id),
        )
        application.report_reminded_at = moment


def overdue(request: Request, today: datetime.date | None = None) -> list[tuple]:
    """What waits too long: final reports past due, questions unanswered for a month,
    instalments whose milestone is reached but not paid. (application, what, since).
    Worked out once per request: the front page's task list and its panel both ask."""
    if today is None and "grants.overdue" in request.environ:
        return request.environ["grants.overdue"]
    found = _overdue(request, today or now().date())
    if today is None:
        request.environ["grants.overdue"] = found
    return found


def _overdue(request: Request, today: datetime.date) -> list[tuple]:
    found = []
    cases = request.dbsession.scalars(
        select(Application)
        .where(Application.state.in_(("in_progress", "more_info", "agreement", "final_report")))
        .options(
            selectinload(Application.participants),
            selectinload(Application.exchanges),
            selectinload(Application.instalments),
        )
    ).all()
    for application in cases:
        if application.state == "in_progress":
            due = report_due(application)
            if due is not None and due < today:
                found.append((application, _("Final report overdue"), due))
        if application.state == "more_info":
            since = application.updated_at.date()
            if since + MORE_INFO_WAIT < today:
                found.append((application, _("Question unanswered for a month"), since))
        for instalment in application.instalments:
            if instalment.paid_at is None and payments.reached(
                application, instalment.milestone, today
            ):
                found.append(
                    (
                        application,
                        _(
                            "Instalment to pay: ${milestone}",
                            mapping={"milestone": payments.MILESTONE_TITLES[instalment.milestone]},
                        ),
                        None,
                    )
                )
    return sorted(found, key=lambda item: (item[2] or today, item[0].id))
