"""Possible matches of the register's import: rows that may be someone already known,
decided by an adviser. "The same person" adds the row's exchanges to that person (and,
if the adviser says so, the file's address becomes theirs); "someone else" creates the
person the row describes. Either way nothing of the row is lost, and the decision is
kept, so that the same row in a later file follows it instead of asking again."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from norec_core import Person, now, record_audit
from norec_network.i18n import _
from norec_network.models import Alumnus, PastExchange, PossibleMatch


class MatchError(ValueError):
    """A decision that cannot be carried out as asked; its message says why."""


def waiting_count(session: Session) -> int:
    return session.scalar(
        select(func.count()).select_from(PossibleMatch).where(PossibleMatch.decision.is_(None))
    )


def candidates(session: Session, match: PossibleMatch) -> list[Person]:
    """The people the row may be, as they are now (someone erased since is left out)."""
    if not match.candidate_ids:
        return []
    found = session.scalars(select(Person).where(Person.id.in_(match.candidate_ids))).all()
    return sorted(found, key=lambda p: match.candidate_ids.index(p.id))


def _refuse_taken(session: Session, address: str, person: Person | None = None) -> None:
    """Refuse an address someone else has taken since the import (Person.email is unique)."""
    holder = session.scalars(
        select(Person).where(func.lower(Person.email) == address.casefold())
    ).first()
    if holder is not None and holder is not person:
        raise MatchError(
            _(
                "${email} is the address of ${name} now; decide with that in mind.",
                mapping={"email": address, "name": f"{holder.given_name} {holder.family_name}"},
            )
        )


def _add_exchanges(session: Session, person: Person, exchanges: list) -> None:
    alumnus = session.scalars(select(Alumnus).where(Alumnus.person_id == person.id)).first()
    if alumnus is None:
        alumnus = Alumnus(person_id=person.id)
        session.add(alumnus)
    known = {(e.year, e.sending.casefold(), e.receiving.casefold()) for e in alumnus.exchanges}
    for year, sending, receiving, profession in exchanges:
        if (year, sending.casefold(), receiving.casefold()) not in known:
            alumnus.exchanges.append(
                PastExchange(year=year, sending=sending, receiving=receiving, profession=profession)
            )


def _decided(match: PossibleMatch, decision: str, person: Person, user) -> None:
    match.decision, match.person = decision, person
    match.decided_at, match.decided_by = now(), user


def same_person(
    session: Session, match: PossibleMatch, person: Person, take_address: bool, user=None
) -> None:
    """The row is `person`: their exchanges join the register, and the file's address
    becomes theirs if they have none or the adviser says it is their address now."""
    if match.decision is not None:
        raise MatchError(_("This possible match has been decided already."))
    if person.id not in match.candidate_ids:
        raise MatchError(_("Choose one of the people the row may be."))
    address = match.values.get("email") or ""
    old_address = person.email
    if address and (take_address or not person.email):
        _refuse_taken(session, address, person)
        person.email = address
    _add_exchanges(session, person, match.exchanges)
    _decided(match, "same", person, user)
    changes = {"match": match.id}
    if person.email != old_address:
        changes["email"] = [old_address, person.email]
    record_audit(session, "import.same_person", person, changes)


def someone_else(session: Session, match: PossibleMatch, user=None) -> Person:
    """The row is someone the platform does not know yet: they are created from it."""
    if match.decision is not None:
        raise MatchError(_("This possible match has been decided already."))
    values = match.values
    address = values.get("email") or None
    if address:
        _refuse_taken(session, address)
    person = Person(
        given_name=values["given_name"],
        family_name=values["family_name"],
        email=address,
        country=values.get("country") or None,
    )
    session.add(person)
    session.flush()
    _add_exchanges(session, person, match.exchanges)
    _decided(match, "different", person, user)
    record_audit(session, "import.someone_else", person, {"match": match.id})
    return person


def merged(session: Session, kept: Person, merged: Person) -> None:
    """Two people became one: a waiting match names the kept one instead, once."""
    for match in session.scalars(select(PossibleMatch).where(PossibleMatch.decision.is_(None))):
        if merged.id in match.candidate_ids:
            ids = [kept.id if i == merged.id else i for i in match.candidate_ids]
            match.candidate_ids = list(dict.fromkeys(ids))
