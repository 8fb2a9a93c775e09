"""The research plugin's page, kind and demo data."""

from norec_core import load_core_demo
from norec_research import hooks


def test_navigation_and_overview(testapp):
    assert testapp.get("/").html.find("nav").find("a", href="/research/").text == "Research"
    assert "Research and knowledge" in testapp.get("/research/").text


def test_kind_is_registered(app):
    assert app.registry["norec.activity_kinds"]["seminar"].title == "Research seminar"


def test_demo_seminar(db_session, testapp):
    load_core_demo(db_session)
    hooks.norec_demo_data(db_session)
    db_session.flush()
    assert "Seminar: what exchanges give partner organisations" in testapp.get("/research/").text
