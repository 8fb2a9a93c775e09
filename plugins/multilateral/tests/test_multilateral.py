"""The multilateral plugin's page, kind and demo data."""

from norec_core import load_core_demo
from norec_multilateral import hooks


def test_navigation_and_overview(testapp):
    link = testapp.get("/").html.find("nav").find("a", href="/multilateral/")
    assert link.text == "UN careers"
    assert "Careers in the UN and the development banks" in testapp.get("/multilateral/").text


def test_kind_is_registered(app):
    assert app.registry["norec.activity_kinds"]["information_meeting"].title == (
        "Information meeting"
    )


def test_demo_meeting_and_organisations(db_session, testapp):
    load_core_demo(db_session)
    hooks.norec_demo_data(db_session)
    db_session.flush()
    page = testapp.get("/multilateral/").text
    assert "Digital meeting for Norwegians in UN organisations" in page
    assert "United Nations Volunteers (UNV)" in page
    assert "Haukeland" not in page  # only international organisations are listed
