"""The form schemas, reused for JSON: JSON values into colander's input, and colander
schemas out as JSON Schema for the OpenAPI document."""

from __future__ import annotations

import json
from typing import Any

import colander

from norec_core.domain.schemas import TagList
from norec_core.forms import LineValidator

_SKIP = ("csrf_token",)
NO_NUL = "^[^\\u0000]*$"


def to_cstruct(node: colander.SchemaNode, value: Any) -> Any:
    """JSON data as the strings and lists that colander deserialises, as a form posts them."""
    if value is None:
        return colander.null
    typ = node.typ
    if isinstance(typ, colander.Mapping):
        if not isinstance(value, dict):
            return value  # colander says what is wrong with it
        return {
            child.name: to_cstruct(child, value[child.name])
            for child in node.children
            if child.name in value and child.name not in _SKIP
        }
    if isinstance(typ, TagList):
        return ", ".join(str(v) for v in value) if isinstance(value, list) else value
    if isinstance(typ, colander.Set | colander.List):
        return [str(v) for v in value] if isinstance(value, list) else value
    if isinstance(typ, colander.Boolean) and isinstance(value, bool):
        return "true" if value else "false"
    return value


def broken_promises(node: colander.SchemaNode, value: Any, path: str = "") -> dict[str, str]:
    """The fields of `value` that are not what the document promises, with why: colander
    would take any text, or a list, as true, and fold a set's repeated items into one."""
    if not isinstance(value, dict) or not isinstance(node.typ, colander.Mapping):
        return {}
    found = {}
    for child in node.children:
        if child.name not in value or value[child.name] is None:
            continue
        name, given = f"{path}{child.name}", value[child.name]
        if isinstance(child.typ, colander.Boolean) and not isinstance(given, bool):
            found[name] = "must be true or false"
        elif isinstance(child.typ, colander.Set) and isinstance(given, list):
            if len({json.dumps(v, sort_keys=True) for v in given}) != len(given):
                found[name] = "must not repeat an item"
        found |= broken_promises(child, given, f"{name}.")
    return found


def json_schema(node: colander.SchemaNode, translate=str) -> dict[str, Any]:
    typ = node.typ
    if isinstance(typ, colander.Mapping):
        children = [c for c in node.children if c.name not in _SKIP]
        schema: dict[str, Any] = {
            "type": "object",
            # An optional field may be sent as null, which means "not given" (its default).
            "properties": {
                c.name: json_schema(c, translate) | ({} if c.required else {"nullable": True})
                for c in children
            },
            "additionalProperties": False,  # an unknown field is refused (422)
        }
        required = [c.name for c in children if c.required]
        if required:
            schema["required"] = required
        return schema
    if isinstance(typ, TagList):
        schema = {"type": "array", "items": {"type": "string", "maxLength": 100}}
    elif isinstance(typ, colander.Set | colander.List):
        schema = {"type": "array", "items": {"type": "string"}, "uniqueItems": True}
    elif isinstance(typ, colander.Boolean):
        schema = {"type": "boolean"}
    elif isinstance(typ, colander.Integer):
        schema = {"type": "integer"}
    elif isinstance(typ, colander.DateTime):
        schema = {"type": "string", "format": "date-time"}
    elif isinstance(typ, colander.Date):
        schema = {"type": "string", "format": "date"}
    else:
        schema = {"type": "string"}
    if node.title:
        schema["title"] = translate(node.title)
    # The help of list fields tells how to type them in a form, which JSON does not need.
    if node.description and schema["type"] != "array":
        schema["description"] = translate(node.description)
    _constraints(node.validator, schema)
    # NUL is refused in every body (request_checks): the document says so for each text.
    if schema["type"] == "string":
        schema.setdefault("pattern", NO_NUL)
    elif schema["type"] == "array":
        schema["items"].setdefault("pattern", NO_NUL)
    # Custom validators say nothing about formats; the form's input type does.
    input_type = (getattr(node.widget, "attributes", None) or {}).get("type")
    if input_type in _FORMATS and schema["type"] == "string":
        schema.setdefault("format", _FORMATS[input_type])
    return schema


_FORMATS = {"email": "email", "url": "uri"}


def _constraints(validator, schema: dict) -> None:
    if validator is None:
        return
    if isinstance(validator, colander.All):
        for v in validator.validators:
            _constraints(v, schema)
    elif isinstance(validator, LineValidator):
        _constraints(validator.length, schema)
        schema["pattern"] = validator.pattern
    elif isinstance(validator, colander.Email):
        schema["format"] = "email"
    elif isinstance(validator, colander.Length):
        if validator.min is not None:
            schema["minLength"] = validator.min
        if validator.max is not None:
            schema["maxLength"] = validator.max
    elif isinstance(validator, colander.Range):
        if validator.min is not None:
            schema["minimum"] = validator.min
        if validator.max is not None:
            schema["maximum"] = validator.max
    elif isinstance(validator, colander.OneOf):
        schema["enum"] = [c for c in validator.choices if c != ""] + (
            [""] if "" in validator.choices else []
        )
    elif isinstance(validator, colander.ContainsOnly):
        schema["items"] = {"type": "string", "enum": sorted(validator.choices)}
