"""The caseworkers' queue: every application, filtered, paged and exported."""

from __future__ import annotations

from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from norec_core import (
    Column,
    Organisation,
    Partnership,
    User,
    export_links,
    export_response,
    paginate,
    parse_id,
    permitted,
    requested_format,
    search_filter,
    search_words,
    select_filter,
)
from norec_grants import budget
from norec_grants.i18n import _
from norec_grants.models import Application, Assignment, Call, Scheme
from norec_grants.permissions import MANAGE, READ
from norec_grants.workflow import STATE_TITLES

T = "norec_grants:templates/"


def _shown(query):
    # What the page's rows show and no more (the budget's parts are the export's): the
    # call and the partnership in the page's own statement, the partnership's
    # organisations in one more, whatever the number of rows.
    return query.options(
        joinedload(Application.call, innerjoin=True),
        joinedload(Application.partnership, innerjoin=True).selectinload(Partnership.organisations),
    )


def _loaded(query):
    # Constant queries per export: each relationship the columns show is loaded in one go.
    return query.options(
        selectinload(Application.call).selectinload(Call.scheme).selectinload(Scheme.rates),
        selectinload(Application.partnership).selectinload(Partnership.organisations),
        selectinload(Application.exchanges),
        selectinload(Application.costs),
    )


def _partnerships_of(condition):
    """The partnerships with an organisation meeting `condition`. The filters ask for
    the applications whose partnership is one of these, found once, rather than whether
    each application's partnership has such an organisation: asked row by row, a
    country took SQLite a tenth of a second at 5,000 applications."""
    return select(Partnership.id).join(Partnership.organisations).where(condition)


def filtered(request):
    """The applications the filters of the request select, and the filters to show."""
    get = request.GET
    query = select(Application).where(permitted(request, Application, READ))
    names = ("call", "state", "country", "organisation", "assessor", "q")
    chosen = {name: get.get(name, "") for name in names}
    call_id, organisation_id, assessor_id = (
        parse_id(chosen[name]) for name in ("call", "organisation", "assessor")
    )
    if call_id:
        query = query.where(Application.call_id == call_id)
    if chosen["state"] in STATE_TITLES:
        query = query.where(Application.state == chosen["state"])
    if chosen["country"]:
        query = query.where(
            Application.partnership_id.in_(
                _partnerships_of(Organisation.country == chosen["country"])
            )
        )
    if organisation_id:
        query = query.where(
            Application.partnership_id.in_(_partnerships_of(Organisation.id == organisation_id))
        )
    if assessor_id:
        # The assessor's applications found once, as the partnerships are above.
        query = query.where(
            Application.id.in_(
                select(Assignment.application_id).where(Assignment.user_id == assessor_id)
            )
        )
    if chosen["q"]:
        query = search_words(query, chosen["q"], Application.title)
    calls = request.dbsession.execute(select(Call.id, Call.title).order_by(Call.closes_at.desc()))
    assessors = request.dbsession.execute(
        select(User.id, User.email)
        .where(User.id.in_(select(Assignment.user_id)))
        .order_by(User.email)
    )
    organisations = request.dbsession.execute(
        select(Organisation.id, Organisation.name).order_by(Organisation.name)
    )
    filters = [
        search_filter(_("Title"), chosen["q"]),
        select_filter("call", _("Call"), {str(i): t for i, t in calls}, chosen["call"]),
        select_filter("state", _("State"), STATE_TITLES, chosen["state"]),
        select_filter("country", _("Country"), request.layout.countries, chosen["country"]),
        select_filter(
            "organisation",
            _("Organisation"),
            {str(i): n for i, n in organisations},
            chosen["organisation"],
        ),
        select_filter(
            "assessor", _("Assessor"), {str(i): e for i, e in assessors}, chosen["assessor"]
        ),
    ]
    return query.order_by(Application.updated_at.desc(), Application.id.desc()), filters


def columns(request):
    layout = request.layout
    return [
        Column(_("Number"), lambda a: a.id),
        Column(_("Title"), lambda a: a.title),
        Column(_("Call"), lambda a: a.call.title),
        Column(_("Partnership"), lambda a: a.partnership.title),
        Column(
            _("Organisations"), lambda a: "; ".join(o.name for o in a.partnership.organisations)
        ),
        Column(
            _("Countries"),
            lambda a: ", ".join(sorted({o.country for o in a.partnership.organisations})),
        ),
        Column(_("State"), lambda a: layout.translate(STATE_TITLES[a.state])),
        Column(_("Submitted"), lambda a: a.submitted_at),
        Column(_("Participants"), lambda a: sum(e.participants for e in a.exchanges)),
        Column(_("Budget"), lambda a: budget.budget(a).total),
        Column(_("Currency"), lambda a: a.call.scheme.currency),
    ]


@view_config(route_name="grants.queue", renderer=T + "queue.pt", permission=MANAGE)
def queue(request):
    query, filters = filtered(request)
    if requested_format(request):
        return export_response(request, _loaded(query), columns(request), "applications")
    return {
        "page_title": _("Applications"),
        "page": paginate(request, _shown(query)),
        "filters": filters,
        "exports": export_links(request),
        "states": STATE_TITLES,
    }
