"""The demo data of the core and of every enabled plugin loads and shows."""

import pytest


@pytest.fixture
def demo(app, db_session):
    app.registry["norec.pm"].hook.norec_demo_data(dbsession=db_session)
    db_session.flush()


@pytest.mark.bundle
def test_demo_pages(demo, admin_app):
    assert "Nurse exchange Bergen–Vellore" in admin_app.get("/partnerships").text
    assert (
        "Mission hospitals exchange Rwanda–Uganda"
        in admin_app.get("/partnerships", {"direction": "south-south"}).text
    )
    past = admin_app.get("/activities", {"when": "past"}).text
    assert (
        "Norec Network gathering in Nairobi" in past and "Norec Network gathering in Nepal" in past
    )
    upcoming = admin_app.get("/activities").text
    assert "Digital meeting for Norwegians in UN organisations" in upcoming
    organisations = admin_app.get("/organisations").text
    for name in ("UNV", "UNOSSC", "GPI", "ForUM"):
        assert name in organisations
    assert "Haugen, Ingrid" in admin_app.get("/people").text
