"""What an outside probe tried on the research pages: markup in a title inside the
page's JSON-LD, and the file names of a publication that is not public."""

from __future__ import annotations

import datetime
import json

import bs4

from norec_research.models import Author, Publication, PublicationText, Version

TRAP = "<!--<script> & </script> >"


def _publication(db_session, make_person, title, **kw) -> Publication:
    publication = Publication(
        type="report",
        state="published",
        published_on=datetime.date(2025, 3, 1),
        texts=[PublicationText(language="en", title=title)],
        authors=[Author(person=make_person(given_name="Ingvild", family_name="Skeie"))],
        versions=[Version(number=1)],
        **kw,
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
