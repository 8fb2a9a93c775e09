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


def parse_id(raw: str) -> int | None:
    """The id in `raw`, or None if it is not one that can name a record."""
    return int(raw) if raw.isdigit() and int(raw) <= _MAX_ID else None


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
