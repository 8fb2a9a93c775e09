"""The fields plugins keep on shared records: added to the record's form, page, JSON and
export.

Plugins declare them with `norec_record_fields`; the core's person and organisation pages
and the JSON API call these functions, so a plugin never touches the core's forms.
"""

from __future__ import annotations

from typing import Any

import colander
from pyramid.request import Request

from norec_core.audit.recorder import jsonable
from norec_core.contributions import RecordFields, Section


def declared(request: Request, record: Any) -> list[RecordFields]:
    """The plugins' fields for this kind of record (a person, an organisation)."""
    return [f for f in request.registry["norec.record_fields"] if f.applies_to.providedBy(record)]


def with_fieldsets(request: Request, schema: colander.Schema, record: Any) -> colander.Schema:
    """`schema` with one fieldset (a mapping) for each plugin's fields on `record`."""
    for fields in declared(request, record):
        fieldset = fields.schema()
        fieldset.name, fieldset.title, fieldset.missing = fields.name, fields.title, {}
        schema.add(fieldset)
    return schema


def form_values(request: Request, record: Any) -> dict[str, dict[str, Any]]:
    if getattr(record, "id", None) is None:
        return {}
    return {f.name: f.load(request.dbsession, record) for f in declared(request, record)}


def save(request: Request, record: Any, data: dict[str, Any]) -> None:
    """Store what the form gave for each plugin's fields on `record`."""
    given = [f for f in declared(request, record) if f.name in data]
    if given:
        # A new record needs its id before the plugins' rows refer to it.
        request.dbsession.add(record)
        request.dbsession.flush()
    for fields in given:
        fields.save(request.dbsession, record, data[fields.name])


def as_json(request: Request, record: Any) -> dict[str, Any]:
    return {name: jsonable(values) for name, values in form_values(request, record).items()}


def sections(request: Request, record: Any) -> list[Section]:
    """A section on the record's page for each plugin's fields that hold a value."""
    found = []
    values_of = form_values(request, record)
    for fields in declared(request, record):
        values = values_of[fields.name]
        nodes = {node.name: node.title for node in fields.schema().children}
        rows = [(nodes.get(k, k), v) for k, v in values.items() if v not in (None, "", [])]
        if rows:
            template = "norec_core:templates/record_fields.pt"
            found.append(Section(fields.title, 70, template, {"rows": rows}))
    return found
