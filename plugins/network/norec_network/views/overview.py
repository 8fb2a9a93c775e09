"""The network plugin's pages."""

from pyramid.view import view_config

from norec_core import Section, past_activities, upcoming_activities
from norec_network.hooks import NETWORK_KINDS
from norec_network.i18n import _


@view_config(
    route_name="network.overview",
    renderer="norec_network:templates/overview.pt",
    permission="view",
)
def overview(request):
    session = request.dbsession
    return {
        "page_title": _("Norec Network"),
        "sections": [
            Section(
                _("Coming gatherings and webinars"),
                10,
                "norec_core:templates/activity_list.pt",
                {"activities": upcoming_activities(session, NETWORK_KINDS)},
            ),
            Section(
                _("Earlier gatherings"),
                20,
                "norec_core:templates/activity_list.pt",
                {"activities": past_activities(session, ["gathering"])},
            ),
        ],
    }
