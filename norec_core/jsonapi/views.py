"""Running endpoints with validated input, JSON errors for the API, the OpenAPI document,
and the page where users make and revoke their tokens."""

from __future__ import annotations

import logging

import colander
import deform
from pyramid.httpexceptions import HTTPClientError, HTTPFound, HTTPNotFound
from pyramid.view import (
    exception_view_config,
    forbidden_view_config,
    notfound_view_config,
    view_config,
)
from sqlalchemy import select

from norec_core import clock
from norec_core.contributions import ApiEndpoint
from norec_core.forms import CSRFSchema, build_form, process_form, render_form, without_none
from norec_core.i18n import _
from norec_core.jsonapi import tokens as api_tokens
from norec_core.jsonapi.models import ApiToken
from norec_core.jsonapi.schemas import json_schema, to_cstruct
from norec_core.layout import flash
from norec_core.security import ACCOUNT, VIEW
from norec_core.views.errors import reason

log = logging.getLogger(__name__)

PREFIX = "/api/v1"


def _error(request, status: int, message, **extra):
    request.response.status = status
    return {"error": request.localizer.translate(message), **extra}


def is_json(media_type: str) -> bool:
    """application/json, or a type built on it such as application/merge-patch+json."""
    kind, _slash, subtype = media_type.lower().partition("/")
    return kind == "application" and (subtype == "json" or subtype.endswith("+json"))


def endpoint_view(endpoint: ApiEndpoint):
    def view(context, request):
        data = None
        if endpoint.request_schema is not None:
            if not is_json(request.content_type):
                return _error(request, 415, _("Send the body as application/json."))
            try:
                body = request.json_body
            except ValueError:
                return _error(request, 400, _("The body must be a JSON object."))
            if not isinstance(body, dict):
                return _error(request, 400, _("The body must be a JSON object."))
            bindings = {} if endpoint.model is None else {type(context).__name__.lower(): context}
            schema = endpoint.request_schema().bind(request=request, **bindings)
            cstruct = to_cstruct(schema, body)
            if endpoint.current is not None:
                # Start from the object as it is; the body changes what it names.
                cstruct = {**schema.serialize(without_none(endpoint.current(context))), **cstruct}
            unknown = sorted(set(body) - {c.name for c in schema.children} - {"id"})
            if unknown:
                return _error(
                    request, 422, _("Unknown fields."), errors={k: "unknown field" for k in unknown}
                )
            try:
                data = schema.deserialize(cstruct)
            except colander.Invalid as invalid:
                errors = invalid.asdict(translate=request.localizer.translate)
                return _error(request, 422, _("Some fields are not valid."), errors=errors)
            data.pop("csrf_token", None)
        return endpoint.view(request, data)

    view.__name__ = endpoint.name.replace(".", "_")
    view.__doc__ = endpoint.summary
    return view


# Errors under /api/ answer in JSON, with a status a client can act on.
@notfound_view_config(path_info=r"^/api/", renderer="json")
def api_not_found(exc, request):
    return _error(request, 404, _("Not found."))


@forbidden_view_config(path_info=r"^/api/", renderer="json")
def api_forbidden(exc, request):
    if request.identity is None:
        request.response.headers["WWW-Authenticate"] = 'Bearer realm="norec"'
        return _error(request, 401, _("A valid API token is needed: Authorization: Bearer …"))
    return _error(request, 403, _("The token's user may not do this."))


@exception_view_config(HTTPClientError, path_info=r"^/api/", renderer="json")
def api_client_error(exc, request):
    request.response.headers.update(
        {k: v for k, v in exc.headers.items() if k in ("Allow", "Retry-After")}
    )
    return _error(request, exc.status_int, reason(exc))


@exception_view_config(Exception, path_info=r"^/api/", renderer="json")
def api_error(exc, request):
    log.exception("unhandled error on %s %s", request.method, request.path)
    return _error(request, 500, _("Something went wrong; the error has been logged."))


@view_config(route_name="api.openapi", renderer="json", permission=VIEW)
def openapi(request):
    """The OpenAPI 3 document of every endpoint the installed plugins offer."""
    translate = request.localizer.translate
    paths: dict = {}
    schemas: dict = {}
    for prefix, _route, endpoint in request.registry["norec.api_endpoints"]:
        operation: dict = {
            "operationId": endpoint.name,
            "summary": endpoint.summary,
            "security": [{"token": []}],
            "responses": {
                str(endpoint.status): {
                    "description": "OK",
                    "content": {"application/json": {"schema": endpoint.response_schema or {}}},
                },
                "401": {"description": "No valid token"},
                "403": {"description": "The token's user lacks the permission"},
            },
        }
        parameters = []
        if "{id}" in endpoint.path:
            parameters.append(
                {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
            )
            operation["responses"]["404"] = {"description": "No such object"}
        if endpoint.method == "GET" and "{id}" not in endpoint.path:
            parameters += [
                {"name": "q", "in": "query", "schema": {"type": "string"}},
                {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
            ]
        if parameters:
            operation["parameters"] = parameters
        if endpoint.request_schema is not None:
            name = endpoint.request_schema.__name__.removesuffix("Schema") + "Input"
            schema = endpoint.request_schema().bind(request=request)
            schemas[name] = json_schema(schema, translate)
            if endpoint.current is not None:
                schemas[name + "Patch"] = {
                    k: v for k, v in schemas[name].items() if k != "required"
                }
                name += "Patch"
            operation["requestBody"] = {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}
                },
            }
            operation["responses"]["400"] = {"description": "The body is not a JSON object"}
            operation["responses"]["422"] = {"description": "Invalid fields, with an error each"}
        path = prefix.removeprefix(PREFIX) + endpoint.path
        paths.setdefault(path, {})[endpoint.method.lower()] = operation
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Norec platform API",
            "version": "1",
            "description": "People, organisations, partnerships and activities, and what "
            "the installed plugins add. Make a token on your account page.",
        },
        "servers": [{"url": request.application_url + PREFIX}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": schemas,
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
        },
    }


class TokenSchema(CSRFSchema):
    name = colander.SchemaNode(
        colander.String(),
        title=_("What the token is for"),
        validator=colander.Length(min=1, max=100),
    )
    days = colander.SchemaNode(
        colander.Integer(),
        title=_("Works for"),
        default=api_tokens.DEFAULT_LIFETIME_DAYS,
        widget=deform.widget.SelectWidget(
            values=[
                (str(d), _("${days} days", mapping={"days": d})) for d in api_tokens.LIFETIMES_DAYS
            ]
        ),
        validator=colander.OneOf(api_tokens.LIFETIMES_DAYS),
    )


@view_config(
    route_name="account.tokens",
    renderer="norec_core:templates/accounts/tokens.pt",
    permission=ACCOUNT,
)
def token_page(request):
    user = request.identity
    result = process_form(request, TokenSchema(), submit_title=_("Make a token"), formid="token")
    new_token = new_row = None
    form_html = result.html
    if result.valid:
        data = result.data
        new_row, new_token = api_tokens.create(request.dbsession, user, data["name"], data["days"])
        form_html = render_form(
            build_form(request, TokenSchema(), submit_title=_("Make a token"), formid="token")
        )
    return {
        "page_title": _("API tokens"),
        "form": form_html,
        "new_token": new_token,
        "new_row": new_row,
        "tokens": [
            t
            for t in request.dbsession.scalars(
                select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id)
            )
            if api_tokens.usable(t, clock.now())
        ],
        "openapi": request.route_url("api.openapi"),
    }


@view_config(route_name="account.tokens.revoke", request_method="POST", permission=ACCOUNT)
def revoke_token(request):
    row = request.context
    if row.user_id != request.identity.id:
        raise HTTPNotFound()  # someone else's: as if it did not exist
    row.revoked_at = clock.now()
    flash(request, _("The token no longer works."))
    return HTTPFound(request.route_path("account.tokens"))
