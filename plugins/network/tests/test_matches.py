"""Possible matches of the register's import: an adviser sees the file's row beside each
person it may be and decides; the decision is carried out without losing anything, and
the same row in a later file follows it instead of asking again."""

from __future__ import annotations

from sqlalchemy import func, select
from webtest import Upload

from norec_core import Person, erase_person, merge_people
from norec_network import importing, matches, register_file
from norec_network.models import Alumnus, PossibleMatch

HEADER = (
    "given_name,family_name,email,country,exchange_year,sending_organisation,"
    "receiving_organisation,profession\n"
)


_MATCHES_TASK = "Decide whether imported people are already in the register"


def _import(adviser, rows):
    form = adviser.get("/network/register/import").forms["import"]
    form["upload"] = Upload("arkiv.csv", (HEADER + "\n".join(rows) + "\n").encode(), "text/csv")
    return form.submit("run")


def _adviser(client, make_user):
    return client(make_user("adviser@network.example.org", roles=["network_adviser"]).email)


def _known(make_person):
    return make_person(
        given_name="Ola", family_name="Nordmann", email="ola@old.example.org", country="NO"
    )


def test_the_same_person_with_a_new_address(client, make_user, make_person, db_session):
    ola = _known(make_person)
    adviser = _adviser(client, make_user)
    page = _import(adviser, ["Ola,Nordmann,ola@new.example.org,NO,2010,Bergen,Kampala,nurse"])
    assert page.location.endswith("/network/register/matches")  # since one waits
    page = page.follow()
    assert "To decide (1)" in page.text
    # The adviser's front page asks for the decision, with how many wait.
    task = adviser.get("/").html.find("a", string=_MATCHES_TASK)
    assert task["href"] == "/network/register/matches"
    assert task.find_parent("li").find(class_="badge").text == "1"
    assert "Ola Nordmann" in page.text and "ola@new.example.org" in page.text
    page = page.click("Ola Nordmann")
    # The row beside the person it may be.
    cells = [td.text for td in page.html.select("tbody tr")[1].select("td")]
    assert cells == ["ola@new.example.org", "ola@old.example.org"]
    form = page.forms["match"]
    form["decision"] = str(ola.id)
    form["take_address"] = True
    page = form.submit().follow()
    assert "Nothing to decide." in page.text
    assert _MATCHES_TASK not in adviser.get("/").text
    db_session.expire_all()
    assert db_session.get(Person, ola.id).email == "ola@new.example.org"
    (alumnus,) = db_session.scalars(select(Alumnus)).all()
    assert alumnus.person_id == ola.id
    assert [(e.year, e.receiving) for e in alumnus.exchanges] == [(2010, "Kampala")]
    # The same file again: it is Ola now, by the address; nothing new to decide.
    page = _import(adviser, ["Ola,Nordmann,ola@new.example.org,NO,2010,Bergen,Kampala,nurse"])
    assert "0 to decide, 1 unchanged" in page.follow().text
    decided = adviser.get("/network/register/matches", {"decided": "1"})
    assert "the same person" in decided.text


def test_the_same_person_keeps_their_address_unless_told(
    client, make_user, make_person, db_session
):
    ola = _known(make_person)
    adviser = _adviser(client, make_user)
    _import(adviser, ["Ola,Nordmann,,NO,2010,,,"])
    (match,) = db_session.scalars(select(PossibleMatch)).all()
    form = adviser.get(f"/network/register/matches/{match.id}").forms["match"]
    assert "take_address" not in form.fields  # the row has no address to take
    form["decision"] = str(ola.id)
    form.submit().follow()
    db_session.expire_all()
    assert db_session.get(Person, ola.id).email == "ola@old.example.org"
    # Without an address, the row is known by what the adviser decided.
    (row,) = importing.plan(
        db_session, register_file.read("a.csv", (HEADER + "Ola,Nordmann,,NO,2010,,,\n").encode())
    )
    assert row.action == "unchanged" and row.person_id == ola.id


def test_someone_else_is_added_from_the_row(client, make_user, make_person, db_session):
    ola = _known(make_person)
    adviser = _adviser(client, make_user)
    _import(adviser, ["Ola,Nordmann,ola.n@example.org,NO,1999,Oslo,Dhaka,teacher"])
    (match,) = db_session.scalars(select(PossibleMatch)).all()
    page = adviser.get(f"/network/register/matches/{match.id}")
    form = page.forms["match"]
    form["decision"] = "different"
    form.submit().follow()
    db_session.expire_all()
    other = db_session.scalars(select(Person).where(Person.email == "ola.n@example.org")).one()
    assert other.id != ola.id and (other.given_name, other.country) == ("Ola", "NO")
    assert db_session.get(Person, ola.id).email == "ola@old.example.org"
    page = adviser.get(f"/network/register/matches/{match.id}")
    assert "Someone else, added as" in page.text and "match" not in page.forms
    ola_count = select(func.count()).select_from(Person).where(Person.given_name == "Ola")
    assert db_session.scalar(ola_count) == 2


def test_a_decision_must_be_made(client, make_user, make_person, db_session):
    _known(make_person)
    adviser = _adviser(client, make_user)
    _import(adviser, ["Ola,Nordmann,ola.n@example.org,NO,1999,,,"])
    (match,) = db_session.scalars(select(PossibleMatch)).all()
    page = adviser.get(f"/network/register/matches/{match.id}").forms["match"].submit(status=422)
    assert "Required" in page.text or "Påkravd" in page.text
    member = client(make_user("member@network.example.org").email)
    member.get(f"/network/register/matches/{match.id}", status=403)
    member.get("/network/register/matches", status=403)


def test_an_address_someone_took_meanwhile_is_refused(client, make_user, make_person, db_session):
    ola = _known(make_person)
    adviser = _adviser(client, make_user)
    _import(adviser, ["Ola,Nordmann,ola.n@example.org,NO,1999,,,"])
    (match,) = db_session.scalars(select(PossibleMatch)).all()
    form = adviser.get(f"/network/register/matches/{match.id}").forms["match"]
    make_person(given_name="Olav", family_name="N", email="ola.n@example.org")
    form["decision"] = str(ola.id)
    form["take_address"] = True
    page = form.submit(status=409)
    assert "ola.n@example.org is the address of Olav N now" in page.text
    db_session.expire_all()
    assert db_session.get(PossibleMatch, match.id).decision is None


def test_merging_and_erasing_people_keep_the_matches_true(app_request, db_session, make_person):
    ola = _known(make_person)
    twin = make_person(
        given_name="Ola", family_name="Nordmann", email="ola2@example.org", country="NO"
    )
    rows = importing.plan(
        db_session, register_file.read("a.csv", (HEADER + "Ola,Nordmann,,NO,2010,,,\n").encode())
    )
    importing.apply(db_session, rows, "a.csv")
    (match,) = db_session.scalars(select(PossibleMatch)).all()
    assert match.candidate_ids == [ola.id, twin.id]
    merge_people(app_request, kept=ola, merged=twin)
    db_session.flush()
    db_session.refresh(match)
    assert match.candidate_ids == [ola.id]
    # A decided match holds the row that was the person: erasing them erases it.
    matches.same_person(db_session, match, ola, take_address=False)
    db_session.flush()
    erase_person(app_request, ola, "asked to be forgotten")
    db_session.flush()
    assert db_session.scalar(select(func.count()).select_from(PossibleMatch)) == 0
