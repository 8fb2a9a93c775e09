"""A candidate is told of their application at each step, in their own language: its
receipt, the screening with the reason, the interview and shortlist, and the outcome;
when a post is filled, the one selected and every other candidate still open on it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from norec_core.testing import USER_PASSWORD
from norec_multilateral.models import Candidacy

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")


def text(message) -> str:
    return message.get_body(("plain",)).get_content()


def test_an_application_is_received_with_its_deadline(
    client, make_post, make_person, make_user, db_session, mail
):
    post = make_post(title="Child Protection Officer")
    person = make_person(country="KE", email="amina@example.org")
    make_user(person.email, person=person)
    browser = client(person.email, USER_PASSWORD)
    form = browser.get(f"/multilateral/posts/{post.id}/apply").forms["apply"]
    form["motivation"] = "Ten years of child protection work in Kenya."
    form.submit("submit")

    [receipt] = mail.messages
    assert receipt["To"] == "amina@example.org"
    assert receipt["Subject"] == "Received: your application for Child Protection Officer"
    candidacy = db_session.scalars(select(Candidacy)).one()
    assert f"http://localhost/multilateral/applications/{candidacy.id}" in text(receipt)


def test_screened_out_with_the_reason_in_the_candidates_language(
    recruiter, make_post, make_candidacy, mail
):
    candidacy = make_candidacy(make_post(), country="NO", correspondence_language="nb")
    recruiter.take_step(candidacy, "screen_out", "Engelsk på nivå C1 kreves; du oppgir B2.")

    [message] = mail.messages
    assert message["Subject"] == "Søknaden din på Health Officer"
    assert "Engelsk på nivå C1 kreves; du oppgir B2." in text(message)


def test_the_longlist_invites_to_an_interview(recruiter, make_post, make_candidacy, mail):
    candidacy = make_candidacy(make_post(), state="eligible", country="SE")
    recruiter.take_step(candidacy, "longlist")
    [message] = mail.messages
    assert "invited to an interview" in text(message)


def test_when_the_post_is_filled_every_candidate_still_open_is_told(
    recruiter, make_post, make_candidacy, db_session, mail
):
    post = make_post()
    chosen = make_candidacy(post, state="nominated", country="NO", email="ingrid@example.no")
    others = [
        make_candidacy(post, state=state, country="DK", email=f"{state}@example.dk")
        for state in ("nominated", "shortlisted", "submitted")
    ]
    done = make_candidacy(post, state="withdrawn", country="DK", email="gone@example.dk")
    elsewhere = make_candidacy(make_post(), state="nominated", email="other@example.org")

    recruiter.take_step(chosen, "select")

    told = {m["To"]: text(m) for m in mail.messages}
    assert set(told) == {"ingrid@example.no", *(o.candidate.person.email for o in others)}
    assert "has selected you" in told["ingrid@example.no"]
    assert all(
        "is filled, and you were not selected" in told[o.candidate.person.email] for o in others
    )
    for candidacy in others:
        db_session.refresh(candidacy)
        assert candidacy.state == "not_selected"
    db_session.refresh(done)
    db_session.refresh(elsewhere)
    assert (done.state, elsewhere.state) == ("withdrawn", "nominated")
