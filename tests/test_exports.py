"""Every list as CSV and as a workbook: the rows its filters select, typed in the
workbook, headers in the viewer's language, and the same queries for 10 or 12,000 rows."""

import csv
import datetime
import io

import openpyxl
import pytest
from sqlalchemy import insert

from norec_core.domain.models import Person, PersonLanguage


def test_the_people_list_exports_what_its_filters_select(admin_app, make_person):
    make_person(family_name="Kamau", country="KE", languages=["sw", "en"], city="Nairobi")
    make_person(family_name="Haugen", country="NO")
    page = admin_app.get("/people", {"country": "KE"})
    link = page.html.find("a", string="CSV")["href"]
    assert "country=KE" in link and "format=csv" in link
    response = admin_app.get(link)
    assert response.content_type == "text/csv"
    assert response.content_disposition.startswith('attachment; filename="people-')
    rows = list(csv.reader(io.StringIO(response.body.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Given name", "Family name", "E-mail"]
    assert [r[1] for r in rows[1:]] == ["Kamau"]
    assert sorted(rows[1][5].split(", ")) == ["en", "sw"] and rows[1][4] == "Nairobi"


def test_the_workbook_has_typed_cells_and_headers_in_the_viewer_s_language(
    admin_app, make_activity
):
    make_activity(
        title="Course",
        starts_at=datetime.datetime(2030, 5, 23, 7, 0, tzinfo=datetime.UTC),
        capacity=30,
    )
    admin_app.post("/language", {"language": "nb", "csrf_token": admin_app.csrf_token()})
    response = admin_app.get("/activities", {"format": "xlsx", "when": "all"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.body)).active
    header = [c.value for c in sheet[1]]
    assert header[0] == "Tittel" and "Plasser" in header
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "Course")
    starts = row[header.index("Begynner")]
    assert starts.value == datetime.datetime(2030, 5, 23, 9, 0)  # Oslo time, typed
    assert starts.is_date
    assert row[header.index("Plasser")].value == 30  # a number, not text


@pytest.mark.parametrize(
    "path",
    ["/people", "/organisations", "/partnerships", "/activities?when=all", "/admin/audit"],
)
def test_every_export_costs_the_same_queries_for_10_and_12000_rows(
    admin_app, db_session, query_counter, path
):
    counts = []
    for total in (10, 12_000):
        ids = (
            db_session.execute(
                insert(Person).returning(Person.id),
                [
                    {"given_name": "Bulk", "family_name": f"Person {n}", "country": "NO"}
                    for n in range(total - len(counts) * 10)
                ],
            )
            .scalars()
            .all()
        )
        db_session.execute(insert(PersonLanguage), [{"person_id": i, "code": "nb"} for i in ids])
        db_session.flush()
        for fmt in ("csv", "xlsx"):
            query_counter.reset()
            admin_app.get(path, {"format": fmt})
            counts.append(query_counter.count)
    assert counts[:2] == counts[2:], counts


def test_the_users_export_has_roles_and_never_a_password_hash(admin_app):
    page = admin_app.get("/admin/users")
    response = admin_app.get(page.html.find("a", string="CSV")["href"])
    text = response.body.decode("utf-8-sig")
    assert "admin@test.example.org" in text and "admin" in text
    assert "argon2" not in text


def test_export_file_gives_the_rows_as_bytes_to_attach(app_request, make_person):
    from norec_core import Column, export_file

    people = [make_person(family_name="Kamau"), make_person(family_name="Haugen")]
    columns = [Column("Family name", lambda p: p.family_name)]
    book = openpyxl.load_workbook(io.BytesIO(export_file(app_request, people, columns)))
    assert [[c.value for c in row] for row in book.active.iter_rows()] == [
        ["Family name"],
        ["Kamau"],
        ["Haugen"],
    ]
    text = export_file(app_request, people, columns, "csv").decode("utf-8-sig")
    assert text.splitlines() == ["Family name", "Kamau", "Haugen"]


PAYLOAD = "=CMD|' /C calc'!A0"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_that_would_be_a_formula_stays_text_in_both_files(admin_app, make_person, start):
    make_person(family_name="Kamau", country="KE", city=start + PAYLOAD[1:])
    csv_rows = list(
        csv.reader(io.StringIO(admin_app.get("/people?format=csv").body.decode("utf-8-sig")))
    )
    [row] = [r for r in csv_rows if r[1] == "Kamau"]
    assert row[4] == "'" + start + PAYLOAD[1:]
    sheet = openpyxl.load_workbook(io.BytesIO(admin_app.get("/people?format=xlsx").body)).active
    [cell] = [r[4] for r in sheet.iter_rows(min_row=2) if r[1].value == "Kamau"]
    assert cell.data_type == "s" and cell.value == "'" + start + PAYLOAD[1:]


def test_numbers_stay_numbers_negative_ones_too(app_request, make_person):
    from decimal import Decimal

    from norec_core.exports import Column, export_file

    columns = [Column("Amount", lambda row: Decimal("-1250.50")), Column("Count", lambda row: -3)]
    book = openpyxl.load_workbook(io.BytesIO(export_file(app_request, [object()], columns)))
    assert [c.value for c in book.active[2]] == [-1250.5, -3]
