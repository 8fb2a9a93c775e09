"""The grants plugin's page, kinds and demo data, through the core's test fixtures."""

import datetime

import pytest

from norec_core import Organisation, Partnership, load_core_demo
from norec_grants import hooks


@pytest.fixture
def running_partnership(db_session):
    today = datetime.date.today()
    partnership = Partnership(
        title="Running exchange",
        direction="north-south",
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=10),
        organisations=[
            Organisation(name="A", country="NO", kind="ngo"),
            Organisation(name="B", country="TZ", kind="ngo"),
        ],
    )
    db_session.add(partnership)
    db_session.flush()
    return partnership


def test_navigation_and_overview(testapp, running_partnership):
    assert testapp.get("/").html.find("nav").find("a", href="/grants/").text == "Grants"
    overview = testapp.get("/grants/")
    assert "Partnerships in exchange now" in overview.text
    assert "Running exchange" in overview.text


def test_course_kinds_are_registered(app):
    kinds = app.registry["norec.activity_kinds"]
    assert kinds["pre_departure_course"].title == "Pre-departure course"
    assert "homecoming_course" in kinds


def test_demo_course_with_a_registration(db_session, testapp):
    load_core_demo(db_session)
    hooks.norec_demo_data(db_session)
    db_session.flush()
    assert "Pre-departure course for exchange participants" in testapp.get("/grants/").text
