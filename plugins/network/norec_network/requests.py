"""Requests to join from people the waves did not reach: no invitation, or an address on
record that is wrong. An adviser finds them in the register (or adds them, having checked
the archive) and sends an invitation to the address they gave, or answers why not."""

from __future__ import annotations

from pyramid.request import Request
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from norec_core import Person, now, parse_id, send_mail
from norec_network import waves
from norec_network.i18n import _
from norec_network.models import Alumnus, Invitation, JoinRequest, PastExchange

STATUS_TITLES = {
    "open": _("waiting for an answer"),
    "invited": _("invited"),
    "declined": _("answered: not found"),
}
NEW = "new"  # the choice of adding the requester to the register


class Refused(ValueError):
    """Why the answer cannot be given, in words for the adviser."""


def receive(request: Request, data: dict) -> JoinRequest:
    """Store the request (a second one from the same address replaces the open one) and
    confirm it to the address given."""
    session = request.dbsession
    found = session.scalars(
        select(JoinRequest).where(
            func.lower(JoinRequest.email) == data["email"].lower(), JoinRequest.status == "open"
        )
    ).first()
    if found is None:
        found = JoinRequest()
        session.add(found)
    for key in ("given_name", "family_name", "email", "country", "exchange_year"):
        setattr(found, key, data[key])
    for key in ("sending", "receiving", "message"):
        setattr(found, key, data[key] or "")
    found.language = request.locale_name
    found.created_at = now()
    session.flush()
    send_mail(
        request,
        found.email,
        _("We have your request to join ${agency} Network"),
        _(
            "Dear ${name},\n\nThank you. An adviser will look for you in ${agency}'s archive "
            "and answer you at this address, usually within two weeks.",
            mapping={"name": found.given_name},
        ),
        locale=found.language,
    )
    return found


def suggestions(session, found: JoinRequest) -> list[Alumnus]:
    """People in the register who may be the requester: the same address, or the same
    family name with the same given name's first letter or the same country."""
    same_name = func.lower(Person.family_name) == found.family_name.lower()
    near = or_(
        func.lower(func.substr(Person.given_name, 1, 1)) == found.given_name[:1].lower(),
        Person.country == found.country,
    )
    return session.scalars(
        select(Alumnus)
        .join(Person, Person.id == Alumnus.person_id)
        .where(or_(func.lower(Person.email) == found.email.lower(), same_name & near))
        .options(selectinload(Alumnus.person), selectinload(Alumnus.exchanges))
        .order_by(Person.family_name, Person.given_name)
        .limit(20)
    ).all()


def _new_alumnus(session, found: JoinRequest) -> Alumnus:
    person = Person(
        given_name=found.given_name,
        family_name=found.family_name,
        email=None,
        country=found.country,
    )
    alumnus = Alumnus(person=person, source="request")
    if found.exchange_year:
        alumnus.exchanges.append(
            PastExchange(year=found.exchange_year, sending=found.sending, receiving=found.receiving)
        )
    session.add(alumnus)
    session.flush()
    return alumnus


def invite(request: Request, found: JoinRequest, choice: str) -> Invitation:
    """Invite the requester as the register's `choice` (an alumnus id, or NEW), at the
    address they gave, which becomes the person's address on record."""
    session = request.dbsession
    if found.status != "open":
        raise Refused(_("This request has been answered."))
    if choice == NEW:
        alumnus = _new_alumnus(session, found)
    else:
        # The choice is what the form sent: anything, not only the register's ids.
        alumnus_id = parse_id(choice)
        alumnus = None if alumnus_id is None else session.get(Alumnus, alumnus_id)
        if alumnus is None:
            raise Refused(_("Choose someone in the register."))
    person = alumnus.person
    if waves.account_of(session, person) is not None:
        raise Refused(_("This person has an account already: tell them to log in."))
    other = session.scalars(
        select(Person.id).where(
            func.lower(Person.email) == found.email.lower(), Person.id != person.id
        )
    ).first()
    if other is not None:
        raise Refused(_("Another person in the register has this address: merge the two first."))
    person.email = found.email
    # An invitation that went to a wrong address is sent again, to the right one; a member
    # stranded without an account gets a new link.
    invitation = waves.invitation_for(request, alumnus, found.email)
    waves.send_one(request, invitation)
    found.status, found.alumnus = "invited", alumnus
    _answered(request, found, "")
    return invitation


def decline(request: Request, found: JoinRequest, answer: str) -> None:
    if found.status != "open":
        raise Refused(_("This request has been answered."))
    found.status = "declined"
    _answered(request, found, answer)
    send_mail(
        request,
        found.email,
        _("Your request to join ${agency} Network"),
        _(
            "Dear ${name},\n\nWe could not find you in ${agency}'s archive of exchanges:\n\n"
            "${answer}\n\nIf you can tell us more (the year, the organisations), answer "
            "this e-mail or send a new request.",
            mapping={"name": found.given_name, "answer": answer},
        ),
        locale=found.language,
    )


def _answered(request: Request, found: JoinRequest, answer: str) -> None:
    found.answered_at = now()
    found.answer = answer
    found.answered_by_id = request.identity.id if request.identity else None


def open_count(session) -> int:
    return session.scalar(
        select(func.count()).select_from(JoinRequest).where(JoinRequest.status == "open")
    )
