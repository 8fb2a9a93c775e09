"""Alerts: a candidate's saved search, and the mail (delivered to the SMTP server) when a
matching post is published; never twice for one post, and stopped by its link."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from norec_multilateral import alerts
from norec_multilateral.models import Alert

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")


def _save(browser, **fields):
    page = browser.get("/multilateral/alerts")
    form = next(f for f in page.forms.values() if f.id == "alert")
    for name, value in fields.items():
        form[name] = value
    return form.submit("submit")


def _publish(recruiter, post):
    page = recruiter.get(f"/multilateral/posts/{post.id}/edit")
    form = next(f for f in page.forms.values() if f.id == "post")
    form["published"] = True
    return form.submit("submit").follow()


def test_the_matching_candidates_get_a_mail_when_a_post_is_published(
    client, recruiter, make_user, make_person, make_post, db_session, mail
):
    health = make_person(email="health@example.org")
    make_user(health.email, person=health)
    finance = make_person(email="finance@example.org")
    make_user(finance.email, person=finance)
    _save(client(health.email), programme="jpo", field="Health", duty_station="geneva").follow()
    _save(client(finance.email), field="finance").follow()
    post = make_post(published=False, title="Health Officer, Immunisation")
    page = _publish(recruiter, post)
    assert "1 alerts went to candidates." in page
    assert [m["To"] for m in mail.messages] == ["health@example.org"]
    body = mail.messages[0].get_body(("plain",)).get_content()
    assert f"http://localhost/multilateral/posts/{post.id}" in body
    # Unpublished and published again: no second mail about the same post.
    post.published = False
    db_session.flush()
    _publish(recruiter, post)
    assert len(mail.messages) == 1
    # The link in the mail stops the alert.
    link = re.search(r"http://localhost(/act/\S+)", body)[1]
    client().get(link).forms["action"].submit("submit")
    assert db_session.scalars(select(Alert).where(Alert.person_id == health.id)).all() == []


def test_matching_reads_each_criterion(make_post):
    post = make_post(programme="unv", duty_station="Nairobi", country="KE", field="media")
    assert alerts.matches(Alert(programme="", field="", duty_station=""), post)
    assert alerts.matches(Alert(programme="unv", field="MEDIA", duty_station="ke"), post)
    assert not alerts.matches(Alert(programme="jpo", field="", duty_station=""), post)
    assert not alerts.matches(Alert(programme="", field="", duty_station="Geneva"), post)
    assert not alerts.matches(
        Alert(programme="", organisation_id=-1, field="", duty_station=""), post
    )


def test_a_candidate_sees_and_removes_only_their_own_alerts(
    client, make_user, make_person, db_session
):
    owner = make_person()
    make_user(owner.email, person=owner)
    other = make_person()
    make_user(other.email, person=other)
    _save(client(owner.email), field="water").follow()
    alert = db_session.scalars(select(Alert)).one()
    stranger = client(other.email)
    assert "water" not in stranger.get("/multilateral/alerts")
    token = stranger.get("/multilateral/alerts").forms["alert"]["csrf_token"].value
    stranger.post(f"/multilateral/alerts/{alert.id}/remove", {"csrf_token": token}, status=404)
    page = client(owner.email).get("/multilateral/alerts")
    remove = next(f for f in page.forms.values() if "/remove" in (f.action or ""))
    remove.submit().follow()
    assert db_session.scalars(select(Alert)).all() == []


HUGE = "99999999999999999999"  # beyond a 64-bit integer, let alone PostgreSQL's INTEGER


def test_an_id_no_record_can_have_is_not_found(client, make_user, make_person):
    person = make_person()
    make_user(person.email, person=person)
    browser = client(person.email)
    token = browser.csrf_token()
    for path in (
        f"/multilateral/alerts/{HUGE}/remove",
        f"/multilateral/profile/education/{HUGE}/remove",
    ):
        browser.post(path, {"csrf_token": token}, status=404)
