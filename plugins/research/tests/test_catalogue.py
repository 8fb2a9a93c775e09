"""The catalogue at the agency's volume: a word, a filter and both cost readers the same
statements for 10 publications as for 2,000, and drafts stay out of it."""

from __future__ import annotations

import datetime
import itertools

from sqlalchemy import insert, text

from norec_core import Person
from norec_core.testing import rebuild_index
from norec_research.models import Author, Publication, PublicationText

TYPES = ("report", "study", "article", "policy_brief", "video", "webinar")
# Each read at page 2: of 10, the last and so the first; of 2,000, one past 25 skipped.
SEARCHES = {
    "word": {"q": "nurses"},
    "filter": {"topic": "health"},
    "both": {"q": "nurses", "publication_type": "study"},
}


def _many(db_session, n, offset=0):
    """`n` publications, made in a few statements (the ORM would take a minute): nine in
    ten published, with one to three authors, a topic, a type and a year each, the rest
    drafts. Indexed as `norec search reindex` does, which leaves the drafts out."""
    first = 1_000_000
    people = [
        {
            "id": first + i,
            "given_name": "Author",
            "family_name": f"Many{i:05d}",
            "email": f"many{i}@example.org",
            "country": "NO",
        }
        for i in range(offset, offset + n)
    ]
    db_session.execute(insert(Person), people)
    numbers = range(offset, offset + n)
    db_session.execute(
        insert(Publication),
        [
            {
                "id": first + i,
                "type": TYPES[i % len(TYPES)],
                "state": "draft" if i % 10 == 7 else "published",
                "published_on": None if i % 10 == 7 else datetime.date(2010 + i % 16, 1, 1),
                "topics": [("health", "youth")[i % 2]],
                "sdgs": [3],
                "countries": [("KE", "NP")[i % 2]],
                "links": [],
            }
            for i in numbers
        ],
    )
    db_session.execute(
        insert(PublicationText),
        [
            {
                "publication_id": first + i,
                "language": "en",
                "position": 0,
                "title": f"{'Draft' if i % 10 == 7 else 'Exchange'} report {i}",
                "summary": "Nurses in exchange",
                "abstract": "",
            }
            for i in numbers
        ],
    )
    db_session.execute(
        insert(Author),
        [
            {
                "publication_id": first + i,
                "person_id": first + (i + k) % (offset + n),
                "position": k,
            }
            for i in numbers
            for k in range(1 + i % 3)
        ],
    )
    rebuild_index(db_session, ["research.publication"])
    if db_session.get_bind().dialect.name == "postgresql":
        # What autovacuum does soon after a bulk load (the index's own tables are done).
        db_session.execute(text("ANALYZE research_publication, research_text, research_author"))


def test_a_catalogue_search_costs_the_same_statements_for_10_as_for_2000(
    client, make_user, db_session, query_counter
):
    browsers = {"anonymous": client(), "reader": client(make_user("reader@example.org").email)}

    def counts(published):
        found = {}
        for (who, browser), (kind, search) in itertools.product(browsers.items(), SEARCHES.items()):
            query_counter.reset()
            page = browser.get("/research/publications", search | {"page": "2"})
            found[who, kind] = query_counter.count
            entries = page.html.select("main ol li")
            assert entries, (who, kind)
            # Every line with its authors, none of them a draft, which readers never see.
            assert all("Author Many" in e.get_text() for e in entries), (who, kind)
            assert "Draft report" not in page.text, (who, kind)
        everything = browsers["anonymous"].get("/research/publications")
        assert f"{published} publications" in everything.text
        return found

    _many(db_session, 10)
    few = counts(9)
    _many(db_session, 2000 - 10, offset=10)
    many = counts(1800)
    assert few == many
    # The kinds and permissions in the index, the total, the page's documents, their
    # facets' counts, the page's publications with their texts and authors (one joined
    # query); with a filter, the counts of the filter's own values without it too;
    # logged in, the reader's session first.
    assert few == {
        ("anonymous", "word"): 5,
        ("anonymous", "filter"): 6,
        ("anonymous", "both"): 6,
        ("reader", "word"): 6,
        ("reader", "filter"): 7,
        ("reader", "both"): 7,
    }, few


def test_a_catalogue_line_reads_as_before_from_the_joined_query(client, db_session):
    """The first text's language, every author in order, the year and the type, as the
    line showed them when each was loaded by a query of its own."""
    _many(db_session, 10)
    page = client().get("/research/publications")
    (entry,) = [e for e in page.html.select("main ol li") if e.a.text == "Exchange report 5"]
    assert entry.a["lang"] == "en" and entry.a["href"] == "/research/publications/1000005"
    lines = [div.get_text(" ", strip=True) for div in entry.find_all("div")]
    # Publication 5 has three authors, the people 5, 6 and 7, in their positions' order.
    authors = "Author Many00005; Author Many00006; Author Many00007"
    assert lines == [authors, "2015 · Webinar recording", "Nurses in exchange"]
