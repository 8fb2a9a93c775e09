"""The front page: the dashboard, or for a visitor what the platform offers."""

from __future__ import annotations

import datetime

from pyramid.view import view_config

from norec_core.i18n import _
from norec_core.security import VIEW


@view_config(
    route_name="home", renderer="norec_core:templates/home.pt", permission=VIEW, page_cache=True
)
def home(request):
    """For a user, a dashboard: what is asked of them now, then the panels for their
    roles. For a visitor, what the platform offers and the way to its public parts."""
    tasks = []
    if request.identity is not None:
        found = [t for result in request.pm.hook.norec_tasks(request=request) for t in result]
        far = datetime.datetime.max.replace(tzinfo=datetime.UTC)
        # The most urgent first; the rest in the order each plugin gives them (the order
        # its work goes in), as the sort keeps it.
        tasks = sorted(found, key=lambda t: t.due or far)
    return {
        "page_title": _("Front page"),
        "tasks": tasks,
        "panels": [
            panel
            for result in request.pm.hook.norec_dashboard_panels(request=request)
            for panel in result
        ],
    }
