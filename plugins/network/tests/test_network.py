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


def test_demo_register(db_session, client, make_user):
    from sqlalchemy import func, select

    from norec_core import Person
    from norec_network.models import Alumnus

    load_core_demo(db_session)
    hooks.norec_demo_data(db_session)
    db_session.flush()
    alumni = db_session.scalar(select(func.count()).select_from(Alumnus))
    assert alumni >= 300
    countries = db_session.scalar(
        select(func.count(func.distinct(Person.country))).join(
            Alumnus, Alumnus.person_id == Person.id
        )
    )
    assert countries >= 5
    adviser = client(make_user("demo-adviser@network.example.org", roles=["network_adviser"]).email)
    assert (
        f"{alumni} former participants are in the register."
        in adviser.get("/network/register").text
    )


def test_demo_members_directory_and_mentoring(db_session, client):
    from sqlalchemy import func, select

    from norec_network.models import Member, Mentoring

    load_core_demo(db_session)
    hooks.norec_demo_data(db_session)
    db_session.flush()
    assert db_session.scalar(select(func.count()).select_from(Member)) >= 30
    statuses = set(db_session.scalars(select(Mentoring.status)))
    assert statuses == {"requested", "accepted", "declined", "expired", "ended", "withdrawn"}
    wanjiru = client("wanjiru.kamau@example.org", "demo-member")
    page = wanjiru.get("/network/directory", {"offers": "mentor"})
    assert "Narrow the results" in page.text and "Showing 1–" in page.text
    assert "Wanjiru" in wanjiru.get("/network/mentoring").text
    # An anonymous visitor finds only those who show their name to everyone.
    public = client().get("/network/directory")
    assert public.status_int == 200
