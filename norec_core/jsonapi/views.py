"""Running endpoints with validated input, JSON errors for the API, the OpenAPI document,
and the page where users make and revoke their tokens."""

from __future__ import annotations

import logging

import colander
import deform
from pyramid.exceptions import PredicateMismatch
from pyramid.httpexceptions import HTTPClientError, HTTPFound, HTTPNotFound
from pyramid.interfaces import IRoutesMapper
from pyramid.security import NO_PERMISSION_REQUIRED
from pyramid.view import (
    exception_view_config,
    forbidden_view_config,
    notfound_view_config,
    view_config,
)
from sqlalchemy import select

from norec_core import clock
from norec_core.agency import site
from norec_core.contributions import ApiEndpoint
from norec_core.forms import CSRFSchema, build_form, process_form, render_form, without_none
from norec_core.i18n import _
from norec_core.jsonapi import tokens as api_tokens
from norec_core.jsonapi.models import ApiToken
from norec_core.jsonapi.schemas import NO_NUL, broken_promises, json_schema, to_cstruct
from norec_core.layout import flash
from norec_core.resources import parse_number
from norec_core.security import ACCOUNT, VIEW
from norec_core.views.errors import reason

log = logging.getLogger(__name__)

PREFIX = "/api/v1"


def _error(request, status: int, message, **extra):
    request.response.status = status
    return {"error": request.localizer.translate(message), **extra}


def broken_token(request) -> bool:
    """A token was sent but does not work: an error even where none is needed, so that a
    client learns that its token expired rather than quietly seeing less."""
    return "Authorization" in request.headers and request.identity is None


def _invalid_token(request):
    request.response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return _error(request, 401, _("The token does not work: it may have expired."))


def is_json(media_type: str) -> bool:
    """application/json, or a type built on it such as application/merge-patch+json."""
    kind, _slash, subtype = media_type.lower().partition("/")
    return kind == "application" and (subtype == "json" or subtype.endswith("+json"))


def endpoint_view(endpoint: ApiEndpoint):
    def view(context, request):
        data = None
        if broken_token(request):
            return _invalid_token(request)
        page = request.GET.get("page")
        # Read as the lists read it: "²" is a digit to str.isdigit, not to int().
        if page is not None and parse_number(page, 1, 10**9) is None:
            return _error(request, 400, _("page must be a whole number from 1."))
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
            wrong = broken_promises(schema, body)
            if wrong:
                return _error(request, 422, _("Some fields are not valid."), errors=wrong)
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
                data = _keeping_untouched(schema, cstruct, body, errors, endpoint)
                if data is None:
                    return _error(request, 422, _("Some fields are not valid."), errors=errors)
            data.pop("csrf_token", None)
        return endpoint.view(request, data)

    view.__name__ = endpoint.name.replace(".", "_")
    view.__doc__ = endpoint.summary
    return view


def _keeping_untouched(schema, cstruct, body, errors, endpoint) -> dict | None:
    """For a PATCH whose only errors are in fields the body does not name (a record stored
    before a rule was added): the body's changes, the other fields as they are. None if
    the body's own fields have errors."""
    named = {key.split(".")[0] for key in errors}
    untouched = named - set(body)
    if (
        endpoint.current is None
        or untouched != named
        or not named <= {c.name for c in schema.children}
    ):
        return None
    lenient = schema.clone()
    for name in untouched:
        lenient[name].validator = None  # kept as stored, not judged by today's rule
    try:
        return lenient.deserialize(cstruct)
    except colander.Invalid:
        return None


# Errors under /api/ answer in JSON, with a status a client can act on.
@notfound_view_config(path_info=r"^/api/", renderer="json")
def api_not_found(exc, request):
    # No route took the method, or the route's view did not (a predicate mismatch).
    found = request.matched_route is not None and not isinstance(exc, PredicateMismatch)
    allowed = [] if found else allowed_methods(request)
    if allowed:
        # The address exists, not with this method.
        request.response.headers["Allow"] = ", ".join(allowed)
        message = _("This address takes ${methods} only.", mapping={"methods": ", ".join(allowed)})
        return _error(request, 405, message)
    return _error(request, 404, _("Not found."))


def allowed_methods(request) -> list[str]:
    """The methods the API's routes take at the request's path."""
    methods = {"GET"} if request.path_info == PREFIX + "/openapi.json" else set()
    routes = {r.name: r for r in request.registry.getUtility(IRoutesMapper).get_routes()}
    for _prefix, name, endpoint in request.registry["norec.api_endpoints"]:
        if routes[name].match(request.path_info) is not None:
            methods.add(endpoint.method)
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


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


ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": {"type": "string"}},
    },
    "required": ["error"],
}


def _errors(*statuses: tuple[str, str]) -> dict:
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    return {status: {"description": text, "content": error} for status, text in statuses}


@view_config(route_name="api.openapi", request_method="GET", renderer="json", permission=VIEW)
def openapi(request):
    """The OpenAPI 3 document of every endpoint the installed plugins offer."""
    if broken_token(request):
        return _invalid_token(request)
    paths: dict = {}
    schemas: dict = {"Error": ERROR_SCHEMA}
    for prefix, _route, endpoint in request.registry["norec.api_endpoints"]:
        path = prefix.removeprefix(PREFIX) + endpoint.path
        paths.setdefault(path, {})[endpoint.method.lower()] = _operation(request, endpoint, schemas)
    return {
        "openapi": "3.0.3",
        "info": {
            "title": f"{site(request.registry).short_name} API",
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


def _operation(request, endpoint, schemas: dict) -> dict:
    """The operation of `endpoint`: who may call it, its parameters, its body (whose
    schema it adds to `schemas`) and every answer it can give."""
    public = endpoint.permission in (VIEW, NO_PERMISSION_REQUIRED)
    responses = {
        str(endpoint.status): {
            "description": "OK",
            "content": {"application/json": {"schema": endpoint.response_schema or {}}},
        },
        **_errors(
            ("400", "The request could not be understood (a NUL, a bad form body)"),
            ("413", "The body is too large"),
        ),
    }
    operation: dict = {
        "operationId": endpoint.name,
        "summary": endpoint.summary,
        # Public reads need no token; with one, they answer as its user may see.
        "security": [{}, {"token": []}] if public else [{"token": []}],
        "responses": responses,
    }
    if not public:
        responses.update(
            _errors(("401", "No valid token"), ("403", "The token's user lacks the permission"))
        )
    if "{id}" in endpoint.path:
        operation["parameters"] = [
            {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
        ]
        responses.update(_errors(("404", "No such object")))
    elif endpoint.method == "GET":
        operation["parameters"] = [
            {"name": "q", "in": "query", "schema": {"type": "string", "pattern": NO_NUL}},
            {
                "name": "page",
                "in": "query",
                "schema": {"type": "integer", "minimum": 1, "maximum": 10**9},
            },
        ]
    if endpoint.request_schema is not None:
        name = endpoint.request_schema.__name__.removesuffix("Schema") + "Input"
        schema = endpoint.request_schema().bind(request=request)
        schemas[name] = json_schema(schema, request.localizer.translate)
        if endpoint.current is not None:
            schemas[name + "Patch"] = {k: v for k, v in schemas[name].items() if k != "required"}
            name += "Patch"
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
        }
        responses.update(
            _errors(
                ("400", "The body is not a JSON object"),
                ("415", "The body is not sent as application/json"),
                ("422", "Invalid fields, with an error each"),
            )
        )
    return operation


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
