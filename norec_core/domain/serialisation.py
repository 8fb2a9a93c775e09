"""Records as plain data: the fields each record's form edits, and their JSON form.

The JSON API and the personal-data export both speak this form, so a person reads the
same keys in their export as a client reads from the API.
"""

from __future__ import annotations

from typing import Any

from norec_core.audit.recorder import jsonable
from norec_core.domain import profiles
from norec_core.domain.models import Activity, Organisation, Partnership, Person

PERSON_FIELDS = (
    "given_name",
    "family_name",
    "email",
    "country",
    "expertise",
    "birth_date",
    "citizenship",
    "gender",
    "city",
    "employer",
    "correspondence_language",
    "orcid",
    "visibility",
    "consent_contact",
    "consent_newsletter",
    "consent_directory",
)
ORGANISATION_FIELDS = (
    "name",
    "country",
    "kind",
    "website",
    "description",
    "ror",
    "org_number",
)
PARTNERSHIP_FIELDS = ("title", "direction", "starts_on", "ends_on", "reciprocal", "description")
ACTIVITY_FIELDS = (
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "timezone",
    "place",
    "country",
    "online_url",
    "capacity",
    "organisation_id",
    "description",
)


def fields_json(obj, names) -> dict[str, Any]:
    """The record's id and the named attributes, as JSON values."""
    return {"id": obj.id} | {n: jsonable(getattr(obj, n)) for n in names}


def person_json(p: Person) -> dict[str, Any]:
    return fields_json(p, (*PERSON_FIELDS, "created_at", "updated_at")) | {
        "languages": list(p.languages),
        "visibility": profiles.choices(p),
    }


def organisation_json(o: Organisation) -> dict[str, Any]:
    return fields_json(o, ORGANISATION_FIELDS)


def partnership_json(p: Partnership) -> dict[str, Any]:
    return fields_json(p, (*PARTNERSHIP_FIELDS, "state")) | {
        "organisations": [o.id for o in p.organisations]
    }


def activity_json(a: Activity) -> dict[str, Any]:
    return fields_json(a, ACTIVITY_FIELDS)
