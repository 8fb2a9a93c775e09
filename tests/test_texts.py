"""Texts the agency writes, in each language of the site: given in the forms, shown in the
reader's language with the stated fallback, and told in the recipient's."""

from __future__ import annotations

import pytest

from norec_core.domain import registrations


def _set_language(app, language):
    app.get("/language", {"language": language, "came_from": "/"})


@pytest.fixture
def course(make_activity):
    return make_activity(
        title="Heimkomstkurs i Bergen",
        description="Tre dagar om det å kome heim.",
        text_language="nn",
        translations={
            "nb": {"title": "Hjemkomstkurs i Bergen"},
            "en": {"title": "Homecoming course in Bergen", "description": "Three days."},
        },
    )


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("nn", "Heimkomstkurs i Bergen"),
        ("nb", "Hjemkomstkurs i Bergen"),
        ("en", "Homecoming course in Bergen"),
    ],
)
def test_each_reader_reads_the_title_in_their_language(testapp, course, language, title):
    _set_language(testapp, language)
    page = testapp.get(f"/activities/{course.id}")
    heading = page.html.h1
    assert heading.get_text(strip=True) == title
    assert heading.span is None  # in the page's own language
    assert page.html.title.get_text().startswith(title)


def test_a_text_not_given_falls_back_and_says_its_language(testapp, course):
    # No bokmål description: a reader of bokmål reads the nynorsk one, marked as nynorsk.
    _set_language(testapp, "nb")
    description = testapp.get(f"/activities/{course.id}").html.find(id="main").find(lang="nn")
    assert description.get_text() == "Tre dagar om det å kome heim."


def test_a_reader_of_another_language_gets_the_text_as_first_written(testapp, make_activity):
    written_in_english = make_activity(title="Alumni dinner", text_language="en")
    _set_language(testapp, "nn")
    heading = testapp.get(f"/activities/{written_in_english.id}").html.h1
    assert heading.span["lang"] == "en" and heading.get_text(strip=True) == "Alumni dinner"


def test_the_form_takes_the_texts_in_each_language_and_keeps_them(admin_app, course, db_session):
    form = admin_app.get(f"/activities/{course.id}/edit").forms["norec-form"]
    assert form["title_en"].value == "Homecoming course in Bergen"
    assert form["text_language"].value == "nn"
    form["description_nb"] = "  Tre dager om å komme hjem.  "
    form["title_en"] = ""
    form.submit("submit").follow()
    db_session.refresh(course)
    assert course.translations == {
        "nb": {"title": "Hjemkomstkurs i Bergen", "description": "Tre dager om å komme hjem."},
        "en": {"description": "Three days."},
    }


def test_the_seat_notice_names_the_activity_in_the_recipients_language(
    client, db_session, make_activity, make_person, make_user, mail
):
    activity = make_activity(
        capacity=1,
        title="Hjemkomstkurs i Bergen",
        text_language="nb",
        translations={"en": {"title": "Homecoming course in Bergen"}},
    )
    member = make_user()
    member.person = make_person(country="NO")
    waiting = make_person(country="KE", email="wanjiru@example.org")
    mine = registrations.register(db_session, activity, member.person)
    registrations.register(db_session, activity, waiting)
    db_session.flush()
    browser = client(member.email)
    browser.post(f"/registrations/{mine.id}/cancel", {"csrf_token": browser.csrf_token()})

    [message] = mail.messages
    assert message["Subject"] == "You have a seat at Homecoming course in Bergen"


def test_the_inputs_for_each_language_are_labelled_in_the_pages_language(admin_app, course):
    _set_language(admin_app, "nn")
    page = admin_app.get(f"/activities/{course.id}/edit")
    labels = {label.get_text(strip=True).rstrip(" *") for label in page.html.find_all("label")}
    assert {"Tittel på engelsk", "Skildring på bokmål"} <= labels
