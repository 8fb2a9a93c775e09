"""Posts and applications: advisers publish posts; a candidate fills the profile once,
sees each requirement against it, applies before the deadline; advisers see who is
eligible and export the list; the candidate's data goes with their export and erasure."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from sqlalchemy import select

from norec_core import Organisation, now
from norec_multilateral.models import Candidacy, Candidate, MultilateralPost


@pytest.fixture
def undp(db_session):
    found = Organisation(name="UNDP", country="US", kind="international")
    db_session.add(found)
    db_session.flush()
    return found


@pytest.fixture
def adviser(client, make_user):
    return client(make_user("jpo@example.org", roles=["recruitment_adviser"]).email)


def _publish(adviser, undp, **changes):
    form = adviser.get("/multilateral/posts/new").forms["post"]
    values = {
        "programme": "jpo",
        "organisation_id": str(undp.id),
        "title": "Programme Analyst",
        "duty_station": "Nairobi",
        "country": "KE",
        "grade": "P-2",
        "deadline": (now() + datetime.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"),
        "max_age": "32",
        "min_degree": "master",
        "min_experience_years": "2",
        "published": True,
    } | changes
    for key, value in values.items():
        form[key] = value
    form["citizenship"] = ["NO"]
    form["languages"] = ["en"]
    return form.submit().follow()


def _applied(adviser, undp, candidate) -> str:
    """A post published, and the candidate's application for it; returns the post's id."""
    post_id = _publish(adviser, undp).request.path.rsplit("/", 1)[-1]
    form = candidate.get(f"/multilateral/posts/{post_id}/apply").forms["apply"]
    form["motivation"] = "Motivation to be erased"
    form.submit().follow()
    return post_id


def _candidate(client, make_user, make_person, **person):
    values = {"citizenship": "NO", "birth_date": datetime.date(1997, 5, 1)} | person
    user = make_user(person=make_person(**values))
    browser = client(user.email)
    page = browser.get("/multilateral/profile")
    form = page.forms["education"]
    form["degree"], form["field"], form["institution"] = "master", "Economics", "NMBU"
    form["started_on"], form["finished_on"] = "2019-08-15", "2021-06-15"
    page = form.submit().follow()
    form = page.forms["work"]
    form["employer"], form["title"] = "Norad", "Adviser"
    form["started_on"] = "2021-09-01"
    page = form.submit().follow()
    form = page.forms["language"]
    form["code"], form["level"] = "en", "C1"
    form.submit().follow()
    return browser


def test_a_candidate_applies_and_the_adviser_sees_who_is_eligible(
    adviser, undp, client, make_user, make_person, db_session
):
    post_page = _publish(adviser, undp)
    assert "Programme Analyst" in post_page.text
    post_id = post_page.request.path.rsplit("/", 1)[-1]
    assert "Programme Analyst" in client().get("/multilateral/posts").text  # public

    eligible = _candidate(client, make_user, make_person, given_name="Ingrid")
    page = eligible.get(f"/multilateral/posts/{post_id}/apply")
    assert page.text.count(">met<") == 5 and ">not met<" not in page.text
    form = page.forms["apply"]
    form["motivation"] = "I worked on climate resilience in Kenya."
    page = form.submit().follow()
    assert "Your application is received." in page.text and "Programme Analyst" in page.text

    too_old = _candidate(
        client, make_user, make_person, given_name="Olav", birth_date=datetime.date(1980, 1, 1)
    )
    page = too_old.get(f"/multilateral/posts/{post_id}/apply")
    assert (
        ">not met<" in page.text
        and "The age limit at the closing date is 32; you will be" in page.text
    )
    form = page.forms["apply"]
    form["motivation"] = "Experience matters."
    form.submit()

    page = adviser.get(f"/multilateral/posts/{post_id}/applications")
    rows = [r.get_text(" ", strip=True) for r in page.html.find("tbody").find_all("tr")]
    assert rows[0].startswith("Ingrid") and " yes " in f" {rows[0]} "
    assert rows[1].startswith("Olav") and re.search(
        r"The candidate will be \d+ at the closing date; the limit is 32\.", rows[1]
    )
    exported = adviser.get(
        f"/multilateral/posts/{post_id}/applications", {"format": "csv"}
    ).text.lstrip("\ufeff")
    table = list(csv.reader(io.StringIO(exported)))
    assert table[0][:2] == ["Given name", "Family name"] and len(table) == 3
    # Candidates do not see each other's applications, nor the adviser's list.
    eligible.get(f"/multilateral/posts/{post_id}/applications", status=403)


def test_the_profile_keeps_an_error_at_its_field_and_flags_gaps(client, make_user, make_person):
    browser = client(make_user(person=make_person()).email)
    form = browser.get("/multilateral/profile").forms["work"]
    form["employer"], form["title"] = "Norad", "Adviser"
    form["started_on"], form["ended_on"] = "2022-01-01", "2021-01-01"
    page = form.submit(status=422)
    assert "This is before the start." in page.text
    assert page.forms["work"]["employer"].value == "Norad"
    form = page.forms["work"]
    form["ended_on"] = "2022-03-01"
    page = form.submit().follow()
    assert "Gaps of more than three months" in page.text  # since March 2022


def test_after_the_deadline_nobody_applies(adviser, undp, client, make_user, make_person):
    past = (now() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    post_page = _publish(adviser, undp, deadline=past)
    post_id = post_page.request.path.rsplit("/", 1)[-1]
    assert "The deadline has passed." in post_page.text
    browser = _candidate(client, make_user, make_person)
    page = browser.get(f"/multilateral/posts/{post_id}/apply")
    assert "applications are closed" in page.text and "apply" not in page.forms


def test_a_draft_is_seen_by_advisers_only(adviser, undp, client, db_session):
    post_page = _publish(adviser, undp, published=False)
    path = post_page.request.path
    client().get(path, status=404)
    assert "Programme Analyst" not in client().get("/multilateral/posts").text


def test_the_candidates_data_is_exported_and_erased(
    adviser, admin_app, undp, client, make_user, make_person, db_session
):
    _applied(adviser, undp, _candidate(client, make_user, make_person, given_name="Erase"))
    candidate = db_session.scalars(select(Candidate)).one()
    person_id = candidate.person_id
    text = str(admin_app.get(f"/people/{person_id}/export.json").json)
    assert "Motivation to be erased" in text and "NMBU" in text
    form = admin_app.get(f"/people/{person_id}/erase").forms["erase"]
    form["reason"], form["confirm"] = "Asked by e-mail", True
    form.submit("submit").follow()
    db_session.expire_all()
    assert db_session.scalars(select(Candidate)).first() is None
    assert db_session.scalars(select(Candidacy)).first() is None
    assert db_session.scalars(select(MultilateralPost)).one()  # the post stays


def test_a_candidate_is_told_when_the_post_asks_what_they_no_longer_meet(
    adviser, undp, client, make_user, make_person, db_session, mail
):
    post_id = _applied(adviser, undp, _candidate(client, make_user, make_person))
    [candidacy] = db_session.scalars(select(Candidacy)).all()
    assert candidacy.eligible
    mail.clear()
    form = adviser.get(f"/multilateral/posts/{post_id}/edit").forms["post"]
    form["languages"] = ["en", "fr"]
    form.submit().follow()
    db_session.refresh(candidacy)
    assert not candidacy.eligible  # checked again against the post's new rules
    [told] = mail.messages
    assert told["Subject"] == "The requirements of Programme Analyst have changed"
    body = told.get_body(("plain",)).get_content()
    assert "French at working level" in body and "your level: none." in body


def test_a_post_is_read_and_told_in_the_candidates_language(
    adviser, undp, client, make_user, make_person, db_session, mail
):
    page = _publish(
        adviser,
        undp,
        title="Programme Analyst",
        text_language="en",
        title_nn="Programanalytikar",
        title_nb="Programanalytiker",
        description="Supports the country office.",
        description_nb="Støtter landkontoret.",
    )
    post = db_session.get(MultilateralPost, int(page.request.path.rsplit("/", 1)[-1]))
    assert post.translations == {
        "nn": {"title": "Programanalytikar"},
        "nb": {"title": "Programanalytiker", "description": "Støtter landkontoret."},
    }
    reader = client()
    reader.get("/language", {"language": "nn", "came_from": "/"})
    shown = reader.get(f"/multilateral/posts/{post.id}").html
    assert shown.h1.get_text(strip=True) == "Programanalytikar"
    # No nynorsk description: the bokmål one, marked as bokmål.
    assert shown.find(id="main").find(lang="nb").get_text() == "Støtter landkontoret."

    candidate = _candidate(client, make_user, make_person, correspondence_language="nb")
    form = candidate.get(f"/multilateral/posts/{post.id}/apply").forms["apply"]
    form["motivation"] = "Eg vil gjerne."
    form.submit().follow()
    [receipt] = [m for m in mail.messages if "Programanalytiker" in m["Subject"]]
    assert "Programme Analyst" not in receipt.get_content()
