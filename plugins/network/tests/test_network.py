"""The network plugin's page, kinds and demo data."""

import pytest

from norec_core import load_core_demo
from norec_network import hooks


def test_navigation_and_overview(testapp):
    assert testapp.get("/").html.find("nav").find("a", href="/network/").text == "Norec Network"
    assert "Coming activities" in testapp.get("/network/").text


def test_kinds_are_registered(app):
    kinds = app.registry["norec.activity_kinds"]
    assert {k: str(kinds[k].title) for k in ("gathering", "digital", "webinar", "elearning")} == {
        "gathering": "Physical gathering",
        "digital": "Digital gathering",
        "webinar": "Webinar",
        "elearning": "E-learning course",
    }


def test_activities_by_country_with_calendar_feeds(testapp, make_activity):
    import icalendar

    make_activity(title="Arusha gathering", kind="gathering", country="TZ")
    make_activity(title="Webinar on careers", kind="webinar", country=None)
    make_activity(title="Board meeting", kind="meeting", country="TZ")  # not the network's
    page = testapp.get("/network/activities")
    assert "Arusha gathering" in page.text and "Board meeting" not in page.text
    page = testapp.get("/network/activities", {"country": "TZ"})
    assert "Arusha gathering" in page.text and "Webinar on careers" not in page.text
    feed_url = page.html.find("a", string="these activities as a calendar feed (iCalendar)")["href"]
    assert feed_url.startswith("http://localhost/activities.ics?kind=gathering&kind=digital")
    assert feed_url.endswith("&country=TZ")
    calendar = icalendar.Calendar.from_ical(testapp.get(feed_url).body)
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Arusha gathering"]
    everything = testapp.get(
        testapp.get("/network/").html.find("a", string="calendar feed (iCalendar)")["href"]
    )
    summaries = {
        str(e["summary"]) for e in icalendar.Calendar.from_ical(everything.body).walk("VEVENT")
    }
    assert summaries == {"Arusha gathering", "Webinar on careers"}


# The demo loads on PostgreSQL in the core's test_demo; what it holds is the same.
@pytest.mark.norec_backends("sqlite")
def test_demo_gatherings(db_session, testapp):
    load_core_demo(db_session)
    hooks.norec_demo_data(db_session)
    db_session.flush()
    page = testapp.get("/network/")
    assert "Webinar: using your exchange experience" in page.text
    page = testapp.get("/network/activities")
    earlier = page.html.find("h2", string="Earlier activities").find_parent("section").text
    assert "Norec Network gathering in Nairobi" in earlier
    assert "Norec Network gathering in Nepal" in earlier
    months = page.html.find("h2", string="Activities per month").find_parent("section")
    assert len(months.find_all("tr", class_="table-warning")) == 2  # the months missed


# The demo loads on PostgreSQL in the core's test_demo; what it holds is the same.
@pytest.mark.norec_backends("sqlite")
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


def test_demo_members_directory_and_mentoring(db_session, client, app_request):
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
    kenya = wanjiru.get("/network/countries/KE")
    assert "Meeting up in Nairobi after the gathering" in kenya.text
    thread = kenya.click("Meeting up in Nairobi after the gathering")
    assert "Hidden by a moderator: Advertising" in thread.text
    assert "Cheap loans" not in thread.text
    from norec_core import Person, list_members
    from norec_network.models import Newsletter

    assert {n.status for n in db_session.scalars(select(Newsletter))} == {"sent", "draft"}
    readers = (
        select(func.count())
        .select_from(Person)
        .where(list_members(app_request, "network.newsletter"))
    )
    assert db_session.scalar(readers) >= 30
