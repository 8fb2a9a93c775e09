"""GDPR: a person downloads everything held on them; an administrator erases a person
everywhere, and the audit trail keeps that it happened without keeping the data."""

import json

import pytest
from sqlalchemy import select

from norec_core.accounts.models import User
from norec_core.accounts.users import save_user
from norec_core.audit.models import AuditEvent
from norec_core.domain.models import ConsentRecord, Person, Registration
from norec_notes.models import Note

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")


def _member_with_data(db_session, make_person, make_activity):
    person = make_person(given_name="Asha", family_name="Rai", consent_newsletter=True)
    person.languages = ["ne", "en"]
    user = save_user(db_session, "asha@example.org", "asha-password")
    user.person_id = person.id
    activity = make_activity(title="Norec Network gathering, Kathmandu")
    db_session.add_all(
        [
            Registration(activity=activity, person=person, status="confirmed"),
            Note(person=person, text="Speaks at the gathering"),
        ]
    )
    db_session.flush()
    return person, user


def test_a_person_downloads_all_data_held_on_them(testapp, db_session, make_person, make_activity):
    person, _user = _member_with_data(db_session, make_person, make_activity)
    other = make_person(given_name="Other")
    testapp.login("asha@example.org", "asha-password")
    assert "Download all data" in testapp.get("/account").text
    response = testapp.get(f"/people/{person.id}/export.json")
    assert response.content_type == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.text)
    core = data["core"]
    assert core["person"]["given_name"] == "Asha"
    assert core["person"]["languages"] == ["en", "ne"]
    assert core["account"]["email"] == "asha@example.org"
    assert "password_hash" not in json.dumps(data)
    assert core["registrations"][0]["activity"] == "Norec Network gathering, Kathmandu"
    assert {c["kind"] for c in core["consent_records"]} == {"contact", "newsletter", "directory"}
    assert core["changes"][0]["action"] == "create"
    # From the plugin, through its export hook.
    assert data["notes"] == {"notes": ["Speaks at the gathering"]}
    # Only one's own.
    testapp.get(f"/people/{other.id}/export.json", status=403)
    assert db_session.scalar(select(AuditEvent).where(AuditEvent.action == "export"))


def test_an_administrator_erases_a_person_everywhere(
    admin_app, db_session, make_person, make_activity
):
    person, user = _member_with_data(db_session, make_person, make_activity)
    person_id, user_id = person.id, user.id
    kept = make_person(given_name="Kept")
    # Something the person did, for the trail.
    kept.given_name = "Kept and changed"
    db_session.info["actor"] = (user_id, "asha@example.org")
    db_session.flush()
    db_session.info.pop("actor")

    form = admin_app.get(f"/people/{person_id}/erase").forms["erase"]
    form["reason"] = "Asked for erasure by e-mail, case 2026/123"
    page = form.submit("submit", status=422)  # not confirmed
    assert "Tick the box" in page.text
    assert page.forms["erase"]["reason"].value == "Asked for erasure by e-mail, case 2026/123"
    form = page.forms["erase"]
    form["confirm"] = True
    form.submit("submit").follow()

    db_session.expire_all()
    assert db_session.get(Person, person_id) is None
    assert db_session.get(User, user_id) is None
    for model, column in (
        (Registration, Registration.person_id),
        (ConsentRecord, ConsentRecord.person_id),
        (Note, Note.person_id),
    ):
        assert db_session.scalars(select(model).where(column == person_id)).all() == []
    trail = db_session.scalars(
        select(AuditEvent)
        .where(AuditEvent.resource_type == "person", AuditEvent.resource_id == person_id)
        .order_by(AuditEvent.id)
    ).all()
    assert (trail[0].action, trail[-1].action) == ("create", "erase")
    assert trail[-1].comment == "Asked for erasure by e-mail, case 2026/123"
    assert trail[-1].actor == "admin@test.example.org"
    text = json.dumps([e.changes for e in trail] + [e.actor for e in trail])
    assert "Asha" not in text and "asha@example.org" not in text
    by_them = db_session.scalar(
        select(AuditEvent).where(
            AuditEvent.resource_type == "person",
            AuditEvent.resource_id == kept.id,
            AuditEvent.action == "update",
        )
    )
    assert by_them.actor == f"erased user {user_id}"
    # Others are untouched.
    db_session.refresh(kept)
    assert kept.given_name == "Kept and changed"


def test_a_plugin_keeps_its_own_consent_and_erases_a_person_through_every_plugin(
    app_request, db_session, make_person, make_activity
):
    from norec_core import erase_person, record_consent

    person, _user = _member_with_data(db_session, make_person, make_activity)
    record_consent(db_session, person, "notes:pool", True, "Keep me for two years", "2026-11")
    kinds = db_session.scalars(
        select(ConsentRecord.kind).where(ConsentRecord.person_id == person.id)
    ).all()
    assert "notes:pool" in kinds
    erase_person(app_request, person, "retention ended")
    assert db_session.get(Person, person.id) is None
    assert db_session.scalars(select(Note)).all() == []  # the plugin's erase hook ran
    assert db_session.scalars(select(ConsentRecord)).all() == []
