"""Mentoring: asked by a member, answered within the mentor's capacity, expired when
nobody answers, ended by either side; both sides see it on their page."""

from __future__ import annotations

import datetime

import pytest
from sqlalchemy import select

from norec_core.testing import run_due
from norec_network import profile
from norec_network.models import Mentoring

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")

PUBLIC = dict.fromkeys(profile.FIELDS, "public")


@pytest.fixture
def mentor(make_member):
    return make_member(
        account=True,
        given_name="Grace",
        email="grace@example.org",
        offers=["mentor"],
        mentor_capacity=1,
        visibility=PUBLIC,
    )


def _step_form(page):
    """The form of the (only) relation on a mentoring page."""
    return next(f for f in page.forms.values() if "/network/mentoring/" in (f.action or ""))


def _ask(client, mentee, mentor, text="Help me plan a clinic."):
    browser = client(mentee.person.email)
    form = browser.get(f"/network/members/{mentor.id}").forms["ask"]
    form["message"] = text
    return browser, form.submit()


def test_ask_accept_and_both_sides_see_it(client, make_member, mentor, mail, db_session):
    mentee = make_member(account=True, given_name="Juma")
    browser, response = _ask(client, mentee, mentor)
    page = response.follow()
    assert "Your request is sent." in page.text and "Grace" in page.text
    assert mail.messages[-1]["To"] == "grace@example.org"
    assert "Help me plan a clinic." in mail.messages[-1].get_body(("plain",)).get_content()

    # The mentor's front page asks for an answer, by the day the request expires.
    front = client(mentor.person.email).get("/").html
    task = front.find("a", string="Answer requests for mentoring")
    assert task["href"] == "/network/mentoring"
    assert task.find_parent("li").find(class_="badge").text == "1"
    assert task.find_parent("li").find(class_="task-due") is not None
    own = client(mentor.person.email).get("/network/mentoring")
    assert "Juma" in own.text and "waiting for an answer" in own.text
    own = _step_form(own).submit("accept").follow()
    assert "Done." in own.text and "waiting for an answer" not in own.text
    assert "Answer requests for mentoring" not in client(mentor.person.email).get("/").text
    assert mail.messages[-1]["To"] == mentee.person.email
    assert mail.messages[-1]["Subject"] == "Your mentor has said yes"
    assert "You mentor 1 of the 1 mentees you can take." in own.text

    # Full: the mentor's page offers no form, and a request is refused with the reason.
    other = make_member(account=True)
    page = client(other.person.email).get(f"/network/members/{mentor.id}")
    assert "as many mentees as they can take" in page.text and "ask" not in page.forms
    relation = db_session.scalars(select(Mentoring)).one()
    assert relation.status == "accepted"

    # Either side ends it; the other is told.
    page = _step_form(browser.get("/network/mentoring")).submit("end").follow()
    assert "ended" in page.text
    assert mail.messages[-1]["To"] == "grace@example.org"


def test_a_request_twice_and_to_oneself_are_refused(client, make_member, mentor):
    mentee = make_member(account=True)
    browser, _ = _ask(client, mentee, mentor)
    # Requests do not take places, acceptances do: the form is still there, but a
    # second request to the same mentor is refused, with the reason.
    form = browser.get(f"/network/members/{mentor.id}").forms["ask"]
    form["message"] = "Again"
    page = form.submit().follow()
    assert "You have already asked this mentor" in page.text
    own = client(mentor.person.email).get(f"/network/members/{mentor.id}")
    assert "ask" not in own.forms


def test_an_empty_request_keeps_the_page_and_says_why(client, make_member, mentor):
    mentee = make_member(account=True)
    browser = client(mentee.person.email)
    form = browser.get(f"/network/members/{mentor.id}").forms["ask"]
    page = form.submit(status=422)
    assert "Required" in page.text and "Grace" in page.text


def test_unanswered_requests_expire_and_the_mentee_is_told(
    app, client, make_member, mentor, mail, db_session
):
    mentee = make_member(account=True)
    _ask(client, mentee, mentor)
    relation = db_session.scalars(select(Mentoring)).one()
    relation.expires_at = relation.created_at - datetime.timedelta(minutes=1)
    db_session.flush()
    mail.clear()
    run_due(app.registry, datetime.datetime(2030, 3, 1, 6, 40, tzinfo=datetime.UTC))
    db_session.expire_all()
    assert relation.status == "expired"
    assert [m["To"] for m in mail.messages] == [mentee.person.email]
    # The place is free again.
    assert "ask" in client(mentee.person.email).get(f"/network/members/{mentor.id}").forms


def test_only_the_mentor_answers_and_the_mentee_may_withdraw(client, make_member, mentor):
    mentee = make_member(account=True)
    browser, _ = _ask(client, mentee, mentor)
    page = browser.get("/network/mentoring")
    assert 'name="accept"' not in page.text
    relation_form = _step_form(page)
    browser.post(
        relation_form.action,
        {"csrf_token": relation_form["csrf_token"].value, "accept": "1"},
        status=403,
    )
    page = relation_form.submit("withdraw").follow()
    assert "withdrawn" in page.text


def test_a_third_member_cannot_answer_or_end_someone_elses_mentoring(
    client, make_member, mentor, db_session
):
    mentee, stranger = make_member(account=True), make_member(account=True)
    _browser, _ = _ask(client, mentee, mentor)
    relation = db_session.scalars(select(Mentoring)).one()
    outsider = client(stranger.person.email)
    token = outsider.csrf_token()
    for step in ("accept", "decline", "withdraw", "end"):
        response = outsider.post(
            f"/network/mentoring/{relation.id}",
            {"csrf_token": token, step: "1"},
            expect_errors=True,
        )
        assert response.status_int in (403, 404), (step, response.status_int)
    db_session.refresh(relation)
    assert relation.status == "requested"
    assert "Help me plan a clinic." not in outsider.get("/network/mentoring").text
