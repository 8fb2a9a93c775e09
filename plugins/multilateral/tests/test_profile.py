"""The rest of the Personal History form: references and the CV, which the candidate and
the advisers read and nobody else; and everything the plugin holds on a person in the
export, and gone after erasure."""

from __future__ import annotations

import datetime

from sqlalchemy import select

from norec_core import Organisation
from norec_core.testing import pdf_file
from norec_multilateral.models import (
    Alert,
    Candidate,
    NetworkMember,
    Placement,
    PoolEntry,
    Reference,
)

PDF = pdf_file()


def _candidate(client, make_user, make_person):
    person = make_person()
    make_user(person.email, person=person)
    return client(person.email)


def test_references_and_the_cv_are_kept_and_read_only_by_whom_they_concern(
    client, recruiter, make_user, make_person, db_session
):
    browser = _candidate(client, make_user, make_person)
    page = browser.get("/multilateral/profile")
    form = page.forms["reference"]
    form["name"], form["relation"], form["email"] = "Ola Nordmann", "Supervisor", "not-mail"
    page = form.submit("submit", status=422)
    assert page.forms["reference"]["name"].value == "Ola Nordmann"
    form = page.forms["reference"]
    form["email"] = "ola@example.org"
    form.submit("submit").follow()
    assert [r.name for r in db_session.scalars(select(Reference))] == ["Ola Nordmann"]
    page = browser.get("/multilateral/profile")
    form = page.forms["cv"]
    form["upload"] = ("cv.exe", b"MZ\x90\x00 not a cv")
    page = form.submit("submit", status=422)
    assert "No CV uploaded yet." in page.html.find("section", id="cv").text  # nothing stored
    form = page.forms["cv"]
    form["upload"] = ("cv.pdf", PDF)
    page = form.submit("submit").follow()
    link = page.html.find("section", id="cv").find("a")["href"]
    assert browser.get(link).body == PDF
    assert recruiter.get(link).body == PDF
    stranger = client(make_user("stranger@example.org", person=make_person()).email)
    assert stranger.get(link, expect_errors=True).status_int in (403, 404)


def test_everything_held_is_exported_and_erased(
    admin_app, make_person, make_post, make_candidacy, db_session
):
    post = make_post()
    candidacy = make_candidacy(post, "not_selected", email="held@example.org")
    person = candidacy.candidate.person
    candidacy.candidate.references = [Reference(name="Ola", relation="Supervisor")]
    undp = Organisation(name="UNDP", country="US", kind="international")
    db_session.add_all(
        [
            PoolEntry(candidate_id=candidacy.candidate_id, status="active", proposed_by="x"),
            Alert(person_id=person.id, field="health"),
            Placement(
                person=person,
                programme="jpo",
                organisation=undp,
                title="JPO",
                started_on=datetime.date(2024, 1, 1),
            ),
            NetworkMember(
                given_name="Held",
                family_name="Person",
                email="held@example.org",
                person_id=person.id,
                position="Analyst",
                duty_station="Rome",
                contract="jpo",
                status="member",
            ),
        ]
    )
    db_session.flush()
    data = admin_app.get(f"/people/{person.id}/export.json").json["multilateral"]
    assert data["candidate_profile"]["references"][0]["name"] == "Ola"
    assert data["talent_pool"]["status"] == "active"
    assert data["alerts"][0]["field"] == "health"
    assert data["placements"][0]["organisation"] == "UNDP"
    assert data["network_registrations"][0]["duty_station"] == "Rome"
    form = admin_app.get(f"/people/{person.id}/erase").forms["erase"]
    form["reason"], form["confirm"] = "Asked by e-mail", True
    form.submit("submit").follow()
    db_session.expire_all()
    for model in (Candidate, Reference, PoolEntry, Alert, Placement, NetworkMember):
        assert db_session.scalars(select(model)).first() is None, model
