"""Who sees which of a person's fields: a visibility level per field, private by default.

Staff who handle personal data, and the person themselves (the local role `owner`), hold
`person.view` on the record and see every field. Everyone else sees a person's profile:
the fields the person chose to show to members (any logged-in user) or to the public. A
person whose name is private has no profile at all, so nobody can see data without
knowing whose it is. Pages, the JSON API, lists and exports all ask this module, so the
rule is enforced the same way wherever a person is shown.
"""

from __future__ import annotations

from typing import Any

from pyramid.request import Request
from sqlalchemy import ColumnElement, Select

from norec_core.audit.recorder import jsonable
from norec_core.domain.models import Person
from norec_core.i18n import _
from norec_core.security import PERSON_VIEW

PRIVATE, MEMBERS, PUBLIC = "private", "members", "public"
LEVELS = (PRIVATE, MEMBERS, PUBLIC)
LEVEL_TITLES = {
    PRIVATE: _("Only me and ${agency}'s staff"),
    MEMBERS: _("Members (everyone logged in)"),
    PUBLIC: _("Everyone"),
}

# The fields a person may show to others, in the order a profile shows them; "name" is
# the given and family name together.
PROFILE_FIELDS = {
    "name": _("Name"),
    "email": _("E-mail"),
    "country": _("Country"),
    "city": _("City"),
    "employer": _("Current employer"),
    "expertise": _("Expertise"),
    "languages": _("Languages"),
    "citizenship": _("Citizenship"),
    "gender": _("Gender"),
    "birth_date": _("Birth date"),
    "orcid": _("ORCID iD"),
}
# The label of each field's choice: "E-mail" alone would name two inputs of the form.
CHOICE_TITLES = {
    "name": _("Who sees the name"),
    "email": _("Who sees the e-mail address"),
    "country": _("Who sees the country"),
    "city": _("Who sees the city"),
    "employer": _("Who sees the current employer"),
    "expertise": _("Who sees the expertise"),
    "languages": _("Who sees the languages"),
    "citizenship": _("Who sees the citizenship"),
    "gender": _("Who sees the gender"),
    "birth_date": _("Who sees the birth date"),
    "orcid": _("Who sees the ORCID iD"),
}


def level(person: Person, field: str) -> str:
    """The level at which `person` shows `field`; private unless they chose otherwise."""
    chosen = (person.visibility or {}).get(field)
    return chosen if chosen in LEVELS else PRIVATE


def choices(person: Person) -> dict[str, str]:
    """Every profile field's level, as the form and the JSON API name them: `show_<field>`."""
    return {f"show_{field}": level(person, field) for field in PROFILE_FIELDS}


def chosen(values: dict[str, str]) -> dict[str, str]:
    """What to store of the `show_<field>` choices: the fields not left private."""
    return {
        key.removeprefix("show_"): value
        for key, value in values.items()
        if value != PRIVATE and key.removeprefix("show_") in PROFILE_FIELDS
    }


def levels_seen_by(request: Request) -> tuple[str, ...]:
    """The levels of other people's fields the requesting user sees."""
    return (MEMBERS, PUBLIC) if request.identity is not None else (PUBLIC,)


def visible_fields(request: Request, person: Person) -> list[str]:
    """The profile fields of `person` the requesting user may see, in profile order."""
    if request.has_permission(PERSON_VIEW, person):
        return list(PROFILE_FIELDS)
    seen = levels_seen_by(request)
    if level(person, "name") not in seen:
        return []
    return [field for field in PROFILE_FIELDS if level(person, field) in seen]


def field_value(person: Person, field: str) -> Any:
    if field == "name":
        return person.full_name
    if field == "languages":
        return list(person.languages)
    return getattr(person, field)


def profile_json(request: Request, person: Person) -> dict[str, Any] | None:
    """The person as the requesting user may see them, or None if not at all."""
    fields = visible_fields(request, person)
    if not fields:
        return None
    return {"id": person.id} | {f: jsonable(field_value(person, f)) for f in fields}


def listed_for(request: Request) -> ColumnElement[bool]:
    """The SQL condition for people with a profile the requesting user may see.

    One condition for the whole list, not a permission check per row: the name's level is
    read from the JSON column in the database (SQLite's json_extract, PostgreSQL's ->>).
    """
    return Person.visibility["name"].as_string().in_(levels_seen_by(request))


def profiles_query(request: Request, query: Select) -> Select:
    """`query` over people, narrowed to those whose profile the user may see."""
    if request.has_permission(PERSON_VIEW):
        return query
    return query.where(listed_for(request))
