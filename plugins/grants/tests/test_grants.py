"""The plugin as a whole: its navigation, its course kinds, its demonstration data, and its
promise to use only the core's public surface."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from norec_core import Organisation, Partnership, load_core_demo
from norec_core.testing import private_core_imports
from norec_grants import hooks
from norec_grants.models import Application, Call
from norec_grants.workflow import APPLICATION_WORKFLOW


def test_only_the_public_surface():
    assert private_core_imports(Path(__file__).parent.parent / "norec_grants") == []


def test_navigation_and_overview(testapp, open_call, closed_call):
    assert testapp.get("/").html.find("nav").find("a", href="/grants/").text == "Grants"
    overview = testapp.get("/grants/")
    open_section = overview.html.find(id="open-heading").parent
    assert open_section.find("a", href=f"/grants/calls/{open_call.id}") is not None
    closed_section = overview.html.find(id="closed-heading").parent
    assert closed_section.find("a", href=f"/grants/calls/{closed_call.id}") is not None


def test_course_kinds_are_registered(app):
    kinds = app.registry["norec.activity_kinds"]
    assert kinds["pre_departure_course"].title == "Pre-departure course"
    assert {"homecoming_course", "leaders_course"} <= set(kinds)


# The demo loads on PostgreSQL in the core's test_demo; what it holds is the same.
@pytest.mark.norec_backends("sqlite")
def test_demo_data_shows_a_working_agency(db_session, testapp):
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
