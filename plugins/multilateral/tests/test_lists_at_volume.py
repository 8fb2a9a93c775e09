"""The list of posts and a post's applications at the agency's volume (200 posts, 5,000
applications): the same number of statements for 10 as for all of them, and a post's
applications a page at a time, each application on one page only."""

from __future__ import annotations

import csv
import datetime
import io
import re

from sqlalchemy import func, insert, select, text

from norec_core import Organisation, Person, now
from norec_multilateral.models import Candidacy, Candidate, MultilateralPost

PROGRAMMES = ("jpo", "unv", "senior")
# A rule not met, as applying keeps it: the page puts it in words for the adviser.
TOO_OLD = {"rule": "age", "ok": False, "values": {"limit": 32, "age": 35}}


def _next_id(db_session, model) -> int:
    return (db_session.scalar(select(func.max(model.id))) or 0) + 1


def _analyze(db_session, *tables) -> None:
    if db_session.get_bind().dialect.name == "postgresql":
        # What autovacuum does once such a load commits, which inside the test's
        # transaction it never does: without it the planner guesses at the rows' number.
        db_session.execute(text(f"ANALYZE {', '.join(tables)}"))


def _posts(db_session, n, offset=0):
    """`n` posts, each in an organisation of its own (so that an organisation loaded
    row by row would cost a statement a row), every tenth a draft; made in two
    statements (the ORM would take seconds)."""
    organisations = _next_id(db_session, Organisation)
    db_session.execute(
        insert(Organisation),
        [
            {"id": organisations + i, "name": f"Agency {offset + i}", "country": "US"}
            | {"kind": "international"}
            for i in range(n)
        ],
    )
    deadline = now() + datetime.timedelta(days=30)
    db_session.execute(
        insert(MultilateralPost),
        [
            {
                "programme": PROGRAMMES[(offset + i) % 3],
                "organisation_id": organisations + i,
                "title": f"Officer {offset + i:04d}",
                "duty_station": "Nairobi",
                "country": "KE",
                "grade": "P-2",
                "deadline": deadline + datetime.timedelta(minutes=offset + i),
                "published": (offset + i) % 10 != 9,
                "citizenship": [],
                "languages": [],
            }
            for i in range(n)
        ],
    )
    _analyze(db_session, "organisation", "multilateral_post")


def _applications(db_session, post, n, offset=0):
    """`n` applications for `post`, each of a candidate of their own, half of them
    missing a rule; made in three statements."""
    people = _next_id(db_session, Person)
    candidates = _next_id(db_session, Candidate)
    db_session.execute(
        insert(Person),
        [
            {
                "id": people + i,
                "given_name": f"Applicant{offset + i:05d}",
                "family_name": "Many",
                "email": f"applicant{offset + i}@example.org",
                "expertise": [],
                "visibility": {},
            }
            for i in range(n)
        ],
    )
    db_session.execute(
        insert(Candidate), [{"id": candidates + i, "person_id": people + i} for i in range(n)]
    )
    received = now() - datetime.timedelta(days=10)
    db_session.execute(
        insert(Candidacy),
        [
            {
                "post_id": post.id,
                "candidate_id": candidates + i,
                "person_id": people + i,
                "submitted_at": received + datetime.timedelta(seconds=offset + i),
                "eligible": (offset + i) % 2 == 0,
                "checks": [] if (offset + i) % 2 == 0 else [TOO_OLD],
                "state": "submitted",
            }
            for i in range(n)
        ],
    )
    _analyze(db_session, "person", "multilateral_candidate", "multilateral_application")


def test_the_posts_cost_the_same_statements_for_10_as_for_200(
    client, recruiter, db_session, query_counter
):
    browsers = {"anonymous": client(), "adviser": recruiter}

    def counts():
        found = {}
        for who, browser in browsers.items():
            query_counter.reset()
            # Page 2 of the JPO posts: of 10, the first and last; of 200, the middle one.
            page = browser.get("/multilateral/posts", {"programme": "jpo", "page": "2"})
            found[who] = query_counter.count
            assert "Officer 0" in page.text and "Agency" in page.text, who
        return found

    _posts(db_session, 10)
    few = counts()
    _posts(db_session, 200 - 10, offset=10)
    many = counts()
    assert few == many
    # The posts counted, the page's posts and their organisations; the adviser's
    # login session too.
    assert few == {"anonymous": 3, "adviser": 4}, few


def test_a_posts_applications_cost_the_same_statements_for_10_as_for_5000(
    make_post, recruiter, db_session, query_counter
):
    post = make_post()

    def count():
        query_counter.reset()
        # Page 2: of 10, the only page; of 5,000, one read in the order's index.
        page = recruiter.get(f"/multilateral/posts/{post.id}/applications", {"page": "2"})
        assert "Applicant0" in page.text
        return query_counter.count

    _applications(db_session, post, 10)
    few = count()
    _applications(db_session, post, 5000 - 10, offset=10)
    assert count() == few
    # The post, the adviser's login session and their roles on the post, the
    # applications counted, and the page's applications with their candidates and
    # their people, joined.
    assert few == 5


def test_a_posts_applications_are_paged_each_once_eligible_first(make_post, recruiter, db_session):
    post = make_post()
    _applications(db_session, post, 60)
    path = f"/multilateral/posts/{post.id}/applications"
    shown = []
    for number in (1, 2, 3):
        page = recruiter.get(path, {"page": str(number)})
        shown += re.findall(r">(Applicant\d+) Many<", page.text)
    assert "Showing 51–60 of 60" in page.text
    # Eligible (the even ones) first, each group as it came; all 60, none twice.
    assert shown == [f"Applicant{i:05d}" for i in [*range(0, 60, 2), *range(1, 60, 2)]]
    # The download is every application still, not a page of them.
    rows = list(csv.reader(io.StringIO(recruiter.get(path, {"format": "csv"}).text)))
    assert len(rows) == 61
