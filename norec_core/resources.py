"""Objects as Pyramid contexts: routes load the object they are about, so that the security
policy can see its local roles, and records about objects (audit, workflow history, local
roles) name them the same way."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPNotFound
from pyramid.request import Request

from norec_core.db import Base

# Ids in URLs are digits of any length; beyond the database's integer range they can
# name nothing, and PostgreSQL would answer such a lookup with an error instead.
_MAX_ID = 2**31 - 1


def parse_id(raw: str | None) -> int | None:
    """The id in `raw` (a path segment, a query or form value), or None if it is not one
    that can name a record: not ASCII digits ("²" is a digit to str.isdigit, not to
    int), or beyond the database's integer range, where PostgreSQL would fail the query."""
    return parse_number(raw, 1, _MAX_ID)


def parse_number(raw: str | None, low: int, high: int) -> int | None:
    """The whole number in `raw` if it is between `low` and `high`, else None: a year or a
    page in a query string, which a filter then ignores instead of failing on."""
    text = (raw or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 12:
        return None
    number = int(text)
    return number if low <= number <= high else None


def resource_key(obj) -> tuple[str, int]:
    """How audit entries, workflow history and local roles refer to `obj`."""
    return obj.__tablename__, obj.id


def model_for(resource_type: str):
    """The model class stored in the table `resource_type`, or None."""
    for mapper in Base.registry.mappers:
        if getattr(mapper.class_, "__tablename__", None) == resource_type:
            return mapper.class_
    return None


def model_factory(model, key: str = "id"):
    """A route factory making the object named by the URL the request's context (or 404)."""

    def factory(request: Request):
        record_id = parse_id(request.matchdict.get(key, ""))
        obj = None if record_id is None else request.dbsession.get(model, record_id)
        if obj is None:
            raise HTTPNotFound()
        return obj

    factory.__name__ = f"{model.__name__.lower()}_factory"
    factory.model = model  # for tools that walk the routes, such as the permission tests
    return factory
