"""Importing the register of former participants from Norec's archive (CSV or XLSX).

A dry run (`plan`) says, row by row, what the import would do and why; the import
(`apply`) does exactly that. People already in the core are matched, never copied, and
the e-mail address decides: a row with a known address adds to that person. A row with
the name and country of someone known but another address, or none, is never merged:
it waits whole as a possible match until an adviser decides (`matches`). Importing the
same file twice changes nothing the second time. The whole file is read and matched in
memory against one query's worth of people, so 12,000 rows take seconds.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from babel import Locale
from sqlalchemy import select
from sqlalchemy.orm import Session

from norec_core import Person, now, valid_email
from norec_network.i18n import _
from norec_network.models import Alumnus, ImportRun, PastExchange, PossibleMatch
from norec_network.register_file import FIELDS, name_key

ACTIONS = ("create", "update", "review", "unchanged", "reject")
FIRST_YEAR = 1963  # Fredskorpset's first volunteers


def _countries() -> dict[str, str]:
    """Country codes by their names in English, bokmål and nynorsk, and by themselves."""
    found: dict[str, str] = {}
    for language in ("en", "nb", "nn"):
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha():
                found[name_key(name)] = code
                found[code.casefold()] = code
    return found


@dataclass
class Row:
    """What the import does with one row of the file (numbered as a spreadsheet shows it)."""

    number: int
    values: dict
    action: str = "create"
    reasons: list = field(default_factory=list)
    person_id: int | None = None
    exchanges: list = field(default_factory=list)  # (year, sending, receiving, profession)
    # A possible match: the people it may be, and rows of this file creating someone it
    # may be (they have an id only once imported); `waiting` if asked about already.
    candidates: list = field(default_factory=list)
    candidate_rows: list = field(default_factory=list)
    key: str = ""
    waiting: bool = False


def rowname_key(given: str, family: str, email: str, country: str | None) -> str:
    """What makes a row the same row in another file: names as compared, the address
    and the country."""
    text = "\x1f".join((name_key(given), name_key(family), email.casefold(), country or ""))
    return hashlib.sha256(text.encode()).hexdigest()


def _years(text: str) -> list[int] | None:
    parts = [p for p in re.split(r"[;,/\s]+", text or "") if p]
    try:
        years = sorted({int(float(p)) for p in parts})
    except ValueError:
        return None
    return years


@dataclass
class _Known:
    """What the core and the register already hold, indexed for matching rows to it."""

    by_email: dict[str, int]
    by_name: dict[tuple, list[int]]
    exchanges: set  # (person_id, year, sending, receiving) as compared
    asked: dict[str, tuple]  # row key: (decision, person_id)


@dataclass
class _Seen:
    """What the rows above in the file planned."""

    planned: dict[str, Row] = field(default_factory=dict)  # creating someone, by e-mail or name
    names: dict[tuple, list[Row]] = field(default_factory=dict)
    reviewing: dict[str, Row] = field(default_factory=dict)  # waiting for an adviser, by key


def plan(session: Session, records: list[dict]) -> list[Row]:
    """What importing `records` would do, row by row, without changing anything."""
    countries = _countries()
    known = _known(session)
    this_year = now().year
    seen = _Seen()
    found = []
    for number, values in enumerate(records, start=2):
        row = Row(number, values)
        found.append(row)
        years = _checked(row, countries, this_year)
        if years is not None:
            _place(row, years, known, seen)
    return found


def _known(session: Session) -> _Known:
    # In the order of their ids: the people a row may be are offered oldest first.
    people = session.execute(
        select(
            Person.id, Person.email, Person.given_name, Person.family_name, Person.country
        ).order_by(Person.id)
    ).all()
    by_email = {e.casefold(): i for i, e, _g, _f, _c in people if e}
    by_name: dict[tuple, list[int]] = {}
    for i, _e, given, family, country in people:
        by_name.setdefault((name_key(given), name_key(family), country), []).append(i)
    exchanges = {
        (person_id, year, name_key(sending), name_key(receiving))
        for person_id, year, sending, receiving in session.execute(
            select(
                Alumnus.person_id, PastExchange.year, PastExchange.sending, PastExchange.receiving
            ).join(PastExchange)
        )
    }
    # Rows asked about before: decided ones say whom the row is, waiting ones wait.
    asked = {
        key: (decision, person_id)
        for key, decision, person_id in session.execute(
            select(PossibleMatch.key, PossibleMatch.decision, PossibleMatch.person_id)
        )
        if decision is None or person_id is not None  # not decided for someone since erased
    }
    return _Known(by_email, by_name, exchanges, asked)


def _checked(row: Row, countries: dict, this_year: int) -> list[int] | None:
    """The row's years of exchange, its values made clean, or None (and the row rejected,
    its values as read) when it cannot be imported."""
    values = row.values
    given, family = values["given_name"].strip(), values["family_name"].strip()
    email = values["email"].strip().casefold()
    if not given or not family:
        row.action = "reject"
        row.reasons.append(_("The given and the family name are both needed."))
    if email and not valid_email(email):
        row.action = "reject"
        row.reasons.append(
            _("«${email}» is not an e-mail address.", mapping={"email": values["email"]})
        )
    country = countries.get(name_key(values["country"])) if values["country"] else None
    if values["country"] and country is None:
        row.action = "reject"
        row.reasons.append(
            _("«${country}» is not a country we know.", mapping={"country": values["country"]})
        )
    years = _years(values["exchange_year"])
    if years is None or any(not FIRST_YEAR <= y <= this_year for y in years):
        row.action = "reject"
        row.reasons.append(
            _(
                "«${year}» is not a year of exchange between ${first} and ${last}.",
                mapping={"year": values["exchange_year"], "first": FIRST_YEAR, "last": this_year},
            )
        )
    if row.action == "reject":
        return None
    row.values = dict(values, given_name=given, family_name=family, email=email, country=country)
    return years


def _place(row: Row, years: list[int], known: _Known, seen: _Seen) -> None:
    """Whom a clean row is: someone further up the file, someone known, someone an adviser
    must decide about, or someone new."""
    values = row.values
    given, family, email = values["given_name"], values["family_name"], values["email"]
    country = values["country"]
    sending, receiving = values["sending_organisation"], values["receiving_organisation"]
    exchanges = [
        (y, sending.strip(), receiving.strip(), values["profession"].strip()) for y in years
    ]
    name = (name_key(given), name_key(family), country)
    if _repeats(row, exchanges, name, seen):
        return
    decision, decided_person = known.asked.get(row.key, (None, None))
    if email and email in known.by_email:
        row.person_id, row.action = known.by_email[email], "update"
    elif decided_person is not None:
        row.person_id, row.action = decided_person, "update"
        row.reasons.append(
            _("An adviser decided who this is when the row came before.")
            if decision == "same"
            else _("An adviser decided this is someone new when the row came before.")
        )
    elif known.by_name.get(name) or seen.names.get(name):
        row.action, row.exchanges = "review", exchanges
        row.candidates = list(known.by_name.get(name, []))
        row.candidate_rows = [r.number for r in seen.names.get(name, [])]
        row.waiting = row.key in known.asked
        seen.reviewing[row.key] = row
        row.reasons.append(
            _("Already waiting for an adviser to decide whether this is someone known.")
            if row.waiting
            else _(
                "Someone with this name and country is known, with another e-mail "
                "address or none: an adviser decides whether it is the same person."
            )
        )
        return
    row.exchanges = [
        e
        for e in exchanges
        if row.person_id is None
        or (row.person_id, e[0], name_key(e[1]), name_key(e[2])) not in known.exchanges
    ]
    if row.person_id is not None and not row.exchanges:
        row.action = "unchanged"
    if row.person_id is None:
        seen.planned[email or str(name)] = row
        seen.names.setdefault(name, []).append(row)


def _repeats(row: Row, exchanges: list, name: tuple, seen: _Seen) -> bool:
    """Whether the row repeats one further up the file, whose exchanges then take its own;
    otherwise the row gets its key."""
    email = row.values["email"]
    earlier = seen.planned.get(email) if email else seen.planned.get(str(name))
    if earlier is not None:
        # The same person again further down the file (the same address, or the same
        # name with no address on either row): their exchanges join the row that
        # creates them.
        row.action, row.person_id = "update", None
        earlier.exchanges += [e for e in exchanges if e not in earlier.exchanges]
        row.reasons.append(_("The same person as on row ${row}.", mapping={"row": earlier.number}))
        return True
    row.key = rowname_key(row.values["given_name"], row.values["family_name"], email, name[2])
    if row.key in seen.reviewing:
        first = seen.reviewing[row.key]
        first.exchanges += [e for e in exchanges if e not in first.exchanges]
        row.action, row.waiting = "review", True
        row.reasons.append(
            _("The same as row ${row}, which waits for an adviser.", mapping={"row": first.number})
        )
        return True
    return False


def counts(rows: list[Row]) -> dict[str, int]:
    return {action: sum(1 for r in rows if r.action == action) for action in ACTIONS}


def apply(session: Session, rows: list[Row], filename: str, user=None) -> ImportRun:
    """Do what `plan` planned: create people and their place in the register, add the
    exchanges not yet recorded, keep the possible matches for an adviser, and record the
    run."""
    new_people = {}
    for row in rows:
        if row.action == "create":
            v = row.values
            person = Person(
                given_name=v["given_name"],
                family_name=v["family_name"],
                email=v["email"] or None,
                country=v["country"],
            )
            new_people[row.number] = person
    session.add_all(new_people.values())
    session.flush()
    wanted = {r.person_id for r in rows if r.person_id is not None}
    alumni = (
        {
            a.person_id: a
            for a in session.scalars(select(Alumnus).where(Alumnus.person_id.in_(wanted)))
        }
        if wanted
        else {}
    )
    for row in rows:
        if row.action in ("reject", "unchanged", "review"):
            continue
        if row.number in new_people:
            row.person_id = new_people[row.number].id
        if row.person_id is None:
            continue  # a later row of someone this file creates: joined to that row
        alumnus = alumni.get(row.person_id)
        if alumnus is None:
            alumnus = alumni[row.person_id] = Alumnus(person_id=row.person_id)
            session.add(alumnus)
        for year, sending, receiving, profession in row.exchanges:
            alumnus.exchanges.append(
                PastExchange(year=year, sending=sending, receiving=receiving, profession=profession)
            )
    found = counts(rows)
    run = ImportRun(
        filename=filename,
        by=user,
        rows=len(rows),
        created=found["create"],
        updated=found["update"],
        to_review=found["review"],
        unchanged=found["unchanged"],
        rejected=found["reject"],
    )
    session.add(run)
    session.add_all(
        PossibleMatch(
            key=row.key,
            run=run,
            row_number=row.number,
            values={f: row.values.get(f) or "" for f in FIELDS},
            exchanges=[list(e) for e in row.exchanges],
            candidate_ids=[
                *row.candidates,
                *(new_people[n].id for n in row.candidate_rows if n in new_people),
            ],
        )
        for row in rows
        if row.action == "review" and not row.waiting
    )
    session.flush()
    return run
