"""Partnerships of organisations in different countries."""

from __future__ import annotations

from functools import partial

from pyramid.view import view_config
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from norec_core.domain.models import Organisation, Partnership, partnership_organisation
from norec_core.domain.partnership_workflow import PARTNERSHIP
from norec_core.domain.schemas import DIRECTION_TITLES, PartnershipSchema
from norec_core.domain.serialisation import PARTNERSHIP_FIELDS
from norec_core.domain.views.editing import edit_page
from norec_core.exports import Column, export_links, export_response, requested_format
from norec_core.i18n import _, codes
from norec_core.lists import paginate, search_filter, search_words, select_filter
from norec_core.security import DIRECTORY_EDIT, VIEW

EXPORT_COLUMNS = [
    Column(_("Title"), lambda r: r[0].title),
    Column(_("Direction"), lambda r: DIRECTION_TITLES.get(r[0].direction, r[0].direction)),
    Column(_("Partner organisations"), lambda r: r[1]),
    Column(_("Starts on"), lambda r: r[0].starts_on),
    Column(_("Ends on"), lambda r: r[0].ends_on),
    Column(_("State"), lambda r: r[0].state),
]


@view_config(
    route_name="partnerships",
    renderer="norec_core:templates/partnerships/list.pt",
    permission=VIEW,
    page_cache=True,
)
def partnership_list(request):
    q = request.GET.get("q", "").strip()
    direction = request.GET.get("direction", "")
    country = request.GET.get("country", "")
    state = request.GET.get("state", "")
    states = {s.name: s.title for s in PARTNERSHIP.states}
    query = select(Partnership)
    if q:
        query = search_words(query, q, Partnership.title)
    if direction:
        query = query.where(Partnership.direction == direction)
    if state:
        query = query.where(Partnership.state == state)
    if country:
        query = query.where(Partnership.organisations.any(Organisation.country == country))
    query = query.order_by(Partnership.starts_on.desc(), Partnership.id)
    if requested_format(request):
        partners = (
            select(func.aggregate_strings(Organisation.name, "; "))
            .join(partnership_organisation)
            .where(partnership_organisation.c.partnership_id == Partnership.id)
            .scalar_subquery()
        )
        export = query.add_columns(partners)
        return export_response(request, export, EXPORT_COLUMNS, "partnerships", scalars=False)
    return {
        "page_title": _("Partnerships"),
        "page": paginate(request, query.options(selectinload(Partnership.organisations))),
        "exports": export_links(request),
        "directions": DIRECTION_TITLES,
        "filters": [
            search_filter(_("Title"), q),
            select_filter("direction", _("Direction"), DIRECTION_TITLES, direction),
            select_filter("state", _("State"), states, state),
            select_filter(
                "country", _("Country"), codes.country_names(request.locale_name), country
            ),
        ],
    }


@view_config(
    route_name="partnerships.detail",
    renderer="norec_core:templates/partnerships/detail.pt",
    permission=VIEW,
    page_cache=True,
)
def partnership_detail(request):
    partnership = request.context
    return {
        "page_title": partnership.title,
        "partnership": partnership,
        "directions": DIRECTION_TITLES,
        "sections": request.pm.hook.norec_sections(request=request, context=partnership),
        "can_edit": request.has_permission(DIRECTORY_EDIT),
    }


def to_form(partnership: Partnership) -> dict:
    data = {key: getattr(partnership, key) for key in PARTNERSHIP_FIELDS}
    data["organisations"] = {str(o.id) for o in partnership.organisations}
    return data


def from_form(request, partnership: Partnership, data: dict) -> None:
    for key in PARTNERSHIP_FIELDS:
        setattr(partnership, key, data[key])
    ids = [int(i) for i in data["organisations"]]
    partnership.organisations = list(
        request.dbsession.scalars(select(Organisation).where(Organisation.id.in_(ids)))
    )


@view_config(
    route_name="partnerships.new",
    renderer="norec_core:templates/form.pt",
    permission=DIRECTORY_EDIT,
)
def partnership_new(request):
    return edit_page(
        request,
        PartnershipSchema(),
        Partnership(),
        is_new=True,
        appstruct=to_form,
        apply=partial(from_form, request),
        detail_route="partnerships.detail",
        page_title=_("New partnership"),
    )


@view_config(
    route_name="partnerships.edit",
    renderer="norec_core:templates/form.pt",
    permission=DIRECTORY_EDIT,
)
def partnership_edit(request):
    partnership = request.context
    return edit_page(
        request,
        PartnershipSchema(),
        partnership,
        is_new=False,
        appstruct=to_form,
        apply=partial(from_form, request),
        detail_route="partnerships.detail",
        page_title=_("Edit ${name}", mapping={"name": partnership.title}),
    )
