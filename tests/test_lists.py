"""Paged lists: every page holds the right rows in their order, filters kept, and a page far
down costs the queries of the first."""

import pytest
from sqlalchemy import event, insert, select

from norec_core.domain.models import Person
from norec_core.lists import PAGE_SIZE


@pytest.fixture
def people(db_session):
    # Inserted out of order, with family names shared, so that the id decides ties.
    rows = [
        {
            "given_name": f"G{n % 7}",
            "family_name": f"Family{n % 13:02d}",
            "email": f"list{n}@example.org",
            "country": "NO" if n % 2 else "KE",
        }
        for n in reversed(range(3 * PAGE_SIZE + 5))
    ]
    db_session.execute(insert(Person), rows)
    return db_session.scalars(
        select(Person)
        .where(Person.email.like("list%"))
        .order_by(Person.family_name, Person.given_name, Person.id)
    ).all()


def _names(page) -> list[str]:
    return [link.text for link in page.html.select("main table tbody tr td:first-child a")]


def test_each_page_holds_its_rows_in_order(admin_app, people, pages_made_anew, query_counter):
    names = [f"{p.family_name}, {p.given_name}" for p in people]
    # Four pages, the last short: the first two read forwards, the others from the end.
    seen, counts = [], []
    for number in (1, 2, 3, 4):
        query_counter.reset()
        seen += _names(admin_app.get("/people", {"q": "list", "page": number}))
        counts.append(query_counter.count)
    assert seen == names
    assert len(set(counts)) == 1
    # Filtered, and beyond the last page: the last page.
    kenyans = [f"{p.family_name}, {p.given_name}" for p in people if p.country == "KE"]
    seen = []
    for number in (1, 99):
        seen += _names(admin_app.get("/people", {"q": "list", "country": "KE", "page": number}))
    assert seen == kenyans


@pytest.mark.norec_backends("sqlite")
def test_rows_skipped_are_read_from_the_index_alone(admin_app, people, db_connection):
    executed = []

    def note(_conn, _cursor, statement, parameters, _context, _executemany):
        if "LIMIT" in statement and "person.id IN" in statement:
            executed.append((statement, parameters))

    event.listen(db_connection, "before_cursor_execute", note)
    try:
        admin_app.get("/people", {"page": 2})  # read forwards
        admin_app.get("/people", {"page": 3})  # from the end
    finally:
        event.remove(db_connection, "before_cursor_execute", note)
    assert len(executed) == 2
    for statement, parameters in executed:
        plan = db_connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        details = " | ".join(row[-1] for row in plan)
        assert "USING COVERING INDEX ix_person_sort_name" in details, details
