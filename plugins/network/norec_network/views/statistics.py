"""The network's statistics page, for its advisers."""

from __future__ import annotations

from pyramid.view import view_config

from norec_core import Column, export_links, export_response, requested_format
from norec_network import statistics
from norec_network.i18n import _
from norec_network.permissions import MANAGE


@view_config(
    route_name="network.statistics",
    renderer="norec_network:templates/statistics.pt",
    permission=MANAGE,
)
def statistics_page(request):
    session = request.dbsession
    countries = [(c, i, j, statistics.rate(i, j)) for c, i, j in statistics.per_country(session)]
    if requested_format(request):
        columns = [
            Column(_("Country"), lambda r: r[0]),
            Column(_("Invited"), lambda r: r[1]),
            Column(_("Joined"), lambda r: r[2]),
            Column(_("Joined (%)"), lambda r: r[3]),
        ]
        return export_response(request, countries, columns, "network-join-rates")
    return {
        "page_title": _("Network statistics"),
        "sections": [
            statistics.join_rate_chart(request, 10),
            statistics.members_chart(request, 20),
            statistics.activities_chart(request, 30),
        ],
        "countries": countries,
        "waves": [(w, i, j, statistics.rate(i, j)) for w, i, j in statistics.per_wave(session)],
        "exports": export_links(request),
    }
