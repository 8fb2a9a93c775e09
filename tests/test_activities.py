"""Activities and registrations, with the waiting list once the seats are taken."""

import datetime
import re

from sqlalchemy import select

from norec_core import clock
from norec_core.domain import registrations
from norec_core.domain.models import Activity, Registration
from norec_core.testing import USER_PASSWORD


def test_create_activity(admin_app, make_organisation, db_session):
    organiser = make_organisation(name="Norec")
    form = admin_app.get("/activities/new").forms["norec-form"]
    form["title"] = "Network gathering"
    form["kind"] = "course"
    assert form["timezone"].value == "Europe/Oslo"  # the site's, unless the venue differs
    form["timezone"] = "Africa/Nairobi"
    form["starts_at"] = "2030-05-23T09:00"
    form["ends_at"] = "2030-05-25T16:00"
    form["place"] = "Nairobi"
    form["capacity"] = "2"
    form["organisation_id"] = str(organiser.id)
    page = form.submit("submit").follow()
    assert "Network gathering" in page.text and "0 of 2 taken" in page.text
    activity = db_session.scalars(select(Activity)).one()
    # 09:00 in Nairobi is 06:00 UTC; the pages and the form show the venue's time.
    assert activity.starts_at == datetime.datetime(2030, 5, 23, 6, 0, tzinfo=datetime.UTC)
    # The locale's long date and short time, with the zone's abbreviation.
    assert re.search(r"May 23, 2030 9:00\s?AM EAT", page.text)
    edit = admin_app.get(f"/activities/{activity.id}/edit").forms["norec-form"]
    assert edit["starts_at"].value == "2030-05-23T09:00"  # as datetime-local reads it
    assert activity.organisation_id == organiser.id


def test_activity_rules(admin_app):
    form = admin_app.get("/activities/new").forms["norec-form"]
    form["title"] = "Webinar"
    form["kind"].force_value("no-such-kind")
    assert form["timezone"].value == "Europe/Oslo"  # the site's, unless the venue differs
    form["timezone"] = "Africa/Nairobi"
    form["starts_at"] = "2030-05-23T09:00"
    form["ends_at"] = "2030-05-22T09:00"
    form["capacity"] = "-1"
    response = form.submit("submit", status=422)
    html = response.html
    for name in ("kind", "capacity"):
        assert html.find(attrs={"name": name})["aria-invalid"] == "true", name
    form = response.forms["norec-form"]
    assert form["title"].value == "Webinar" and form["starts_at"].value == "2030-05-23T09:00"
    form["kind"] = "meeting"
    form["capacity"] = ""
    response = form.submit("submit", status=422)
    assert "must end after it starts" in response.text
    assert "Give a place, an online link, or both." in response.text


def test_activities_list_upcoming_and_past(testapp, make_activity):
    now = datetime.datetime.now()
    make_activity(title="Next gathering")
    make_activity(
        title="Old gathering",
        starts_at=now - datetime.timedelta(days=400),
        ends_at=now - datetime.timedelta(days=399),
    )
    upcoming = testapp.get("/activities").text
    assert "Next gathering" in upcoming and "Old gathering" not in upcoming
    past = testapp.get("/activities", {"when": "past"}).text
    assert "Old gathering" in past and "Next gathering" not in past
    assert "Next gathering" in testapp.get("/").text


def test_waiting_list_and_promotion(db_session, make_activity, make_person):
    activity = make_activity(capacity=2)
    people = [make_person() for _ in range(4)]
    statuses = [registrations.register(db_session, activity, p).status for p in people]
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    first = db_session.scalars(select(Registration).where(Registration.person == people[0])).one()
    promoted = registrations.cancel_registration(db_session, first)
    assert promoted.person is people[2] and promoted.status == "confirmed"
    assert registrations.confirmed_count(db_session, activity) == 2
    waiting = db_session.scalars(select(Registration).where(Registration.person == people[3])).one()
    assert registrations.cancel_registration(db_session, waiting) is None


def test_register_twice_is_refused(db_session, make_activity, make_person):
    activity, person = make_activity(), make_person()
    registrations.register(db_session, activity, person)
    try:
        registrations.register(db_session, activity, person)
    except registrations.AlreadyRegistered:
        pass
    else:
        raise AssertionError("a second registration was accepted")


def test_register_and_cancel_through_pages(admin_app, make_activity, make_person):
    activity = make_activity(title="Pre-departure course", capacity=1)
    first, second = make_person(given_name="Ingrid"), make_person(given_name="Priya")
    for person in (first, second):
        form = admin_app.get(f"/people/{person.id}").forms["register"]
        form["activity_id"] = str(activity.id)
        page = form.submit("submit").follow()
    assert "The activity is full: put on the waiting list." in page.text
    page = admin_app.get(f"/activities/{activity.id}")
    assert "1 of 1 taken" in page.text and "on the waiting list" in page.text
    page = page.forms[_cancel_form_index(page)].submit().follow()
    assert f"{second.full_name} moved from the waiting list to a confirmed seat." in page.text


def _cancel_form_index(page):
    return next(i for i, f in page.forms.items() if "/cancel" in (f.action or ""))


def test_registration_list_is_personal_data(testapp, make_activity, make_person, db_session):
    activity, person = make_activity(), make_person(given_name="Secret", family_name="Person")
    registrations.register(db_session, activity, person)
    page = testapp.get(f"/activities/{activity.id}")
    assert "Secret Person" not in page.text and "1 registered" in page.text


def test_register_for_unknown_activity_is_rejected(admin_app, make_person):
    person = make_person()
    response = admin_app.post(
        f"/people/{person.id}/registrations",
        {"__formid__": "register", "csrf_token": admin_app.csrf_token(), "activity_id": "9999"},
        status=422,
    )
    assert response.html.find("select", {"name": "activity_id"})["aria-invalid"] == "true"


def test_a_member_cancelling_a_seat_is_not_told_who_got_it(
    testapp, db_session, make_activity, make_person, make_user
):
    activity = make_activity(capacity=1)
    member = make_user()
    member.person = make_person()
    waiting = make_person(given_name="Wanjiru", family_name="Kamau")
    mine = registrations.register(db_session, activity, member.person)
    registrations.register(db_session, activity, waiting)
    db_session.flush()
    testapp.login(member.email, USER_PASSWORD)
    page = testapp.post(
        f"/registrations/{mine.id}/cancel", {"csrf_token": testapp.csrf_token()}
    ).follow()
    assert "The seat went to the first on the waiting list." in page.text
    assert "Kamau" not in page.text


def test_attendance_is_recorded_for_each_confirmed_seat(
    admin_app, db_session, make_activity, make_person
):
    activity = make_activity(capacity=1)
    came, waited = make_person(), make_person()
    seat = registrations.register(db_session, activity, came)
    registrations.register(db_session, activity, waited)
    _begun(activity, db_session)
    page = admin_app.get(f"/activities/{activity.id}")
    form = page.forms["attendance-form"]
    assert page.html.find("label", attrs={"for": f"attendance-{seat.id}"}).text.startswith(
        "Attendance of"
    )
    form[f"attendance-{seat.id}"] = "attended"
    form.submit().follow()
    db_session.refresh(seat)
    assert seat.attendance == "attended"
    token = admin_app.csrf_token()
    url = f"/activities/{activity.id}/attendance"
    admin_app.post(url, {"csrf_token": token, f"attendance-{seat.id}": "asleep"}, status=400)


def _begun(activity, db_session):
    """Move the activity to this morning: it has begun, and attendance can be recorded."""
    activity.starts_at = clock.now().replace(microsecond=0) - datetime.timedelta(hours=1)
    activity.ends_at = activity.starts_at + datetime.timedelta(hours=2)
    db_session.flush()


def test_attendance_and_certificates_only_once_the_activity_has_begun(
    admin_app, db_session, make_activity, make_person
):
    activity = make_activity(title="Homecoming seminar")  # in a month
    seat = registrations.register(db_session, activity, make_person())
    page = admin_app.get(f"/activities/{activity.id}")
    assert "attendance-form" not in page.forms
    assert "Attendance is recorded once the activity has begun" in page.text
    url = f"/activities/{activity.id}/attendance"
    token = admin_app.csrf_token()
    page = admin_app.post(url, {"csrf_token": token, f"attendance-{seat.id}": "attended"})
    assert "Attendance is recorded once the activity has begun" in page.follow().text
    db_session.refresh(seat)
    assert seat.attendance is None
    # Recorded ahead of time some other way, it still gives no certificate.
    seat.attendance = "attended"
    db_session.flush()
    admin_app.get(f"/registrations/{seat.id}/certificate.pdf", status=404)
    _begun(activity, db_session)
    assert admin_app.get(f"/registrations/{seat.id}/certificate.pdf").content_type == (
        "application/pdf"
    )


def test_activities_are_a_calendar_feed_anyone_can_subscribe_to(testapp, db_session, make_activity):
    import icalendar

    nairobi = make_activity(
        title="Gathering",
        kind="course",
        country="KE",
        timezone="Africa/Nairobi",
        starts_at=datetime.datetime(2030, 5, 23, 6, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2030, 5, 23, 14, 0, tzinfo=datetime.UTC),
        place="Nairobi",
    )
    make_activity(title="Elsewhere", kind="meeting", country="NO")
    response = testapp.get("/activities.ics", {"kind": "course", "country": "ke"})
    assert response.content_type == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.body)  # parsed back, as clients do
    # Named as a person reads it, not with the codes of the query.
    assert str(calendar["x-wr-calname"]) == "Norec – Course – Kenya"
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Gathering"
    assert str(event["uid"]) == f"activity-{nairobi.id}@localhost"
    start = event.decoded("dtstart")
    assert (start.hour, str(start.tzinfo)) == (9, "Africa/Nairobi")
    assert event.decoded("dtend") - start == datetime.timedelta(hours=8)
    assert str(event["url"]) == f"http://localhost/activities/{nairobi.id}"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Africa/Nairobi"]
    everything = icalendar.Calendar.from_ical(testapp.get("/activities.ics").body)
    assert {"Gathering", "Elsewhere"} <= {str(e["summary"]) for e in everything.walk("VEVENT")}
    both = testapp.get("/activities.ics?kind=course&kind=meeting")
    summaries = {str(e["summary"]) for e in icalendar.Calendar.from_ical(both.body).walk("VEVENT")}
    assert {"Gathering", "Elsewhere"} <= summaries


def test_an_attendance_certificate_is_a_tagged_pdf_in_the_participant_s_language(
    testapp, db_session, make_activity, make_person, make_user
):
    import io

    import pypdf

    activity = make_activity(title="Leadership course", place="Bergen")
    person = make_person(given_name="Bjørn", family_name="Ås", correspondence_language="nn")
    seat = registrations.register(db_session, activity, person)
    owner = make_user(person=person)
    testapp.login(owner.email, USER_PASSWORD)
    testapp.get(f"/registrations/{seat.id}/certificate.pdf", status=404)  # not attended yet
    _begun(activity, db_session)
    seat.attendance = "attended"
    db_session.flush()
    page = testapp.get(f"/people/{person.id}")
    response = page.click(href="certificate.pdf")
    assert response.content_type == "application/pdf"
    pdf = pypdf.PdfReader(io.BytesIO(response.body))
    text = pdf.pages[0].extract_text()
    assert "Bjørn Ås" in text and "Leadership course" in text and "Bergen" in text
    assert "Stadfesting" in text or "deltaking" in text.lower()  # in nynorsk
    assert pdf.metadata.title
    assert "/StructTreeRoot" in pdf.trailer["/Root"]  # tagged for screen readers


def test_a_person_registers_themselves_and_waits_for_a_freed_seat(
    client, make_user, make_person, make_activity
):
    activity = make_activity(title="Small workshop", capacity=1)
    first = client(make_user(person=make_person(given_name="First")).email)
    second = client(make_user(person=make_person(given_name="Second")).email)
    page = first.get(f"/activities/{activity.id}")
    page = next(f for f in page.forms.values() if f.action.endswith("/register")).submit().follow()
    assert "Registered: the seat is confirmed." in page.text
    page = second.get(f"/activities/{activity.id}")
    page = next(f for f in page.forms.values() if f.action.endswith("/register")).submit().follow()
    assert "The activity is full: put on the waiting list." in page.text
    assert (
        "on the waiting list"
        in page.html.find("section", attrs={"aria-labelledby": "mine-heading"}).text
    )
    # The first cancels; the second has the seat.
    page = first.get(f"/activities/{activity.id}")
    next(f for f in page.forms.values() if f.action.endswith("/cancel")).submit()
    mine = second.get(f"/activities/{activity.id}").html.find(
        "section", attrs={"aria-labelledby": "mine-heading"}
    )
    assert "confirmed" in mine.text
    # Someone without a person record has no button, and is refused.
    nobody = client(make_user().email)
    assert "/register" not in nobody.get(f"/activities/{activity.id}").text


def test_a_meetings_link_is_for_those_with_a_seat(
    client, make_user, make_person, make_activity, db_session
):
    """The link of an online activity lets anyone in: the page gives it to those with a
    seat and those who run the activity, and the public feed says only "Online"."""
    import icalendar

    link = "https://meet.example.org/norec-webinar-7f3a"
    webinar = make_activity(title="Webinar", place=None, online_url=link, capacity=1)
    seated, waiting = make_person(), make_person()
    for person in (seated, waiting):
        make_user(person.email, person=person)
        registrations.register(db_session, webinar, person)
    editor = make_user("editor@example.org", roles=["admin"])
    url = f"/activities/{webinar.id}"
    assert link not in client().get(url).text
    assert link not in client(waiting.email).get(url).text  # on the waiting list
    assert "The link is given to those with a seat." in client(waiting.email).get(url).text
    assert link in client(seated.email).get(url).text
    assert link in client(editor.email).get(url).text
    feed = client().get("/activities.ics").body
    assert link.encode() not in feed
    [event] = [
        e for e in icalendar.Calendar.from_ical(feed).walk("VEVENT") if e["summary"] == "Webinar"
    ]
    assert str(event["location"]) == "Online"
