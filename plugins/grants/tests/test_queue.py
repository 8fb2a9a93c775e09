"""The caseworkers' queue: filtered, exported with one column per field, and as cheap with
5,000 applications as with 10."""

from __future__ import annotations

import csv
import io

import openpyxl
from sqlalchemy import insert

from norec_core import now
from norec_grants.models import Application, PlannedExchange


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


def _queries(client, query_counter) -> int:
    query_counter.reset()
    client.get("/grants/applications")
    return query_counter.count


def test_the_queue_costs_the_same_queries_from_10_to_5000(
    client, make_user, db_session, open_call, hospitals, query_counter
):
    norec = client(make_user("cw3@norec.example.org", roles=["caseworker"]).email)
    _fill(db_session, open_call, hospitals[0], 0, 10)
    few = _queries(norec, query_counter)
    _fill(db_session, open_call, hospitals[0], 10, 4990)
    assert _queries(norec, query_counter) == few


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
