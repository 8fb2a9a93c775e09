"""Named facts about people, declared by the plugins that know them and used by others in
rules and mailing segments without importing them. Each is a SQL condition on Person."""

from __future__ import annotations

from typing import Any

from pyramid.request import Request
from sqlalchemy import ColumnElement, select

from norec_core.accounts.models import User
from norec_core.contributions import PersonFact
from norec_core.domain.models import Activity, Person, Registration


class UnknownFact(LookupError):
    """No installed plugin declares a fact by this name."""


def person_fact(request: Request, name: str, **params: Any) -> ColumnElement[bool]:
    """The SQL condition on `Person` of the fact `name` with its `params`."""
    fact = request.registry["norec.person_facts"].get(name)
    if fact is None:
        raise UnknownFact(name)
    return fact.condition(**params)


def _registered(kind: str | None = None, status: str = "confirmed") -> ColumnElement[bool]:
    query = select(Registration.person_id).where(Registration.status == status)
    if kind is not None:
        query = query.join(Activity).where(Activity.kind == kind)
    return Person.id.in_(query)


def _has_account() -> ColumnElement[bool]:
    return Person.id.in_(select(User.person_id).where(User.active, User.person_id.is_not(None)))


CORE_FACTS = [
    PersonFact("core.has_account", "Has an active account", _has_account),
    PersonFact(
        "core.registered",
        "Holds a confirmed seat at an activity (kind=… narrows it to one kind)",
        _registered,
    ),
]
