"""Forms a screen-reader user can mend: after a refused submit an error summary links to
each field in error, and every id on a page, of any number of forms, is its own."""

from __future__ import annotations

from collections import Counter

import colander
import pytest
from bs4 import BeautifulSoup

from norec_core.forms import build_form, render_form

# What these tests check is in the rendered pages, above the database.
pytestmark = pytest.mark.norec_backends("sqlite")


def _ids(page) -> Counter:
    return Counter(e["id"] for e in page.html.find_all(id=True))


def test_the_error_summary_links_to_each_field_in_error(admin_app):
    form = admin_app.get("/organisations/new").forms["norec-form"]
    page = form.submit("submit", status=422)

    summary = page.html.find(attrs={"data-error-summary": True})
    links = {a.get_text(): a["href"] for a in summary.find_all("a")}
    assert links, summary
    for text, href in links.items():
        field = page.html.find(id=href[1:])
        assert field is not None and field.name in ("input", "select", "textarea"), text
        assert field["aria-invalid"] == "true"
        label = page.html.find("label", attrs={"for": href[1:]})
        assert text.startswith(label.get_text(strip=True).rstrip(" *"))


def test_two_forms_on_one_page_share_no_field_id(app_request):
    # A page of several forms (the candidate profile has 13) builds them on one request.
    class Line(colander.Schema):
        name = colander.SchemaNode(colander.String(), title="Name")

    first, second = (
        render_form(build_form(app_request, Line(), formid=f"form-{n}")) for n in (1, 2)
    )
    page = BeautifulSoup(first + second, "html.parser")
    ids = Counter(e["id"] for e in page.find_all(id=True))
    assert [id_ for id_, n in ids.items() if n > 1] == []
    for label in page.find_all("label", attrs={"for": True}):
        assert page.find(id=label["for"]).get("name") == "name"


def test_the_workflow_comment_names_only_help_that_exists(admin_app, db_session, make_partnership):
    partnership = make_partnership()
    partnership.state = "approved"  # its one step, "End", needs no comment
    db_session.flush()
    page = admin_app.get(f"/partnerships/{partnership.id}")
    ids = _ids(page)
    comment = page.html.find("textarea", attrs={"name": "comment"})
    assert comment is not None
    named = [
        name
        for e in page.html.find_all(attrs={"aria-describedby": True})
        for name in e["aria-describedby"].split()
    ]
    assert all(name in ids for name in named), named


def test_no_field_takes_the_cursor_when_a_page_opens(admin_app):
    """deform focuses a form's first field, and wrote autofocus="False" (which browsers
    read as autofocus) on every checkbox choice after the first: neither here."""
    for path in ("/organisations/new", "/people/new", "/activities/new", "/account"):
        assert "autofocus" not in admin_app.get(path).text, path
