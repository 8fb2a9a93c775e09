"""The front page (the dashboard) and the site search."""

from __future__ import annotations

import datetime

from pyramid.view import view_config

from norec_core.i18n import _
from norec_core.security import VIEW

SEARCH_LIMIT = 20


@view_config(route_name="home", renderer="norec_core:templates/home.pt", permission=VIEW)
def home(request):
    """For a user, a dashboard: what is asked of them now, then the panels for their
    roles. For a visitor, what the platform offers and the way to its public parts."""
    tasks = []
    if request.identity is not None:
        found = [t for result in request.pm.hook.norec_tasks(request=request) for t in result]
        far = datetime.datetime.max.replace(tzinfo=datetime.UTC)
        tasks = sorted(found, key=lambda t: (t.due or far, str(t.title)))
    return {
        "page_title": _("Norec platform"),
        "tasks": tasks,
        "panels": [
            panel
            for result in request.pm.hook.norec_dashboard_panels(request=request)
            for panel in result
        ],
    }


@view_config(route_name="search", renderer="norec_core:templates/search.pt", permission=VIEW)
def site_search(request):
    q = request.GET.get("q", "").strip()[:200]
    results = []
    if q:
        hits = [
            r
            for result in request.pm.hook.norec_search(request=request, query=q, limit=SEARCH_LIMIT)
            for r in result
        ]
        results = sorted(hits, key=lambda r: (-r.score, str(r.title)))[:SEARCH_LIMIT]
    return {"page_title": _("Search"), "q": q, "results": results}
