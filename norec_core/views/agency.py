"""The agency's colours and logo, as the layout and the letters use them (`norec.colours`,
`norec.logo`): a stylesheet and a file of their own, so that no page needs an inline
style and the Content-Security-Policy stays strict."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config

from norec_core.agency import site
from norec_core.security import VIEW

# The same for every visitor and changed only with the settings, at a restart.
MAX_AGE = 3600


@view_config(route_name="agency.css", permission=VIEW)
def agency_css(request):
    response = Response(site(request.registry).css, content_type="text/css", charset="utf-8")
    response.cache_control = f"public, max-age={MAX_AGE}"
    return response


@view_config(route_name="agency.logo", permission=VIEW)
def agency_logo(request):
    found = site(request.registry)
    if found.logo is None:
        raise HTTPNotFound()
    response = Response(found.logo, content_type=found.logo_type)
    response.cache_control = f"public, max-age={MAX_AGE}"
    return response
