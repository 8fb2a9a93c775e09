"""Notes as their users meet them: adding one, its workflow and who is told, the reminder,
the nickname on the person record, the role, and the pages in nynorsk."""

from __future__ import annotations

import datetime

import pytest
from sqlalchemy import select

from norec_core.testing import USER_PASSWORD, run_due

pytestmark = pytest.mark.norec_backends("sqlite")


def _note(db_session, person, text="Call back about the gathering."):
    from norec_notes.models import Note

    note = Note(person=person, text=text)
    db_session.add(note)
    db_session.flush()
    return note


def test_the_navigation_entry_is_for_note_takers(testapp, admin_app):
    assert "Notes" in admin_app.get("/").html.find("nav").text
    admin_app.reset()
    assert "Notes" not in admin_app.get("/").html.find("nav").text


def test_a_note_added_is_on_its_page_and_the_person_page(admin_app, make_person, db_session):
    from norec_notes.models import Note

    person = make_person(given_name="Wanjiru", family_name="Kamau")
    form = admin_app.get("/notes/").forms["norec-form"]
    form["person_id"] = str(person.id)
    form["text"] = "Interested in mentoring."
    page = form.submit("submit").follow()
    assert "Interested in mentoring." in page.html.find("main").text
    assert "Wanjiru Kamau" in page.html.find("main").text
    assert db_session.scalars(select(Note.text)).all() == ["Interested in mentoring."]
    heading = admin_app.get(f"/people/{person.id}").html.find("h2", string="Notes")
    assert heading is not None, "no Notes section on the person page"
    assert "Interested in mentoring." in heading.find_parent("section").text


def test_a_bad_note_is_shown_again_with_its_error(admin_app, make_person):
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


def test_its_role_grants_its_permissions(testapp, make_user):
    taker = make_user(roles=["notetaker"])
    testapp.login(taker.email, USER_PASSWORD)
    testapp.get("/notes/")
    testapp.get("/people")  # person.view, granted by the plugin's role
    testapp.get("/people/new", status=403)


def test_closing_a_note_tells_the_person_and_reopening_needs_a_reason(
    admin_app, db_session, make_person, mail
):
    note = _note(db_session, make_person(email="amina@notes.example.org"))
    page = admin_app.get(f"/notes/{note.id}")
    assert "Status and history" in page.text and "No steps taken yet." in page.text
    [form] = [f for f in page.forms.values() if "/workflow/" in f.action]
    form.submit("transition", value="close").follow()
    db_session.refresh(note)
    assert note.state == "done"
    [message] = mail.messages
    assert message["To"] == "amina@notes.example.org"
    assert message["Subject"] == "A note is done"
    assert "Done: Call back about the gathering." in message.get_content()
    url, token = f"/workflow/notes_note/{note.id}", admin_app.csrf_token()
    refused = admin_app.post(url, {"transition": "reopen", "csrf_token": token}, status=422)
    assert "needs a comment that gives the reason" in refused.text
    db_session.refresh(note)
    assert note.state == "done"


def test_the_person_a_note_is_about_reads_it_while_it_is_open(
    testapp, db_session, make_person, make_user
):
    person = make_person()
    user = make_user(person=person)
    note = _note(db_session, person)
    testapp.login(user.email, USER_PASSWORD)
    testapp.get(f"/notes/{note.id}", status=200)
    note.state = "done"
    db_session.flush()
    testapp.get(f"/notes/{note.id}", status=403)


def test_the_reminder_goes_on_mondays_in_the_persons_language(app, db_session, make_person, mail):
    person = make_person(email="kari@remind.example.org", correspondence_language="nn")
    _note(db_session, person)
    monday_0700 = datetime.datetime(2027, 1, 11, 7, 0, tzinfo=datetime.UTC)
    assert run_due(app.registry, monday_0700 + datetime.timedelta(minutes=1)) == []
    assert mail.messages == []
    assert "notes.remind" in run_due(app.registry, monday_0700)
    [message] = mail.messages
    assert message["To"] == "kari@remind.example.org"
    assert message["Subject"] == "Opne notat"
    assert f"http://localhost/people/{person.id}" in message.get_content()


def test_the_nickname_is_a_field_of_the_person_record(admin_app, make_person):
    person = make_person()
    form = admin_app.get(f"/people/{person.id}/edit").forms["norec-form"]
    assert form["nickname"].value == ""
    form["nickname"] = "Kari K."
    page = form.submit("submit").follow()
    section = page.html.find("h2", string="Notes plugin").find_parent("section")
    assert "Kari K." in section.text  # on the person page, as a section of its own
    edit = admin_app.get(f"/people/{person.id}/edit").forms["norec-form"]
    assert edit["nickname"].value == "Kari K."
    export = admin_app.get(f"/people/{person.id}/export.json").json
    assert export["core"]["person"]["notes"] == {"nickname": "Kari K."}


def test_its_pages_are_in_nynorsk(admin_app, db_session, make_person):
    note = _note(db_session, make_person())
    admin_app.set_cookie("_LOCALE_", "nn")
    assert "Notat eg kan lese" in admin_app.get("/notes/list").text
    page = admin_app.get(f"/notes/{note.id}").text
    assert f"Notat {note.id}" in page and "Merk som ferdig" in page
