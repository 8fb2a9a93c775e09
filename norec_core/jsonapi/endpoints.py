"""The core's endpoints: people, organisations, partnerships and activities, read and write.

Declared through `norec_api_endpoints` like any plugin's. Writes go through the same
colander schemas and the same `from_form` functions as the forms, so the API and the
pages accept exactly the same data.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from pyramid.httpexceptions import HTTPCreated, HTTPNotFound
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core.contributions import ApiEndpoint
from norec_core.domain import profiles, record_fields
from norec_core.domain.activity_schemas import ActivitySchema
from norec_core.domain.models import Activity, Organisation, Partnership, Person
from norec_core.domain.schemas import (
    OrganisationSchema,
    PartnershipSchema,
    PersonSchema,
)
from norec_core.domain.serialisation import (
    activity_json,
    organisation_json,
    partnership_json,
    person_json,
)
from norec_core.domain.views import activities, organisations, partnerships, people
from norec_core.jsonapi.workflow_endpoints import workflow_endpoints
from norec_core.lists import paginate, search_words
from norec_core.security import DIRECTORY_EDIT, PERSON_EDIT, PERSON_VIEW, VIEW


def _object(type_name: str, properties: dict[str, Any]) -> dict[str, Any]:
    """An object's schema; a property is nullable where the model's column is."""
    model = {m.__name__: m for m in (Activity, Organisation, Partnership, Person)}[type_name]
    columns = model.__table__.columns
    return {
        "type": "object",
        "title": type_name,
        "properties": {
            "id": {"type": "integer"},
            **{
                name: {**schema, "nullable": True}
                if name in columns and columns[name].nullable
                else schema
                for name, schema in properties.items()
            },
        },
    }


_S, _I, _B = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
_DATE, _TIME = {"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}
_STRINGS = {"type": "array", "items": _S}
RESPONSE_SCHEMAS = {
    "Person": _object(
        "Person",
        {
            "given_name": _S,
            "family_name": _S,
            "email": _S,
            "country": _S,
            "languages": _STRINGS,
            "expertise": _STRINGS,
            "birth_date": _DATE,
            "citizenship": _S,
            "gender": _S,
            "city": _S,
            "employer": _S,
            "correspondence_language": _S,
            "orcid": _S,
            "visibility": {"type": "object", "additionalProperties": _S},
            "consent_contact": _B,
            "consent_newsletter": _B,
            "consent_directory": _B,
            "created_at": _TIME,
            "updated_at": _TIME,
        },
    ),
    "Organisation": _object(
        "Organisation",
        {
            "name": _S,
            "country": _S,
            "kind": _S,
            "website": _S,
            "description": _S,
            "ror": _S,
            "org_number": _S,
        },
    ),
    "Partnership": _object(
        "Partnership",
        {
            "title": _S,
            "direction": _S,
            "starts_on": _DATE,
            "ends_on": _DATE,
            "reciprocal": _B,
            "description": _S,
            "state": _S,
            "organisations": {"type": "array", "items": _I},
        },
    ),
    "Activity": _object(
        "Activity",
        {
            "title": _S,
            "kind": _S,
            "description": _S,
            "starts_at": _TIME,
            "ends_at": _TIME,
            "timezone": _S,
            "place": _S,
            "country": _S,
            "online_url": _S,
            "capacity": _I,
            "organisation_id": _I,
        },
    ),
}


def page_schema(item: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI schema of one page of a list of `item`s."""
    return {
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": item},
            "total": _I,
            "page": _I,
            "pages": _I,
        },
    }


def page_json(page, to_json: Callable) -> dict[str, Any]:
    return {
        "items": [to_json(item) for item in page.items],
        "total": page.total,
        "page": page.number,
        "pages": page.count,
    }


def resource(
    name: str,
    model: type,
    schema: type,
    to_json: Callable,
    module,
    *,
    read: str,
    write: str,
    searched: tuple,
    order: tuple,
    eager: tuple = (),
) -> list[ApiEndpoint]:
    """List, read, create and update endpoints for one model."""
    title = model.__name__
    one = RESPONSE_SCHEMAS[title]
    list_view, read_view, create_view, update_view = _resource_views(
        name, model, to_json, module, searched, order, eager
    )
    path = f"/{name}"
    return [
        ApiEndpoint(
            f"{name}.list",
            path,
            "GET",
            read,
            f"List {name} (25 a page; q searches)",
            list_view,
            response_schema=page_schema(one),
        ),
        ApiEndpoint(
            f"{name}.read",
            path + "/{id}",
            "GET",
            read,
            f"One {title}",
            read_view,
            model=model,
            response_schema=one,
        ),
        ApiEndpoint(
            f"{name}.create",
            path,
            "POST",
            write,
            f"Create a {title}",
            create_view,
            request_schema=schema,
            response_schema=one,
            status=HTTPCreated.code,
        ),
        ApiEndpoint(
            f"{name}.update",
            path + "/{id}",
            "PATCH",
            write,
            f"Change a {title}: only the fields given",
            update_view,
            model=model,
            request_schema=schema,
            response_schema=one,
            current=module.to_form,
        ),
    ]


def _resource_views(name, model, to_json, module, searched, order, eager):
    """The list, read, create and update views of `resource`."""

    def list_view(request, _data):
        query = select(model).options(*(selectinload(rel) for rel in eager))
        q = request.GET.get("q", "").strip()
        if q:
            query = search_words(query, q, *searched)
        # The plugins' fields are in the answer about one record, not in lists: one query
        # a row for each plugin would make a page's cost grow with its length.
        return page_json(paginate(request, query.order_by(*order)), to_json)

    def with_plugins(request, obj):
        return to_json(obj) | record_fields.as_json(request, obj)

    def read_view(request, _data):
        return with_plugins(request, request.context)

    def create_view(request, data):
        obj = model()
        module.from_form(request, obj, data)
        request.dbsession.add(obj)
        request.dbsession.flush()
        url = request.route_url(f"api.{name}.read", id=obj.id)
        request.response.status = 201
        request.response.location = url
        return with_plugins(request, obj)

    def update_view(request, data):
        module.from_form(request, request.context, data)
        request.dbsession.flush()
        return with_plugins(request, request.context)

    return list_view, read_view, create_view, update_view


def core_endpoints() -> list[ApiEndpoint]:
    return [
        *resource(
            "people",
            Person,
            PersonSchema,
            person_json,
            people,
            read=PERSON_VIEW,
            write=PERSON_EDIT,
            searched=(Person.given_name, Person.family_name, Person.email),
            order=(Person.family_name, Person.given_name, Person.id),
            eager=(Person.language_links,),
        ),
        *resource(
            "organisations",
            Organisation,
            OrganisationSchema,
            organisation_json,
            organisations,
            read=VIEW,
            write=DIRECTORY_EDIT,
            searched=(Organisation.name,),
            order=(Organisation.name, Organisation.id),
        ),
        *resource(
            "partnerships",
            Partnership,
            PartnershipSchema,
            partnership_json,
            partnerships,
            read=VIEW,
            write=DIRECTORY_EDIT,
            searched=(Partnership.title,),
            order=(Partnership.title, Partnership.id),
            eager=(Partnership.organisations,),
        ),
        *resource(
            "activities",
            Activity,
            ActivitySchema,
            activity_json,
            activities,
            read=VIEW,
            write=DIRECTORY_EDIT,
            searched=(Activity.title, Activity.place),
            order=(Activity.starts_at.desc(), Activity.id),
        ),
        *workflow_endpoints("partnerships", Partnership),
        *profile_endpoints(),
    ]


def profile_endpoints() -> list[ApiEndpoint]:
    """People as others may see them: only the fields each person chose to show."""
    profile = {
        "type": "object",
        "title": "Profile",
        "description": "Only the fields the person shows to the caller; the rest are absent.",
        "properties": {"id": _I, "name": _S, **RESPONSE_SCHEMAS["Person"]["properties"]},
    }

    def list_view(request, _data):
        query = profiles.profiles_query(request, select(Person))
        q = request.GET.get("q", "").strip()
        if q:
            query = search_words(query, q, Person.given_name, Person.family_name)
        result = paginate(request, query.order_by(Person.family_name, Person.id))
        return page_json(result, partial(profiles.profile_json, request))

    def read_view(request, _data):
        found = profiles.profile_json(request, request.context)
        if found is None:
            raise HTTPNotFound()
        return found

    page = page_schema(profile)
    return [
        ApiEndpoint(
            "profiles.list",
            "/profiles",
            "GET",
            VIEW,
            "People who show their name to the caller (25 a page; q searches names)",
            list_view,
            response_schema=page,
        ),
        ApiEndpoint(
            "profiles.read",
            "/profiles/{id}",
            "GET",
            VIEW,
            "One person, as the caller may see them",
            read_view,
            model=Person,
            response_schema=profile,
        ),
    ]
