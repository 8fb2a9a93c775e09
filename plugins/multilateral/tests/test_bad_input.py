"""Numbers a form does not offer: the id of no record, of a record the list leaves out,
or beyond the database's range. Each is refused at its field (422), never a 500."""

from __future__ import annotations

import pytest

from norec_core import Organisation

pytestmark = pytest.mark.norec_backends("sqlite", "postgresql")

# Beyond SQLite's integers, and beyond PostgreSQL's.
OUT_OF_RANGE = ("99999999999999999999", "2147483648")


def _refused(form, field, values, message):
    for value in values:
        form[field].force_value(value)
        page = form.submit("submit", status=422)
        assert message in page.text, value


def test_an_alert_names_an_organisation_the_list_offers(client, make_user, make_person, db_session):
    national = Organisation(name="Fredskorpset", country="NO", kind="public")
    db_session.add(national)
    db_session.flush()
    person = make_person()
    make_user(person.email, person=person)
    page = client(person.email).get("/multilateral/alerts")
    form = next(f for f in page.forms.values() if f.id == "alert")
    _refused(
        form,
        "organisation_id",
        [*OUT_OF_RANGE, str(national.id)],
        "Choose an organisation from the list.",
    )


def test_a_post_names_an_organisation_and_round_of_the_lists(recruiter, make_post):
    post = make_post()
    form = recruiter.get(f"/multilateral/posts/{post.id}/edit").forms["post"]
    _refused(form, "organisation_id", OUT_OF_RANGE, "Choose an organisation from the list.")
    form["organisation_id"] = str(post.organisation_id)
    _refused(form, "round_id", OUT_OF_RANGE, "Choose a round from the list.")


def test_a_page_has_a_place_in_the_list_the_database_can_hold(recruiter):
    form = next(
        f for f in recruiter.get("/multilateral/pages/new").forms.values() if f.id == "page"
    )
    form["slug"], form["title_en"], form["text_en"] = "support", "Support", "Text"
    for value in ("99999999999999999999", "2147483648"):
        form["position"] = value
        page = form.submit("submit", status=422)
        assert page.html.select_one("#page [aria-invalid=true]")["name"] == "position"
