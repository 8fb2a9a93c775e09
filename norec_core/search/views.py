"""The site search page: a search box, the hits ranked, and facets to narrow them by."""

from __future__ import annotations

from pyramid.view import view_config

from norec_core.i18n import _
from norec_core.resources import parse_number
from norec_core.search.query import facet_titles, find
from norec_core.search.words import QUERY_WORDS, WORD_LENGTH
from norec_core.security import VIEW

RESERVED = ("q", "page")


@view_config(route_name="search", renderer="norec_core:templates/search.pt", permission=VIEW)
def site_search(request):
    q = request.GET.get("q", "").strip()[: QUERY_WORDS * (WORD_LENGTH + 1)]
    titles = facet_titles(request)
    filters = {name: request.GET.getall(name) for name in titles if name not in RESERVED}
    filters = {name: values for name, values in filters.items() if any(values)}
    page = parse_number(request.GET.get("page"), 1, 10**6) or 1
    found = find(request, q, filters, page=page) if q or filters else None
    return {
        "page_title": _("Search"),
        "q": q,
        "found": found,
        "page": found.page if found else None,
    }
