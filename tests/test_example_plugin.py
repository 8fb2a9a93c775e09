"""A third party extends the platform purely through the entry point and the hooks.

The example plugin (tests/example_plugin, distribution norec-example-notes) is installed
into the test environment like any other package: it adds a table with its own
migration, a route with a form, a navigation entry, a role and a section on the person page.
"""

import pytest
import webtest
from sqlalchemy import select

from norec_core.accounts.models import User
from norec_core.accounts.passwords import hash_password
from norec_core.app import main
from norec_core.plugins import installed_plugins
from norec_core.testing import ADMIN_EMAIL, make_settings


def test_discovered_through_its_entry_point():
    assert installed_plugins()["notes"].value == "norec_notes.hooks"


def test_navigation_entry_respects_its_permission(testapp, admin_app):
    assert "Notes" in admin_app.get("/").html.find("nav").text
    admin_app.reset()
    assert "Notes" not in admin_app.get("/").html.find("nav").text


def test_form_adds_a_note_shown_on_the_person_page(admin_app, make_person, db_session):
    from norec_notes.models import Note

    person = make_person(given_name="Wanjiru", family_name="Kamau")
    form = admin_app.get("/notes/").forms["norec-form"]
    form["person_id"] = str(person.id)
    form["text"] = "Interested in mentoring."
    page = form.submit("submit").follow()
    heading = page.html.find("h2", string="Notes")
    assert heading is not None, "no Notes section on the person page"
    assert "Interested in mentoring." in heading.find_parent("section").text
    assert db_session.scalars(select(Note.text)).all() == ["Interested in mentoring."]


def test_invalid_note_keeps_the_input(admin_app, make_person):
    person = make_person()
    form = admin_app.get("/notes/").forms["norec-form"]
    form["person_id"] = str(person.id)
    form["text"] = "no"
    response = form.submit("submit", status=422)
    assert response.forms["norec-form"]["text"].value == "no"
    assert response.html.find("textarea")["aria-invalid"] == "true"


def test_a_person_of_no_record_is_refused_at_the_field(admin_app, make_person):
    make_person()
    form = admin_app.get("/notes/").forms["norec-form"]
    for number in ("99999999999999999999", "2147483648", "0"):
        form["person_id"].force_value(number)
        form["text"] = "Interested in mentoring."
        response = form.submit("submit", status=422)
        assert "Choose a person from the list." in response.text


def test_its_role_grants_its_permissions(testapp, db_session, make_person):
    db_session.add(
        User(
            email="notes@example.org", password_hash=hash_password("password1"), roles=["notetaker"]
        )
    )
    db_session.flush()
    testapp.login("notes@example.org", "password1")
    testapp.get("/notes/")
    testapp.get("/people")  # person.view, granted by the plugin's role
    testapp.get("/people/new", status=403)


@pytest.mark.bundle
def test_disabled_it_leaves_no_trace(migrated_database):
    settings = make_settings(migrated_database["sqlalchemy.url"], **{"norec.plugins": "grants"})
    app = webtest.TestApp(main({}, **settings))
    app.get("/notes/", status=404)


def test_its_field_on_the_person_record_is_in_the_form_page_api_and_export(
    admin_app, db_session, make_person
):
    from norec_core.jsonapi import tokens as api_tokens

    person = make_person()
    form = admin_app.get(f"/people/{person.id}/edit").forms["norec-form"]
    assert form["nickname"].value == ""
    form["nickname"] = "Kari K."
    page = form.submit("submit").follow()
    section = page.html.find("h2", string="Notes plugin").find_parent("section")
    assert "Kari K." in section.text  # on the person page, as a section of its own
    assert admin_app.get(f"/people/{person.id}/edit").forms["norec-form"]["nickname"].value == (
        "Kari K."
    )
    admin = db_session.scalar(select(User).where(User.email == ADMIN_EMAIL))
    token = api_tokens.create(db_session, admin, "t")[1]
    api = admin_app.get(f"/api/v1/people/{person.id}", headers={"Authorization": f"Bearer {token}"})
    assert api.json["notes"] == {"nickname": "Kari K."}
    export = admin_app.get(f"/people/{person.id}/export.json").json
    assert export["core"]["person"]["notes"] == {"nickname": "Kari K."}


def _note(db_session, person, text="Call back about the gathering."):
    from norec_notes.models import Note

    note = Note(person=person, text=text)
    db_session.add(note)
    db_session.flush()
    return note


def test_its_workflow_runs_through_the_core_with_guards_and_reasons(
    admin_app, db_session, make_person
):
    note = _note(db_session, make_person())
    page = admin_app.get(f"/notes/{note.id}")
    assert "Status and history" in page.text and "No steps taken yet." in page.text
    [form] = [f for f in page.forms.values() if "/workflow/" in f.action]
    form.submit("transition", value="close").follow()
    db_session.refresh(note)
    assert note.state == "done"
    url, token = f"/workflow/notes_note/{note.id}", admin_app.csrf_token()
    refused = admin_app.post(url, {"transition": "reopen", "csrf_token": token}, status=422)
    assert "needs a comment that gives the reason" in refused.text
    db_session.refresh(note)
    assert note.state == "done"


def test_its_scheduled_reminder_is_delivered_when_due(app, db_session, make_person, mail):
    import datetime

    from norec_core.testing import run_due

    person = make_person(email="wanjiru@remind.example.org")
    _note(db_session, person)
    monday_0700 = datetime.datetime(2027, 1, 11, 7, 0, tzinfo=datetime.UTC)
    assert run_due(app.registry, monday_0700 + datetime.timedelta(minutes=1)) == []
    assert mail.messages == []
    assert "notes.remind" in run_due(app.registry, monday_0700)
    [message] = mail.messages
    assert message["To"] == "wanjiru@remind.example.org"
    assert f"http://localhost/people/{person.id}" in message.get_content()
