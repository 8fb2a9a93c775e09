"""Importing the register: a dry run says row by row what would happen and why, the
import does exactly that, and importing the same file again changes nothing. The e-mail
address decides who a row is; a name and country alone never merge anyone."""

from __future__ import annotations

import io

import openpyxl
import pytest
from sqlalchemy import func, select

from norec_core import Person
from norec_network import importing, register_file
from norec_network.models import Alumnus, PastExchange, PossibleMatch

HEADER = (
    "given_name,family_name,email,country,exchange_year,sending_organisation,"
    "receiving_organisation,profession\n"
)
ROWS = [
    "Amina,Okello,amina@example.org,KE,2015,Kisumu Hospital,Haukeland,nurse",
    "Priya,Raman,PRIYA.RAMAN@example.org,IN,2019;2021,CMC Vellore,Haukeland,nurse",
    "Bishnu,Thapa,,Nepal,2012,Dhulikhel Hospital,Oslo,doctor",
    ",Nameless,nameless@example.org,KE,2010,,,",
    "Bad,Address,not-an-address,KE,2010,,,",
    "Far,Away,far@example.org,Atlantis,2010,,,",
    "Too,Early,early@example.org,NO,1950,,,",
    "Amina,Okello,amina@example.org,KE,2016,Kisumu Hospital,Bergen,nurse",
]


def _file(rows=ROWS, header=HEADER) -> bytes:
    return (header + "\n".join(rows) + "\n").encode()


@pytest.fixture
def known(make_person):
    priya = make_person(
        given_name="Priya", family_name="Raman", email="priya.raman@example.org", country="IN"
    )
    bishnu = make_person(given_name="Bishnu", family_name="Thapa", email=None, country="NP")
    return priya, bishnu


def _plan(db_session, data=None, filename="register.csv"):
    return importing.plan(db_session, register_file.read(filename, data or _file()))


def _text(app_request, reasons):
    return [app_request.localizer.translate(r) for r in reasons]


def test_a_dry_run_says_what_each_row_would_do(app_request, db_session, known):
    priya, bishnu = known
    rows = _plan(db_session)
    assert [(r.number, r.action) for r in rows] == [
        (2, "create"),
        (3, "update"),  # her e-mail, whatever its case
        (4, "review"),  # Bishnu's name and country (Nepal is NP), but no address to tell
        (5, "reject"),
        (6, "reject"),
        (7, "reject"),
        (8, "reject"),
        (9, "update"),  # Amina again, further down: joined to row 2
    ]
    assert rows[1].person_id == priya.id
    assert rows[2].person_id is None and rows[2].candidates == [bishnu.id]
    assert [e[0] for e in rows[1].exchanges] == [2019, 2021]
    assert _text(app_request, rows[3].reasons) == ["The given and the family name are both needed."]
    assert _text(app_request, rows[4].reasons) == ["«not-an-address» is not an e-mail address."]
    assert _text(app_request, rows[5].reasons) == ["«Atlantis» is not a country we know."]
    assert "between 1963 and" in _text(app_request, rows[6].reasons)[0]
    assert _text(app_request, rows[7].reasons) == ["The same person as on row 2."]
    assert importing.counts(rows) == {
        "create": 1,
        "update": 2,
        "review": 1,
        "unchanged": 0,
        "reject": 4,
    }
    # A dry run changes nothing.
    assert db_session.scalar(select(func.count()).select_from(Alumnus)) == 0


def test_the_import_does_what_the_dry_run_said_and_twice_is_once(db_session, known):
    priya, bishnu = known
    people = db_session.scalar(select(func.count()).select_from(Person))
    run = importing.apply(db_session, _plan(db_session), "register.csv")
    assert (run.created, run.updated, run.to_review, run.rejected) == (1, 2, 1, 4)
    assert db_session.scalar(select(func.count()).select_from(Person)) == people + 1
    amina = db_session.scalars(select(Person).where(Person.email == "amina@example.org")).one()
    register = {
        a.person_id: sorted((e.year, e.receiving) for e in a.exchanges)
        for a in db_session.scalars(select(Alumnus))
    }
    assert register == {
        amina.id: [(2015, "Haukeland"), (2016, "Bergen")],
        priya.id: [(2019, "Haukeland"), (2021, "Haukeland")],
    }
    # Bishnu's row waits whole for an adviser, nothing of it lost.
    (match,) = db_session.scalars(select(PossibleMatch)).all()
    assert match.decision is None and match.candidate_ids == [bishnu.id]
    assert match.values["given_name"] == "Bishnu" and match.values["country"] == "NP"
    assert match.exchanges == [[2012, "Dhulikhel Hospital", "Oslo", "doctor"]]
    # The file again: nothing added, and the waiting row is not asked about twice.
    again = _plan(db_session)
    assert {r.action for r in again} == {"unchanged", "reject", "review"}
    assert all(r.waiting for r in again if r.action == "review")
    importing.apply(db_session, again, "register.csv")
    assert db_session.scalar(select(func.count()).select_from(PastExchange)) == 4
    assert db_session.scalar(select(func.count()).select_from(Person)) == people + 1
    assert db_session.scalar(select(func.count()).select_from(PossibleMatch)) == 1


def test_a_workbook_with_its_own_headers(db_session):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Fornamn", "Etternamn", "E-post", "Land", "År"])
    sheet.append(["Kari", "Nordmann", "kari@example.org", "Noreg", 2001])
    data = io.BytesIO()
    book.save(data)
    mapping = {
        "Fornamn": "given_name",
        "Etternamn": "family_name",
        "E-post": "email",
        "Land": "country",
        "År": "exchange_year",
    }
    records = register_file.read("arkiv.xlsx", data.getvalue(), mapping)
    (row,) = importing.plan(db_session, records)
    assert row.action == "create" and row.values["country"] == "NO"
    assert row.exchanges == [(2001, "", "", "")]


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("a.xlsx", b"not a workbook", "not an Excel workbook"),
        ("a.csv", "æ".encode("latin-1"), "not text in UTF-8"),
        ("a.csv", b"", "no rows"),
        (
            "a.csv",
            b"email,country\nx@example.org,NO\n",
            "these are missing: given_name, family_name",
        ),
    ],
)
def test_a_file_that_cannot_be_read_says_why(app_request, filename, data, message):
    with pytest.raises(register_file.UnreadableFile) as refused:
        register_file.read(filename, data)
    assert message in app_request.localizer.translate(refused.value.args[0])


def test_a_known_name_with_another_address_is_never_merged(app_request, db_session, make_person):
    ola = make_person(
        given_name="Ola", family_name="Nordmann", email="ola@old.example.org", country="NO"
    )
    (row,) = _plan(db_session, _file(["  Ola , NORDMANN, Ola@New.Example.org ,Norway,2010,,,"]))
    assert row.action == "review" and row.candidates == [ola.id]
    assert "an adviser decides" in _text(app_request, row.reasons)[0]
    importing.apply(db_session, [row], "register.csv")
    db_session.refresh(ola)
    assert ola.email == "ola@old.example.org"  # nothing merged, nothing overwritten
    assert db_session.scalar(select(func.count()).select_from(Alumnus)) == 0
    (match,) = db_session.scalars(select(PossibleMatch)).all()
    assert match.values["email"] == "ola@new.example.org"  # the file's address is kept


def test_several_people_of_one_name_are_all_offered(db_session, make_person):
    banda = [
        make_person(given_name="John", family_name="Banda", email=email, country="MW")
        for email in ("a@example.org", "b@example.org")
    ]
    (row,) = _plan(db_session, _file(["John,Banda,,MW,2010,,,"]))
    assert row.action == "review" and row.candidates == [p.id for p in banda]


def test_a_row_of_the_file_can_be_the_possible_match_of_an_earlier_one(db_session):
    rows = _plan(
        db_session,
        _file(
            [
                "Grace,Mwale,grace@example.org,MW,2011,,,",
                "Grace,Mwale,,MW,2013,,,",  # no address: perhaps Grace of row 2
                "Grace,Mwale,,MW,2013,,,",  # the same row again: asked about once
            ]
        ),
    )
    assert [r.action for r in rows] == ["create", "review", "review"]
    assert rows[1].candidate_rows == [2] and rows[2].waiting
    importing.apply(db_session, rows, "register.csv")
    grace = db_session.scalars(select(Person).where(Person.email == "grace@example.org")).one()
    (match,) = db_session.scalars(select(PossibleMatch)).all()
    assert match.candidate_ids == [grace.id] and match.row_number == 3


def test_addresses_are_the_platforms_everywhere(db_session):
    """The import takes the addresses every form takes, internationalised ones too."""
    rows = _plan(
        db_session,
        _file(
            [
                "Bjørn,Achieng,bjørn.achieng@example.org,KE,2010,,,",
                "Anna,Müller,anna@bücher.de,DE,2011,,,",
            ]
        ),
    )
    assert [r.action for r in rows] == ["create", "create"]


def test_a_completed_exchange_puts_its_participant_in_the_register(
    app_request, db_session, make_person, make_organisation
):
    import datetime

    from norec_core import Exchange, exchange_completed

    asha = make_person(given_name="Asha", email="asha@example.org", country="IN")
    vellore, bergen = make_organisation(name="Vellore"), make_organisation(name="Bergen")
    exchange = Exchange(
        person=asha,
        sending_organisation=vellore,
        receiving_organisation=bergen,
        country="NO",
        starts_on=datetime.date(2026, 2, 1),
        ends_on=datetime.date(2026, 7, 31),
    )
    exchange_completed(app_request, exchange)
    exchange_completed(app_request, exchange)  # announced twice: recorded once
    (alumnus,) = db_session.scalars(select(Alumnus)).all()
    assert alumnus.person_id == asha.id and alumnus.source == "grants"
    assert [(e.year, e.sending, e.receiving) for e in alumnus.exchanges] == [
        (2026, "Vellore", "Bergen")
    ]
