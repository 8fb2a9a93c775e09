"""Participants of an approved grant: checked against the scheme, their courses followed,
their completed exchanges announced to every plugin through the core."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from sqlalchemy import select

from norec_core import Activity, Person, hookimpl, import_history, now, person_fact, register
from norec_grants import participants as rules
from norec_grants.models import COURSE_KINDS, Participant
from norec_grants.workflow import APPLICATION_WORKFLOW

STEPS = ("submit", "screen", "assess", "approve", "sign", "start")


@pytest.fixture
def running(application, db_session):
    import_history(
        db_session,
        application,
        APPLICATION_WORKFLOW,
        [(s, application.created_at, "test", "") for s in STEPS],
    )
    return application


def _register(client, application, **values):
    form = client.get(f"/grants/applications/{application.id}/participants").forms["norec-form"]
    for name, value in values.items():
        form[name] = value
    return form.submit("submit", status="*")


def test_the_scheme_checks_age_and_period_at_their_fields(
    client, running, hospitals, contacts, db_session
):
    partnership, bergen, vellore = hospitals
    kari = client(contacts[0].email)
    start = partnership.starts_on + datetime.timedelta(days=40)
    page = _register(
        kari,
        running,
        email="asha@vellore.example.org",
        given_name="Asha",
        family_name="Kumar",
        birth_date=start.replace(year=start.year - 40).isoformat(),  # too old
        sending_id=str(vellore.id),
        receiving_id=str(bergen.id),
        starts_on=start.isoformat(),
        ends_on=(start + datetime.timedelta(days=30)).isoformat(),  # too short
    )
    assert page.status_int == 422
    assert (
        "The participant is 40 when the exchange starts; the scheme is for 18 to 35." in page.text
    )
    assert "The exchange lasts 1 month; the scheme funds 3 to 12." in page.text
    form = page.forms["norec-form"]
    assert form["given_name"].value == "Asha"  # nothing typed is lost
    form["birth_date"] = start.replace(year=start.year - 26).isoformat()
    form["ends_on"] = (start + datetime.timedelta(days=181)).isoformat()
    page = form.submit("submit").follow()
    assert "The participant is registered." in page.text
    person = db_session.scalars(
        select(Person).where(Person.email == "asha@vellore.example.org")
    ).one()
    (participant,) = running.participants
    assert participant.person == person and person.birth_date is not None


def test_an_existing_person_is_registered_not_copied(
    client, running, hospitals, contacts, make_person, db_session
):
    partnership, bergen, vellore = hospitals
    priya = make_person(email="priya.r@example.org", given_name="Priya", family_name="Raman")
    start = partnership.starts_on + datetime.timedelta(days=10)
    _register(
        client(contacts[1].email),
        running,
        email="priya.r@example.org",
        given_name="P",
        family_name="R",
        role="leader",
        sending_id=str(vellore.id),
        receiving_id=str(bergen.id),
        starts_on=start.isoformat(),
        ends_on=(start + datetime.timedelta(days=14)).isoformat(),  # a leader's short visit
    ).follow()
    (participant,) = running.participants
    assert participant.person == priya and participant.role == "leader"
    assert priya.given_name == "Priya"


def test_no_participants_before_the_grant(client, application, contacts):
    page = client(contacts[0].email).get(f"/grants/applications/{application.id}/participants")
    assert page.forms.get("norec-form") is None


def _participant(
    db_session, application, hospitals, make_person, starts_on, ends_on, role="participant"
):
    _partnership, bergen, vellore = hospitals
    found = Participant(
        person=make_person(birth_date=datetime.date(2000, 1, 1)),
        role=role,
        sending=bergen,
        receiving=vellore,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    application.participants.append(found)
    db_session.flush()
    return found


def test_courses_missing_before_departure_are_flagged(
    app_request, running, hospitals, make_person, make_activity, db_session
):
    today = now().date()
    soon = _participant(
        db_session,
        running,
        hospitals,
        make_person,
        today + datetime.timedelta(days=10),
        today + datetime.timedelta(days=200),
    )
    later = _participant(
        db_session,
        running,
        hospitals,
        make_person,
        today + datetime.timedelta(days=90),
        today + datetime.timedelta(days=280),
    )
    back = _participant(
        db_session,
        running,
        hospitals,
        make_person,
        today - datetime.timedelta(days=200),
        today - datetime.timedelta(days=5),
    )
    leader = _participant(
        db_session,
        running,
        hospitals,
        make_person,
        today + datetime.timedelta(days=5),
        today + datetime.timedelta(days=20),
        role="leader",
    )
    course = make_activity(kind="pre_departure_course", capacity=30)
    past = make_activity(
        kind="pre_departure_course",
        starts_at=now() - datetime.timedelta(days=300),
        ends_at=now() - datetime.timedelta(days=296),
    )
    register(db_session, course, later.person)
    registration = register(db_session, past, back.person)
    registration.attendance = "attended"
    db_session.flush()
    found = rules.courses(app_request, [soon, later, back, leader])
    summary = {
        name: [(c.kind, c.status, c.flagged) for c in found[p.id]]
        for name, p in (("soon", soon), ("later", later), ("back", back), ("leader", leader))
    }
    assert summary == {
        "soon": [
            ("pre_departure_course", "missing", True),
            ("homecoming_course", "missing", False),
        ],
        "later": [
            ("pre_departure_course", "registered", False),
            ("homecoming_course", "missing", False),
        ],
        "back": [
            ("pre_departure_course", "attended", False),
            ("homecoming_course", "missing", True),
        ],
        "leader": [("leaders_course", "missing", True)],
    }
    assert isinstance(course, Activity)


class Listener:
    """Another plugin, as the core sees it: it reacts to the event, imports nothing."""

    def __init__(self):
        self.exchanges = []

    @hookimpl
    def norec_exchange_completed(self, request, exchange):
        # What it reads, while the request that announced it is still open.
        self.exchanges.append((exchange.person.id, exchange.country, exchange.partnership.id))


def test_a_completed_exchange_is_announced_and_becomes_a_fact(
    app, app_request, client, make_user, running, hospitals, make_person, db_session
):
    today = now().date()
    went = _participant(
        db_session,
        running,
        hospitals,
        make_person,
        today - datetime.timedelta(days=200),
        today - datetime.timedelta(days=1),
    )
    # Both courses let off (test_closing has the form): the exchange may be completed.
    went.waived = {k: "Attended the course of another agency." for k in COURSE_KINDS[:2]}
    away = _participant(
        db_session,
        running,
        hospitals,
        make_person,
        today - datetime.timedelta(days=20),
        today + datetime.timedelta(days=200),
    )
    listener = Listener()
    app.registry["norec.pm"].register(listener)
    try:
        norec = client(make_user("cw@norec.example.org", roles=["caseworker"]).email)
        page = norec.get(f"/grants/applications/{running.id}/participants")
        forms = [f for f in page.forms.values() if f.action.endswith("/complete")]
        assert [f["participant"].value for f in forms] == [str(went.id)]  # only who is back
        forms[0].submit().follow()
        token = norec.csrf_token()
        page = norec.post(
            f"/grants/applications/{running.id}/participants/complete",
            {"csrf_token": token, "participant": str(away.id)},
        ).follow()
        assert "Only an exchange that has ended can be marked completed." in page.text
    finally:
        app.registry["norec.pm"].unregister(listener)
    assert listener.exchanges == [(went.person_id, "IN", running.partnership_id)]
    completed = db_session.scalars(
        select(Person.id).where(person_fact(app_request, "grants.completed_exchange"))
    ).all()
    assert completed == [went.person_id]
    this_year = person_fact(app_request, "grants.completed_exchange", year=went.ends_on.year)
    assert db_session.scalars(select(Person.id).where(this_year)).all() == [went.person_id]


def test_the_list_exports_with_the_courses(
    client, make_user, running, hospitals, make_person, db_session
):
    today = now().date()
    _participant(
        db_session,
        running,
        hospitals,
        make_person,
        today + datetime.timedelta(days=10),
        today + datetime.timedelta(days=200),
    )
    norec = client(make_user("cw2@norec.example.org", roles=["caseworker"]).email)
    response = norec.get(f"/grants/applications/{running.id}/participants", {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["Name", "E-mail", "Role"]
    assert "Pre-departure course: missing" in rows[1][7]


def test_personal_data_export_erase_and_merge(app, db_session, running, hospitals, make_person):
    today = now().date()
    one = _participant(
        db_session, running, hospitals, make_person, today, today + datetime.timedelta(days=100)
    )
    pm = app.registry["norec.pm"]
    exported = [
        r for r in pm.hook.norec_person_export(dbsession=db_session, person=one.person) if r
    ]
    assert exported[0]["exchanges"][0]["to"] == "Vellore"
    other = make_person()
    pm.hook.norec_people_merged(dbsession=db_session, kept=other, merged=one.person)
    db_session.expire_all()
    assert running.participants[0].person_id == other.id
    pm.hook.norec_person_erase(dbsession=db_session, person=other)
    db_session.expire_all()
    assert running.participants == []
