"""Error pages: a page a person can act on, never a stack trace."""

from __future__ import annotations

import logging

from pyramid.exceptions import BadCSRFToken
from pyramid.httpexceptions import HTTPClientError, HTTPFound
from pyramid.view import exception_view_config, forbidden_view_config, notfound_view_config

from norec_core.i18n import _

log = logging.getLogger(__name__)
TEMPLATE = "norec_core:templates/error.pt"


@notfound_view_config(renderer=TEMPLATE)
def not_found(exc, request):
    request.response.status = 404
    return {
        "page_title": _("Page not found"),
        "message": _("There is nothing at this address. It may have been moved or deleted."),
    }


@forbidden_view_config(renderer=TEMPLATE)
def forbidden(exc, request):
    if request.identity is None and request.method == "GET":
        return HTTPFound(request.route_path("login", _query={"came_from": request.path_qs}))
    request.response.status = 403
    return {
        "page_title": _("Not allowed"),
        "message": _("Your account does not give access to this page."),
    }


@exception_view_config(BadCSRFToken, renderer=TEMPLATE)
def bad_csrf(exc, request):
    request.response.status = 400
    return {
        "page_title": _("The form has expired"),
        "message": _(
            "For your security the form could not be sent, usually because the session "
            "expired. Go back, reload the page and send it again."
        ),
    }


@exception_view_config(HTTPClientError, renderer=TEMPLATE)
def client_error(exc, request):
    """Any other refusal (400, 405, 413, 415): its own reason, or a general one."""
    request.response.status = exc.status
    request.response.headers.update(
        {k: v for k, v in exc.headers.items() if k in ("Allow", "Retry-After")}
    )
    return {"page_title": _("Bad request"), "message": reason(exc)}


def reason(exc: HTTPClientError):
    """The message a refusal was raised with; Pyramid's own HTTP exceptions carry none."""
    if isinstance(exc.detail, str) and exc.detail:
        return exc.detail
    return _("The request could not be understood.")


@exception_view_config(Exception, renderer=TEMPLATE)
def server_error(exc, request):
    log.exception("unhandled error on %s %s", request.method, request.path)
    request.response.status = 500
    return {
        "page_title": _("Something went wrong"),
        "message": _("The error has been logged. Please try again later."),
    }
