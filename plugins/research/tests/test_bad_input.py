"""What an outside probe tried on the research pages: markup in a title inside the
page's JSON-LD, and the file names of a publication that is not public."""

from __future__ import annotations

import datetime
import json

import bs4
import pytest
from weasyprint import HTML

from norec_core import now
from norec_research.models import Author, Publication, PublicationText, Version

TRAP = "<!--<script> & </script> >"


def _publication(db_session, make_person, title, **kw) -> Publication:
    publication = Publication(
        type="report",
        published_on=datetime.date(2025, 3, 1),
        texts=[PublicationText(language="en", title=title)],
        authors=[Author(person=make_person(given_name="Ingvild", family_name="Skeie"))],
        versions=[Version(number=1)],
        **({"state": "published"} | kw),
    )
    db_session.add(publication)
    db_session.flush()
    return publication


def test_a_title_with_markup_leaves_the_page_whole(client, db_session, make_person):
    publication = _publication(db_session, make_person, TRAP)
    page = client().get(f"/research/publications/{publication.id}")
    parsed = bs4.BeautifulSoup(page.text, "html5lib")
    assert parsed.find("footer") is not None  # the script block ended where it should
    block = parsed.find("script", type="application/ld+json").string
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["name"] == TRAP


def test_a_file_s_name_stays_hidden_until_its_publication_is_public(
    client, make_user, db_session, make_person
):
    publication = _publication(db_session, make_person, "Draft findings", state="draft")
    editor = client(make_user("files-editor@example.org", roles=["editor"]).email)
    form = editor.get(f"/research/publications/{publication.id}/files").forms["file"]
    form["upload"] = ("draftsecretword.pdf", HTML(string="<p>Secret</p>").write_pdf())
    page = form.submit("submit").follow()
    direct = page.html.find("a", string="draftsecretword.pdf")["href"]  # /files/<id>/<name>
    door = f"/research/publications/{publication.id}/download/{direct.split('/')[2]}"
    reader = client()
    for state, embargo in [
        ("draft", None),
        ("in_review", None),
        ("withdrawn", None),
        ("published", now() + datetime.timedelta(days=9)),
    ]:
        publication.state, publication.embargo_until = state, embargo
        db_session.flush()
        answer = reader.get(door, status=404)
        assert "draftsecretword" not in answer.text and "Location" not in answer.headers
        if embargo is None:  # (the files' own embargo moves with the form's, not here)
            reader.get(direct, status=404)  # the core's door checks the record too
        assert editor.get(door).location.endswith("/draftsecretword.pdf")  # theirs to see
    publication.embargo_until = None
    db_session.flush()
    assert reader.get(door).follow().body.startswith(b"%PDF")


def test_a_drafts_workflow_tells_a_stranger_nothing(client, db_session, make_person):
    draft = _publication(db_session, make_person, "Not yet", state="draft")
    anonymous = client()
    for id_ in (draft.id, draft.id + 1000):
        page = anonymous.post(
            f"/workflow/research_publication/{id_}",
            {"transition": "withdraw", "csrf_token": anonymous.csrf_token()},
            status=404,
        )
        assert "state" not in page.text


def test_a_version_file_or_goal_that_is_no_number_finds_nothing(client, db_session, make_person):
    """More digits than int() reads (4,300), or "²", failed the views. An Arabic-Indic digit
    is a digit to the route's \\d, but numbers are ASCII digits, as the core reads them."""
    publication = _publication(db_session, make_person, "Numbers")
    reader = client()
    base = f"/research/publications/{publication.id}"
    reader.get(f"{base}/versions/1", status=200)
    for number in ("9" * 5000, "99999999999999999999", "%D9%A1"):  # Arabic-Indic one
        reader.get(f"{base}/versions/{number}", status=404)
        reader.get(f"{base}/download/{number}", status=404)
    for goal in ("²", "99999999999999999999", "3"):
        reader.get("/research/publications", {"sdg": goal}, status=200)


@pytest.mark.norec_backends("sqlite", "postgresql")
def test_a_commission_and_a_publication_name_records_that_exist(client, make_user):
    editor = client(make_user("research-editor@example.org", roles=["editor"]).email)
    commission = editor.get("/research/commissions/new").forms["norec-form"]
    publication = next(
        f for f in editor.get("/research/publications/new").forms.values() if f.id == "publication"
    )
    for form, field, message in [
        (commission, "partner_id", "Choose an organisation from the list."),
        (commission, "report_id", "Choose a publication from the list."),
        (publication, "funder", "Choose an organisation from the list."),
    ]:
        for value in ("99999999999999999999", "2147483648", "1"):
            form[field].force_value(value)
            page = form.submit("submit", status=422)
            assert message in page.text, (field, value)
        form[field] = ""
