"""The research plugin's pages."""

from pyramid.view import view_config

from norec_core import Section, upcoming_activities
from norec_research.hooks import _


@view_config(
    route_name="research.overview",
    renderer="norec_research:templates/overview.pt",
    permission="view",
)
def overview(request):
    session = request.dbsession
    return {
        "page_title": _("Research and knowledge"),
        "sections": [
            Section(
                _("Seminars"),
                10,
                "norec_core:templates/activity_list.pt",
                {"activities": upcoming_activities(session, ["seminar"])},
            )
        ],
    }
