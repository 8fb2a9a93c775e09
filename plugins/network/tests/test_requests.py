"""Those no wave reached ask to join; an adviser finds them in the register and invites
them at the address they gave, or answers why not. And an address the receiving server
refuses is counted as bounced, and not reminded."""

from __future__ import annotations

import datetime
import re

import pytest
from sqlalchemy import select

from norec_core import now
from norec_core.testing import run_due
from norec_network import waves
from norec_network.models import Alumnus, Invitation, JoinRequest, PastExchange, Wave

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")


def _ask(client, status=None, **changes):
    visitor = client()
    form = visitor.get("/network/request").forms["join-request"]
    values = {
        "given_name": "Asha",
        "family_name": "Mwangi",
        "email": "asha.new@example.org",
        "country": "KE",
        "exchange_year": "2004",
        "sending": "Kenyatta National Hospital",
        "message": "My address changed when I moved.",
    } | changes
    for key, value in values.items():
        form[key] = value
    return form.submit(status=status)


def _adviser(client, make_user):
    return client(make_user("requests@example.org", roles=["network_adviser"]).email)


def test_a_request_is_confirmed_matched_and_invited(
    client, make_user, make_person, db_session, mail
):
    old = make_person(
        given_name="Asha", family_name="Mwangi", email="asha.old@example.org", country="KE"
    )
    alumnus = Alumnus(
        person=old, exchanges=[PastExchange(year=2004, sending="KNH", receiving="Haukeland")]
    )
    db_session.add(alumnus)
    db_session.flush()
    page = _ask(client).follow()
    assert "an adviser will answer you" in page.text
    assert mail.messages[-1]["To"] == "asha.new@example.org"
    assert mail.messages[-1]["Subject"] == "We have your request to join Norec Network"
    _ask(client, message="Second try")  # the same address: one request, not two
    assert db_session.scalars(select(JoinRequest)).one().message == "Second try"

    adviser = _adviser(client, make_user)
    assert "Requests to join the network" in adviser.get("/").text  # a task on the front page
    page = adviser.get("/network/requests").click("Asha Mwangi")
    assert "asha.old@example.org" in page.text  # the register's Asha, suggested
    form = page.forms["answer"]
    form["alumnus"] = str(alumnus.id)
    form.submit("invite").follow()
    db_session.expire_all()
    assert old.email == "asha.new@example.org"
    invitation = db_session.scalars(select(Invitation)).one()
    assert invitation.email == "asha.new@example.org" and invitation.sent_at is not None
    body = mail.messages[-1].get_body(("plain",)).get_content()
    assert mail.messages[-1]["To"] == "asha.new@example.org"
    assert re.search(r"http://localhost/act/\S+", body)
    assert db_session.scalars(select(JoinRequest)).one().status == "invited"
    assert "Requests to join the network" not in adviser.get("/").text


def test_someone_not_in_the_register_is_added_or_answered(client, make_user, db_session, mail):
    _ask(client)
    _ask(client, given_name="Bo", family_name="Unknown", email="bo@example.org")
    adviser = _adviser(client, make_user)
    asha, bo = db_session.scalars(select(JoinRequest).order_by(JoinRequest.id)).all()
    form = adviser.get(f"/network/requests/{asha.id}").forms["answer"]
    form["alumnus"] = "new"
    form.submit("invite")
    added = db_session.scalars(select(Alumnus)).one()
    assert added.source == "request" and added.person.email == "asha.new@example.org"
    assert [(e.year, e.sending) for e in added.exchanges] == [(2004, "Kenyatta National Hospital")]

    form = adviser.get(f"/network/requests/{bo.id}").forms["answer"]
    page = form.submit("decline", status=422)  # no answer written
    assert "Write the answer to send." in page.text
    form = page.forms["answer"]
    form["answer"] = "No exchange under this name in 1995–2010."
    form.submit("decline")
    assert mail.messages[-1]["To"] == "bo@example.org"
    assert "No exchange under this name" in mail.messages[-1].get_body(("plain",)).get_content()


def test_a_choice_that_names_no_one_in_the_register_is_refused(client, make_user, db_session):
    """Beyond the database's integer range, or no number at all, the choice failed."""
    _ask(client)
    adviser = _adviser(client, make_user)
    found = db_session.scalars(select(JoinRequest)).one()
    for choice in ("3000000000", "99999999999999999999", "abc", "²", "999999"):
        form = adviser.get(f"/network/requests/{found.id}").forms["answer"]
        form["alumnus"].force_value(choice)
        page = form.submit("invite", status=422)
        assert "Choose someone in the register." in page.text, choice
    assert db_session.scalars(select(Invitation)).all() == []


def test_the_public_form_keeps_what_was_typed(client):
    page = _ask(client, status=422, email="not an address", exchange_year="1850")
    assert page.forms["join-request"]["family_name"].value == "Mwangi"
    assert (
        "This is not an e-mail address." in page.text
        and "less than minimum value 1963" in page.text
    )


def test_a_refused_address_is_bounced_and_not_reminded(
    app, client, make_user, make_person, db_session, mail
):
    for name in ("good", "gone"):
        person = make_person(email=f"{name}@example.org", country="UG")
        db_session.add(Alumnus(person=person))
    db_session.flush()
    mail.unknown.add("gone@example.org")
    adviser = _adviser(client, make_user)
    form = adviser.get("/network/waves").forms["wave"]
    form["countries"] = ["UG"]
    form.submit("send")
    wave = db_session.scalars(select(Wave)).one()
    page = adviser.get(f"/network/waves/{wave.id}")
    assert "address refused" in page.text
    assert waves.statistics(db_session, wave)["bounced"] == 1
    for invitation in wave.invitations:
        invitation.sent_at = now() - datetime.timedelta(days=15)
    db_session.flush()
    mail.clear()
    run_due(app.registry, datetime.datetime(2030, 3, 1, 6, 30, tzinfo=datetime.UTC))
    assert [m["To"] for m in mail.messages] == ["good@example.org"]
