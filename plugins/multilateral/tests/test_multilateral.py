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


def test_demo_posts_candidates_and_applications(db_session, client, make_user):
    from sqlalchemy import func, select

    from norec_multilateral.models import Candidacy, MultilateralPost

    load_core_demo(db_session)
    hooks.norec_demo_data(db_session)
    db_session.flush()
    posts = client().get("/multilateral/posts").text
    assert "Programme Analyst, Climate Resilience" in posts and "UNICEF" in posts
    assert "Governance Specialist" not in posts  # its deadline has passed
    eligible = set(db_session.scalars(select(Candidacy.eligible)))
    assert eligible == {True, False}  # some fall short of a rule
    from norec_multilateral.workflow import STATE_TITLES

    assert set(db_session.scalars(select(Candidacy.state))) == set(STATE_TITLES)
    assert db_session.scalar(select(func.count()).select_from(MultilateralPost)) == 7
    adviser = client(make_user("demo-jpo@example.org", roles=["recruitment_adviser"]).email)
    post = db_session.scalars(select(MultilateralPost).order_by(MultilateralPost.id)).first()
    page = adviser.get(f"/multilateral/posts/{post.id}/applications")
    assert page.html.find("tbody") is not None
