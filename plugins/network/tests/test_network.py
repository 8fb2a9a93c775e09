"""The network plugin's page, kinds and demo data."""

from norec_core import load_core_demo
from norec_network import hooks


def test_navigation_and_overview(testapp):
    assert testapp.get("/").html.find("nav").find("a", href="/network/").text == "Norec Network"
    assert "Coming gatherings and webinars" in testapp.get("/network/").text


def test_kinds_are_registered(app):
    kinds = app.registry["norec.activity_kinds"]
    assert kinds["gathering"].title == "Network gathering"
    assert kinds["webinar"].title == "Webinar"


def test_demo_gatherings(db_session, testapp):
    load_core_demo(db_session)
    hooks.norec_demo_data(db_session)
    db_session.flush()
    page = testapp.get("/network/")
    earlier = page.html.find("h2", string="Earlier gatherings").find_parent("section").text
    assert "Norec Network gathering in Nairobi" in earlier
    assert "Norec Network gathering in Nepal" in earlier
    assert "Webinar: using your exchange experience" in page.text
