"""The caseworkers' queue: filtered, exported with one column per field, and as cheap with
5,000 applications as with 10."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
from sqlalchemy import func, insert, select, text

from norec_core import now
from norec_grants.models import Application, Assignment, PlannedExchange
from norec_grants.workflow import STATE_TITLES


def _fill(db_session, call, partnership, start, rows, state="submitted"):
    moment = now()
    db_session.execute(
        insert(Application),
        [
            {
                "call_id": call.id,
                "partnership_id": partnership.id,
                "state": state,
                "title": f"Application {n}",
                "summary": "",
                "goals": "",
                "language": "en",
                "created_at": moment,
                "updated_at": moment,
                "revision": 1,
            }
            for n in range(start, start + rows)
        ],
    )


def test_the_queue_is_for_caseworkers(client, make_user, contacts):
    client(contacts[0].email).get("/grants/applications", status=403)
    client(make_user("cw@norec.example.org", roles=["caseworker"]).email).get(
        "/grants/applications"
    )


def test_filters_and_exports(
    client, make_user, db_session, open_call, hospitals, make_partnership, make_organisation
):
    partnership, bergen, vellore = hospitals
    kenyan = make_partnership(
        title="Farmers", organisations=[bergen, make_organisation(name="Kisumu", country="KE")]
    )
    _fill(db_session, open_call, partnership, 0, 3)
    _fill(db_session, open_call, kenyan, 3, 2, state="screening")
    application = db_session.query(Application).filter_by(title="Application 0").one()
    application.exchanges = [
        PlannedExchange(
            year=2027, sending=bergen, receiving=vellore, participants=2, profession="x", months=6
        )
    ]
    db_session.flush()
    norec = client(make_user("cw2@norec.example.org", roles=["caseworker"]).email)
    page = norec.get("/grants/applications", {"country": "KE"})
    assert "Showing 1–2 of 2" in page.text and "Kisumu" in page.text
    page = norec.get("/grants/applications", {"state": "submitted", "q": "application 1"})
    assert "Showing 1–1 of 1" in page.text
    assert norec.get("/grants/applications", {"state": "no-such"}).status_int == 200

    response = norec.get("/grants/applications", {"format": "csv", "country": "IN"})
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert rows[0] == [
        "Number",
        "Title",
        "Call",
        "Partnership",
        "Organisations",
        "Countries",
        "State",
        "Submitted",
        "Participants",
        "Budget",
        "Currency",
    ]
    assert len(rows) == 4
    first = next(r for r in rows if r[1] == "Application 0")
    assert first[5] == "IN, NO" and first[8] == "2"
    assert first[9] == "138006.00"  # travel 24,000 and stay 114,006: a plain number
    response = norec.get("/grants/applications", {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.body)).active
    assert sheet.max_row == 6 and sheet.cell(1, 1).value == "Number"


def _many(db_session, calls, partnerships, assessors, offset, n):
    """`n` applications past the first `offset`, in a few statements (the ORM would take
    a minute): spread over `calls` and `partnerships`, in every state in turn, each with
    an exchange planned, and the assessed ones with an assessor of `assessors`."""
    first = db_session.scalar(select(func.max(Application.id))) or 0
    states = list(STATE_TITLES)
    moment = now()
    numbers = range(offset, offset + n)
    rows = []
    for i in numbers:
        state = states[i % len(states)]
        rows.append(
            {
                "id": first + i + 1 - offset,
                "call_id": calls[i % len(calls)].id,
                "partnership_id": partnerships[i % len(partnerships)].id,
                "state": state,
                "title": f"{('Nurses', 'Farmers', 'Teachers')[i % 3]} learn together {i}",
                "summary": "",
                "goals": "",
                "language": "en",
                "created_at": moment,
                # Each a minute older than the last: the queue shows the latest first.
                "updated_at": moment - datetime.timedelta(minutes=i),
                "submitted_at": None if state == "draft" else moment,
                "revision": 1,
            }
        )
    db_session.execute(insert(Application), rows)
    db_session.execute(
        insert(PlannedExchange),
        [
            {
                "application_id": row["id"],
                "year": 2027,
                "sending_id": partnerships[0].organisations[0].id,
                "receiving_id": partnerships[0].organisations[1].id,
                "participants": 2,
                "profession": "nurses",
                "months": 6,
            }
            for row in rows
        ],
    )
    db_session.execute(
        insert(Assignment),
        [
            {"application_id": row["id"], "user_id": assessors[i % len(assessors)].id}
            for i, row in zip(numbers, rows, strict=True)
            if row["state"] in ASSESSED
        ],
    )
    db_session.flush()
    if db_session.get_bind().dialect.name == "postgresql":
        # What autovacuum does once such a load commits, which inside the test's
        # transaction it never does: without it the planner guesses at empty tables.
        db_session.execute(
            text("ANALYZE grants_application, grants_planned_exchange, grants_assignment")
        )


ASSESSED = ("in_assessment", "approved", "rejected", "in_progress", "closed")


def test_a_queue_page_costs_the_same_statements_for_10_as_for_5000(
    client,
    make_user,
    db_session,
    open_call,
    closed_call,
    make_organisation,
    make_partnership,
    query_counter,
):
    norway, kenya, india = (
        make_organisation(name=f"Partner in {c}", country=c) for c in ("NO", "KE", "IN")
    )
    # More partnerships than the 10 applications have: a row's partnership or call read
    # row by row would cost 10 statements at 10 and 25 at 5,000.
    partnerships = [
        make_partnership(organisations=[norway, (kenya, india)[n % 2]]) for n in range(30)
    ]
    assessors = [make_user(f"assessor{n}@queue.example.org") for n in range(2)]
    calls = [open_call, closed_call]
    norec = client(make_user("cw6@norec.example.org", roles=["caseworker"]).email)
    # What a caseworker asks of the queue, each on its second page: the whole queue, a
    # state, a call and a state, a country, an organisation, an assessor, a word.
    asked = {
        "all": {},
        "state": {"state": "in_assessment"},
        "call and state": {"call": str(closed_call.id), "state": "rejected"},
        "country": {"country": "KE"},
        "organisation": {"organisation": str(india.id)},
        "assessor": {"assessor": str(assessors[1].id)},
        "word": {"q": "nurses"},
    }

    def counts():
        found = {}
        for kind, params in asked.items():
            query_counter.reset()
            page = norec.get("/grants/applications", params | {"page": "2"})
            found[kind] = query_counter.count
            assert "learn together" in page.text, kind  # rows shown, their records loaded
        return found

    _many(db_session, calls, partnerships, assessors, 0, 10)
    few = counts()
    _many(db_session, calls, partnerships, assessors, 10, 4990)
    many = counts()
    assert few == many
    # The caseworker's session; the calls, assessors and organisations the filters
    # offer; the matches counted; the page's rows with their calls and partnerships;
    # the partnerships' organisations.
    assert set(few.values()) == {7}, few


def test_the_queue_filters_by_assessor(client, make_user, db_session, open_call, hospitals):
    from norec_grants.assessment import assign

    _fill(db_session, open_call, hospitals[0], 0, 3)
    reviewer = make_user("reviewer@queue.example.org")
    first = db_session.query(Application).filter_by(title="Application 1").one()
    assign(db_session, first, reviewer)
    norec = client(make_user("cw4@norec.example.org", roles=["caseworker"]).email)
    page = norec.get("/grants/applications", {"assessor": str(reviewer.id)})
    assert "Showing 1–1 of 1" in page.text and "Application 1" in page.text
    options = page.html.find("select", {"name": "assessor"}).find_all("option")
    assert [o.text for o in options] == ["All", "reviewer@queue.example.org"]


def test_an_organisations_applications_with_their_exports(
    client, make_user, db_session, application, hospitals, contacts
):
    _partnership, bergen, _vellore = hospitals
    norec = client(make_user("cw5@norec.example.org", roles=["caseworker"]).email)
    page = norec.get(f"/organisations/{bergen.id}")
    assert "Nurses learn together" in page.text
    everything = page.click(description="All of them, with CSV and Excel downloads")
    assert "Showing 1–1 of 1" in everything.text
    response = norec.get("/grants/applications", {"organisation": bergen.id, "format": "csv"})
    assert "Nurses learn together" in response.text
    # The contact person sees their own, and downloads them from their page.
    kari = client(contacts[0].email)
    assert "Nurses learn together" in kari.get(f"/organisations/{bergen.id}").text
    mine = kari.get("/grants/applications/mine", {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(mine.body)).active
    assert sheet.cell(2, 2).value == "Nurses learn together"
    # Anyone else sees none.
    assert "Nurses learn together" not in client().get(f"/organisations/{bergen.id}").text


def test_filters_beyond_any_record_find_nothing_and_fail_nothing(client, make_user):
    norec = client(make_user("cw4@norec.example.org", roles=["caseworker"]).email)
    for value in ("99999999999999999999", "²", "-1"):
        page = norec.get(
            "/grants/applications", {"organisation": value, "call": value, "assessor": value}
        )
        assert page.status_int == 200
