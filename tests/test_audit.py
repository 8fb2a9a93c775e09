"""The audit log records every change to personal data, with actor and fields, and stays put."""

import pytest
from sqlalchemy import select

from norec_core.accounts.users import save_user
from norec_core.audit.models import AuditEvent
from norec_core.audit.recorder import AuditTrailIsImmutable
from norec_core.domain.models import ConsentRecord, Person


def _events(db_session, resource_type, resource_id):
    return db_session.scalars(
        select(AuditEvent)
        .where(AuditEvent.resource_type == resource_type, AuditEvent.resource_id == resource_id)
        .order_by(AuditEvent.id)
    ).all()


def test_form_changes_are_recorded_with_actor_and_fields(admin_app, db_session):
    form = admin_app.get("/people/new").forms["norec-form"]
    form["given_name"], form["family_name"], form["email"] = "Kari", "Nordmann", "kari@example.org"
    form["languages"] = ["nb", "en"]
    detail = form.submit("submit").follow()
    person = db_session.scalar(select(Person).where(Person.email == "kari@example.org"))

    form = admin_app.get(f"/people/{person.id}/edit").forms["norec-form"]
    form["family_name"] = "Nordmann-Hansen"
    form["languages"] = ["nb"]
    form.submit("submit").follow()

    created, updated = _events(db_session, "person", person.id)
    assert (created.action, created.actor) == ("create", "admin@test.example.org")
    assert created.changes["family_name"] == [None, "Nordmann"]
    assert created.changes["languages"] == [[], ["en", "nb"]]
    assert updated.action == "update"
    assert updated.changes == {
        "family_name": ["Nordmann", "Nordmann-Hansen"],
        "languages": [["en", "nb"], ["nb"]],
    }
    assert detail.status_int == 200


def test_secrets_are_recorded_as_changed_without_their_values(db_session):
    user = save_user(db_session, "secret@example.org", "first-password")
    save_user(db_session, "secret@example.org", "second-password", roles=["editor"])
    created, updated = _events(db_session, "user_account", user.id)
    assert created.actor == "system"
    assert updated.changes["password_hash"] == ["***", "***"]
    assert updated.changes["roles"] == [[], ["editor"]]


def test_deletion_is_recorded_without_the_deleted_values(db_session, make_person):
    person = make_person(given_name="Gone")
    db_session.delete(person)
    db_session.flush()
    deleted = _events(db_session, "person", person.id)[-1]
    assert (deleted.action, deleted.changes) == ("delete", {})


def test_the_trail_cannot_be_changed(db_session, make_person):
    make_person()
    event = db_session.scalars(select(AuditEvent)).first()
    event.comment = "rewritten"
    with pytest.raises(AuditTrailIsImmutable):
        db_session.flush()
    db_session.rollback()
    db_session.delete(db_session.scalars(select(AuditEvent)).first())
    with pytest.raises(AuditTrailIsImmutable):
        db_session.flush()


def test_administrators_browse_and_filter_the_log(admin_app, make_person, make_organisation):
    make_person(family_name="Fjellheim")
    make_organisation(name="Haukeland")
    page = admin_app.get("/admin/audit", {"resource_type": "person", "action": "create"})
    rows = page.html.select("tbody tr")
    assert rows and all("person" in row.text for row in rows)
    assert "Fjellheim" in page.text and "Haukeland" not in page.text
    assert "Nothing matches." in admin_app.get("/admin/audit", {"q": "nobody-at-all"}).text
    # No form on the page changes the log.
    assert not page.html.select("main form[method=post]")


def test_consent_is_recorded_with_its_text_version(admin_app, db_session, make_person):
    person = make_person()
    form = admin_app.get(f"/people/{person.id}/edit").forms["norec-form"]
    form["consent_newsletter"] = True
    form.submit("submit").follow()
    form = admin_app.get(f"/people/{person.id}/edit").forms["norec-form"]
    form["consent_newsletter"] = False
    page = form.submit("submit").follow()
    records = db_session.scalars(
        select(ConsentRecord)
        .where(ConsentRecord.person_id == person.id, ConsentRecord.kind == "newsletter")
        .order_by(ConsentRecord.id)
    ).all()
    # Created without consent, then given, then withdrawn.
    assert [r.granted for r in records] == [False, True, False]
    assert records[1].text == "Agrees to receive newsletters"
    assert records[1].text_version == "2026-11"
    assert records[1].actor == "admin@test.example.org"
    assert "Consent history" in page.text
