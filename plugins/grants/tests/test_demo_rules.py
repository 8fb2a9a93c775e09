"""The demonstration obeys the rules a real case does: each case's plan fits its
partnership, a case is only as far along as its dates allow, completed exchanges had
their courses, and courses of the kinds that count are on the calendar."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from norec_core import Activity, Registration, load_core_demo, now
from norec_grants import closing, hooks, participants, rules, screening
from norec_grants.models import Application


def _broken(app_request, application, today) -> list[str]:
    found = []
    state = application.state
    if state not in ("draft", "withdrawn") and rules.plan(app_request, application):
        found.append("plan outside the partnership or the scheme")
    if state not in ("draft", "withdrawn", "submitted", "screening", "more_info"):
        if screening.unscreened(app_request, application) is not None:
            found.append("sent to assessment without the screening checklist")
    started = [p for p in application.participants if p.starts_on <= today]
    if state == "agreement" and started:
        found.append("participants left before the exchanges started")
    if state in ("final_report", "closed"):
        if closing.report_refused(app_request, application) is not None:
            found.append("report handed in before the exchanges were over")
    if state == "closed" and closing.close_refused(app_request, application) is not None:
        found.append("closed with exchanges or instalments open")
    courses = participants.courses(app_request, application.participants, today)
    for p in application.participants:
        if p.completed_at is not None:
            if p.completed_at.date() <= p.ends_on:
                found.append("completed before coming home")
            if any(c.status not in ("attended", "waived") for c in courses[p.id]):
                found.append("completed without its courses")
    return found


# The demo loads on PostgreSQL in the core's test_demo; what it holds is the same.
@pytest.mark.norec_backends("sqlite")
def test_the_demo_cases_follow_the_rules(db_session, app_request):
    load_core_demo(db_session)
    hooks.norec_demo_data(db_session)
    db_session.flush()
    today = now().date()
    broken = {}
    for application in db_session.scalars(select(Application)).all():
        for problem in _broken(app_request, application, today):
            broken.setdefault(problem, []).append((application.id, application.state))
    assert {k: len(v) for k, v in broken.items()} == {}
    kinds = set(db_session.scalars(select(Activity.kind)).all())
    assert {"pre_departure_course", "homecoming_course"} <= kinds
    early = db_session.scalars(
        select(Registration)
        .join(Activity)
        .where(Registration.attendance.is_not(None), Activity.starts_at > now())
    ).all()
    assert early == []
