"""The network's front page and its activities, with their calendar feeds."""

from __future__ import annotations

from pyramid.view import view_config
from sqlalchemy import func, select

from norec_core import VIEW, Person, Section, select_filter
from norec_network import activities, profile
from norec_network.i18n import _
from norec_network.models import Member

T = "norec_network:templates/"


def calendar_url(request, country: str | None = None) -> str:
    """The address a calendar application subscribes to: the network's kinds, one country
    or all; absolute, from norec.base_url."""
    query = [("kind", k) for k in activities.NAMES]
    if country:
        query.append(("country", country))
    return request.route_url("activities.ics", _query=query)


@view_config(route_name="network.overview", renderer=T + "overview.pt", permission=VIEW)
def overview(request):
    session = request.dbsession
    return {
        "page_title": _("${agency} Network"),
        "member": profile.member_of(request),
        "members": session.scalar(select(func.count()).select_from(Member)),
        "countries": session.scalar(
            select(func.count(func.distinct(Person.country))).join(
                Member, Member.person_id == Person.id
            )
        ),
        "calendar": calendar_url(request),
        "sections": [
            Section(
                _("Coming activities"),
                10,
                "norec_core:templates/activity_list.pt",
                {"activities": activities.upcoming(session, limit=5)},
            ),
            Section(
                _("Earlier activities"),
                20,
                "norec_core:templates/activity_list.pt",
                {"activities": activities.past(session, limit=5)},
            ),
        ],
    }


@view_config(route_name="network.activities", renderer=T + "activities.pt", permission=VIEW)
def activity_page(request):
    session = request.dbsession
    where = activities.countries(session)
    country = request.GET.get("country", "")
    country = country if country in where else ""
    return {
        "page_title": _("Network activities"),
        "filters": [
            select_filter(
                "country", _("Country"), {c: request.layout.country(c) for c in where}, country
            )
        ],
        "upcoming": activities.upcoming(session, country or None),
        "past": activities.past(session, country or None, limit=20),
        "kinds": {k.name: k.title for k in activities.KINDS},
        "calendar": calendar_url(request, country or None),
        "calendars": [(c, calendar_url(request, c)) for c in where],
        "country": country,
        "per_month": activities.per_month(session),
        "goal": activities.GOAL_PER_MONTH,
    }
