"""An editor describes, reviews and publishes a publication; its landing page with
schema.org JSON-LD; versions that all stay reachable; the embargo; withdrawal to a
tombstone; and the catalogue, which finds a word inside a PDF and counts its facets."""

from __future__ import annotations

import datetime
import json

import pytest
from sqlalchemy import select
from weasyprint import HTML

from norec_core import now
from norec_research.models import Publication


@pytest.fixture
def editor(client, make_user):
    return client(make_user("research-editor@example.org", roles=["editor"]).email)


def _form(page, formid="publication"):
    return next(f for f in page.forms.values() if f.id == formid)


def _pdf(text: str) -> bytes:
    return HTML(string=f"<html><body><h1>Report</h1><p>{text}</p></body></html>").write_pdf()


def _upload(editor, publication_id: int, filename: str, text: str, **fields):
    """Attach a PDF holding `text` through the publication's files page."""
    form = _form(editor.get(f"/research/publications/{publication_id}/files"), "file")
    form["upload"] = (filename, _pdf(text))
    for name, value in fields.items():
        form[name] = value
    form.submit("submit").follow()


def _describe(editor, make_person, **fields):
    author = make_person(
        given_name="Ingvild",
        family_name="Skeie",
        email="ingvild@example.org",
        orcid="0000-0002-1825-0097",
    )
    page = editor.get("/research/publications/new")
    form = _form(page)
    _check(form, ["covid-19", "volunteering", "3", "17"])  # topics and goals
    values = {
        "type": "study",
        "language": "en",
        "title": "Covid-19 and the future of volunteering",
        "summary": "What partners kept going online.",
        "abstract": "Interviews with 42 partner organisations.",
        "language_2": "nn",
        "title_2": "Covid-19 og framtida for frivillig arbeid",
        "summary_2": "Kva partnarane heldt fram med digitalt.",
        "authors": author.email,
        "licence": "CC-BY-4.0",
        "links": "Two minutes | https://video.example.org/covid",
    } | fields
    for name, value in values.items():
        form[name] = value
    return form.submit("submit", status="*")


def _fetch(browser, link, **kw):
    """A file's link counts the download, then leads to the file."""
    response = browser.get(link, **kw)
    while response.status_int in (302, 303):
        response = response.follow(**kw)
    return response


def _check(form, values):
    """Tick deform's checkboxes (named "checkbox" inside their sequence) by value."""
    for field in form.fields["checkbox"]:
        if field._value in values:
            field.checked = True


def _step(browser, publication_id, name, comment="", status=302):
    page = browser.get(f"/research/publications/{publication_id}")
    form = next(f for f in page.forms.values() if "/workflow/" in (f.action or ""))
    form["comment"] = comment
    return form.submit("transition", value=name, status=status)


def test_described_kept_on_error_reviewed_and_published(editor, client, make_person, db_session):
    page = _describe(editor, make_person, title_2="", authors="nobody@example.org")
    assert page.status_int == 422
    assert "Nobody on record has the address nobody@example.org" in page
    assert _form(page)["title"].value == "Covid-19 and the future of volunteering"
    form = _form(page)
    form["authors"] = "ingvild@example.org"
    form["language_3"], form["title_3"] = "nn", "Og på nynorsk"
    page = form.submit("submit", status=422)
    assert "This language is chosen already." in page
    form = _form(page)
    form["language_3"], form["title_3"] = "nb", "Og på bokmål"
    page = form.submit("submit", status=422)
    assert "This language needs its title." in page
    form = _form(page)
    form["title_2"] = "Covid-19 og framtida for frivillig arbeid"
    page = form.submit("submit").follow()
    publication = db_session.scalars(select(Publication)).one()
    assert publication.state == "draft"
    client().get(f"/research/publications/{publication.id}", status=404)  # not public yet
    _step(editor, publication.id, "submit")
    # The editors' front page asks for it, with how many wait.
    task = editor.get("/").html.find("a", string="Publish or return publications sent to review")
    assert task["href"] == f"/research/publications/{publication.id}"
    assert task.find_parent("li").find(class_="badge").text == "1"
    _step(editor, publication.id, "publish")
    db_session.expire_all()
    assert publication.state == "published"
    assert "sent to review" not in editor.get("/").text
    assert publication.published_on is not None and [v.number for v in publication.versions] == [1]
    reader = client()
    page = reader.get(f"/research/publications/{publication.id}")
    described = json.loads(page.html.find("script", type="application/ld+json").string)
    assert described["@type"] == "ScholarlyArticle"
    assert described["name"] == "Covid-19 and the future of volunteering"
    assert described["author"] == [
        {
            "@type": "Person",
            "name": "Ingvild " + described["author"][0]["name"].split()[-1],
            "sameAs": "https://orcid.org/0000-0002-1825-0097",
        }
    ]
    assert described["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert described["inLanguage"] == ["en", "nn", "nb"]
    nynorsk = reader.get(
        f"/research/publications/{publication.id}", headers={"Accept-Language": "nn"}
    )
    assert nynorsk.html.find("h1").text == "Covid-19 og framtida for frivillig arbeid"
    assert nynorsk.html.find("h1")["lang"] == "nn"


def test_versions_stay_reachable_and_the_embargo_opens_by_itself(
    editor, client, make_person, db_session
):
    _describe(editor, make_person).follow()
    publication = db_session.scalars(select(Publication)).one()
    _upload(editor, publication.id, "report-v1.pdf", "first draft")
    _upload(
        editor,
        publication.id,
        "report-v2.pdf",
        "corrected figures",
        new_version=True,
        note="Corrected figures",
    )
    _step(editor, publication.id, "submit")
    _step(editor, publication.id, "publish")
    reader = client()
    landing = reader.get(f"/research/publications/{publication.id}")
    assert landing.html.find("a", string="report-v2.pdf") is not None
    assert "Corrected figures" in landing
    first = reader.get(f"/research/publications/{publication.id}/versions/1")
    link = first.html.find("a", string="report-v1.pdf")["href"]
    assert _fetch(reader, link).body.startswith(b"%PDF")
    # Under embargo: the landing page says until when; the file is closed.
    db_session.expire_all()
    publication.embargo_until = now() + datetime.timedelta(days=30)

    _upload(editor, publication.id, "annex.pdf", "annex")
    landing = reader.get(f"/research/publications/{publication.id}")
    assert "Under embargo until" in landing
    annex = editor.get(f"/research/publications/{publication.id}/files").html.find(
        "a", string="annex.pdf"
    )["href"]
    assert _fetch(reader, annex, expect_errors=True).status_int in (403, 404)
    assert _fetch(editor, annex).body.startswith(b"%PDF")


def test_withdrawn_leaves_a_tombstone_with_the_reason(
    editor, client, make_person, db_session, mail
):
    _describe(editor, make_person).follow()
    publication = db_session.scalars(select(Publication)).one()
    # The author reads nynorsk: told in it, with the title the publication has in it.
    publication.authors[0].person.correspondence_language = "nn"
    db_session.flush()
    _upload(editor, publication.id, "report.pdf", "the findings")
    link = editor.get(f"/research/publications/{publication.id}").html.find(
        "a", string="report.pdf"
    )["href"]
    _step(editor, publication.id, "submit")
    assert mail.messages == []  # nothing to tell the authors yet
    _step(editor, publication.id, "publish")
    [published] = mail.messages
    assert published["To"] == "ingvild@example.org"
    assert published["Subject"] == "Publisert: Covid-19 og framtida for frivillig arbeid"
    assert _fetch(client(), link).body.startswith(b"%PDF")
    _step(editor, publication.id, "withdraw", status=422)  # a reason is owed
    mail.clear()
    _step(editor, publication.id, "withdraw", "The survey data could not be verified.")
    [withdrawn] = mail.messages
    assert "The survey data could not be verified." in withdrawn.get_content()
    page = client().get(f"/research/publications/{publication.id}", status=410)
    assert "The survey data could not be verified." in page
    # DataCite's tombstone: the citation of what was withdrawn stays readable.
    citation = {
        dt.text: dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in page.html.select("dl dt")
    }
    assert citation["Title"] == "Covid-19 and the future of volunteering"
    assert "Ingvild" in citation["Authors"]
    assert citation["Identifier"] == f"http://localhost/research/publications/{publication.id}"
    db_session.expire_all()
    assert str(publication.published_on.year) in citation["Published"]
    assert _fetch(client(), link, expect_errors=True).status_int in (403, 404)


def test_the_catalogue_finds_a_word_inside_a_pdf_and_counts_facets(
    editor, client, make_person, db_session
):
    _describe(editor, make_person).follow()
    publication = db_session.scalars(select(Publication)).one()
    _upload(editor, publication.id, "report.pdf", "Mentorship in Kilimanjaro clinics")
    reader = client()
    assert "Nothing found" in reader.get("/research/publications", {"q": "kilimanjaro"})
    _step(editor, publication.id, "submit")
    _step(editor, publication.id, "publish")
    found = reader.get("/research/publications", {"q": "kilimanjaro"})
    assert found.html.find("a", string="Covid-19 and the future of volunteering")
    facet = found.html.find("input", attrs={"name": "topic", "value": "covid-19"})
    assert "(1)" in facet.find_next("label").text
    topic = reader.get("/research/topics/volunteering")
    assert topic.html.find("h1").text == "Volunteering for development"
    assert topic.html.find("a", string="Covid-19 and the future of volunteering")
    none = reader.get("/research/publications", {"publication_type": "video"})
    assert "Nothing found" in none
    workbook = reader.get("/research/publications", {"q": "kilimanjaro", "format": "xlsx"})
    import io

    import openpyxl

    rows = list(openpyxl.load_workbook(io.BytesIO(workbook.body)).active.values)
    assert rows[0][0] == "Title" and rows[1][0] == "Covid-19 and the future of volunteering"


def test_guards_and_the_way_back_to_the_author(editor, client, make_user, db_session):
    from norec_research.models import PublicationText

    publication = Publication(type="report", texts=[PublicationText(language="en", title="Bare")])
    db_session.add(publication)
    db_session.flush()
    page = editor.get(f"/research/publications/{publication.id}")
    button = page.html.find("button", attrs={"value": "submit"})
    assert button.has_attr("disabled")  # nobody named yet
    assert "Name an author or a contributing organisation first." in page
    member = client(make_user("reader@example.org").email)
    member.get(f"/research/publications/{publication.id}/edit", status=403)


def test_moving_the_embargo_closes_and_opens_the_files(editor, client, make_person, db_session):
    _describe(editor, make_person).follow()
    publication = db_session.scalars(select(Publication)).one()
    _upload(editor, publication.id, "report.pdf", "Groundwater in Dodoma")
    _step(editor, publication.id, "submit")
    _step(editor, publication.id, "publish")
    reader = client()
    link = reader.get(f"/research/publications/{publication.id}").html.find(
        "a", string="report.pdf"
    )["href"]
    assert _fetch(reader, link).body.startswith(b"%PDF")
    assert "Covid-19" in reader.get("/research/publications", {"q": "dodoma"})
    form = _form(editor.get(f"/research/publications/{publication.id}/edit"))
    form["embargo_until"] = (now() + datetime.timedelta(days=60)).strftime("%Y-%m-%dT%H:%M")
    form.submit("submit").follow()
    assert _fetch(reader, link, expect_errors=True).status_int in (403, 404)
    assert "Nothing found" in reader.get("/research/publications", {"q": "dodoma"})
    form = _form(editor.get(f"/research/publications/{publication.id}/edit"))
    form["embargo_until"] = ""
    form.submit("submit").follow()
    assert _fetch(reader, link).body.startswith(b"%PDF")


def test_an_ended_embargo_makes_the_pdf_s_words_searchable_within_the_hour(
    app, editor, client, make_person, db_session
):
    import time

    from norec_core.testing import run_due

    _describe(editor, make_person).follow()
    publication = db_session.scalars(select(Publication)).one()
    publication.embargo_until = now() + datetime.timedelta(seconds=4)
    db_session.flush()
    _upload(editor, publication.id, "report.pdf", "Groundwater in Dodoma")
    _step(editor, publication.id, "submit")
    _step(editor, publication.id, "publish")
    reader = client()
    assert "Nothing found" in reader.get("/research/publications", {"q": "dodoma"})
    time.sleep(4)  # the embargo ends; nothing on the record changes
    assert "Nothing found" in reader.get("/research/publications", {"q": "dodoma"})
    assert "research.embargoes" in run_due(
        app.registry, datetime.datetime(2030, 3, 1, 7, 0, tzinfo=datetime.UTC)
    )
    found = reader.get("/research/publications", {"q": "dodoma"})
    assert found.html.find("a", string="Covid-19 and the future of volunteering")


def test_a_catalogue_entry_shows_its_title_authors_year_and_type_once(
    editor, client, make_person, db_session
):
    _describe(editor, make_person).follow()
    publication = db_session.scalars(select(Publication)).one()
    _step(editor, publication.id, "submit")
    _step(editor, publication.id, "publish")
    db_session.expire_all()
    year = str(publication.published_on.year)
    (entry,) = client().get("/research/publications").html.select("main ol li")
    link = entry.find("a")
    assert link.text == "Covid-19 and the future of volunteering"
    assert link["href"] == f"/research/publications/{publication.id}"
    lines = [div.get_text(" ", strip=True) for div in entry.find_all("div")]
    assert lines[:2] == ["Ingvild Skeie", f"{year} · Study"]
    assert entry.get_text(" ").count(year) == 1
