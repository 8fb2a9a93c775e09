"""The grants plugin's pages."""

import datetime

from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import Partnership, Section, upcoming_activities
from norec_grants.hooks import COURSE_KINDS, _


@view_config(
    route_name="grants.overview", renderer="norec_grants:templates/overview.pt", permission="view"
)
def overview(request):
    today = datetime.date.today()
    running = request.dbsession.scalars(
        select(Partnership)
        .where(Partnership.starts_on <= today, Partnership.ends_on >= today)
        .options(selectinload(Partnership.organisations))
        .order_by(Partnership.title)
    ).all()
    return {
        "page_title": _("Grant administration"),
        "running": running,
        "sections": [
            Section(
                _("Upcoming courses"),
                10,
                "norec_core:templates/activity_list.pt",
                {"activities": upcoming_activities(request.dbsession, COURSE_KINDS)},
            )
        ],
    }
