"""The demonstration is a working agency (hundreds of cases in every state, across
countries) and obeys the rules a real case does: each case's plan fits its partnership, a
case is only as far along as its dates allow, completed exchanges had their courses, and
courses of the kinds that count are on the calendar."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from norec_core import Activity, Organisation, Partnership, Registration, load_core_demo, now
from norec_grants import closing, hooks, participants, rules, screening
from norec_grants.models import Application, Call
from norec_grants.workflow import APPLICATION_WORKFLOW


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


# One test for all that is read of the demo: loading it is most of the cost. It loads on
# PostgreSQL in the core's form fuzzer; what it holds is the same.
@pytest.mark.norec_backends("sqlite")
def test_the_demo_is_a_working_agency_whose_cases_follow_the_rules(
    db_session, app_request, testapp
):
    load_core_demo(db_session)
    hooks.norec_demo_data(db_session)
    db_session.flush()
    states = dict(
        db_session.execute(
            select(Application.state, func.count()).group_by(Application.state)
        ).all()
    )
    assert set(states) == {s.name for s in APPLICATION_WORKFLOW.states}
    assert sum(states.values()) >= 200
    countries = db_session.scalar(
        select(func.count(func.distinct(Organisation.country))).where(
            Organisation.partnerships.any(Partnership.id.in_(select(Application.partnership_id)))
        )
    )
    assert countries >= 25
    nurses = db_session.scalars(
        select(Application).join(Partnership).where(Partnership.title.like("Nurse exchange%"))
    ).all()
    exchanges = {a.state: a.title for a in nurses if a.call.scheme.name == "North–South exchange"}
    assert set(exchanges) == {"in_progress"}  # the open call's is theirs to write
    assert all(t.endswith("exchange of nurses") for t in exchanges.values())
    overview = testapp.get("/grants/")
    assert "Pre-departure course for exchange participants" in overview.text
    assert db_session.scalar(select(func.count()).select_from(Call)) >= 7

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
