"""Organisations: public directory, edited by those who hold directory.edit."""

from __future__ import annotations

from functools import partial

from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core.domain import record_fields
from norec_core.domain.models import (
    Activity,
    Organisation,
    Partnership,
    partnership_organisation,
)
from norec_core.domain.schemas import ORGANISATION_KIND_TITLES, OrganisationSchema
from norec_core.domain.serialisation import ORGANISATION_FIELDS
from norec_core.domain.views.editing import edit_page
from norec_core.exports import Column, export_links, export_response, requested_format
from norec_core.i18n import _, codes
from norec_core.lists import paginate, search_filter, search_words, select_filter
from norec_core.security import DIRECTORY_EDIT, VIEW

EXPORT_COLUMNS = [
    Column(_("Name"), lambda o: o.name),
    Column(_("Country"), lambda o: o.country),
    Column(_("Kind"), lambda o: ORGANISATION_KIND_TITLES.get(o.kind, o.kind)),
    Column(_("Website"), lambda o: o.website),
    Column(_("ROR ID"), lambda o: o.ror),
    Column(_("Organisation number"), lambda o: o.org_number),
]


@view_config(
    route_name="organisations",
    renderer="norec_core:templates/organisations/list.pt",
    permission=VIEW,
    page_cache=True,
)
def organisation_list(request):
    """The directory of organisations, and the same rows as CSV or a workbook."""
    q = request.GET.get("q", "").strip()
    country = request.GET.get("country", "")
    kind = request.GET.get("kind", "")
    query = select(Organisation)
    if q:
        query = search_words(query, q, Organisation.name)
    if country:
        query = query.where(Organisation.country == country)
    if kind:
        query = query.where(Organisation.kind == kind)
    query = query.order_by(Organisation.name, Organisation.id)
    if requested_format(request):
        return export_response(request, query, EXPORT_COLUMNS, "organisations")
    return {
        "page_title": _("Organisations"),
        "page": paginate(request, query),
        "exports": export_links(request),
        "kinds": ORGANISATION_KIND_TITLES,
        "filters": [
            search_filter(_("Name"), q),
            select_filter(
                "country", _("Country"), codes.country_names(request.locale_name), country
            ),
            select_filter("kind", _("Kind"), ORGANISATION_KIND_TITLES, kind),
        ],
    }


@view_config(
    route_name="organisations.detail",
    renderer="norec_core:templates/organisations/detail.pt",
    permission=VIEW,
    page_cache=True,
)
def organisation_detail(request):
    organisation = request.context
    return {
        "page_title": organisation.name,
        "organisation": organisation,
        "kinds": ORGANISATION_KIND_TITLES,
        "partnerships": request.dbsession.scalars(
            select(Partnership)
            # The link table itself: relationship.contains() builds (and compiles) a
            # new expression for every request, a sixth of the page's time.
            .where(
                Partnership.id.in_(
                    select(partnership_organisation.c.partnership_id).where(
                        partnership_organisation.c.organisation_id == organisation.id
                    )
                )
            )
            .options(selectinload(Partnership.organisations))
            .order_by(Partnership.starts_on.desc())
        ).all(),
        "activities": request.dbsession.scalars(
            select(Activity)
            .where(Activity.organisation_id == organisation.id)
            .order_by(Activity.starts_at.desc())
            .limit(50)
        ).all(),
        "sections": request.pm.hook.norec_sections(request=request, context=organisation),
        "can_edit": request.has_permission(DIRECTORY_EDIT),
    }


def to_form(organisation: Organisation, request=None) -> dict:
    data = {key: getattr(organisation, key) for key in ORGANISATION_FIELDS}
    if request is not None:
        data |= record_fields.form_values(request, organisation)
    return data


def from_form(request, organisation: Organisation, data: dict) -> None:
    for key in ORGANISATION_FIELDS:
        setattr(organisation, key, data[key])
    record_fields.save(request, organisation, data)


@view_config(
    route_name="organisations.new",
    renderer="norec_core:templates/form.pt",
    permission=DIRECTORY_EDIT,
)
def organisation_new(request):
    organisation = Organisation()
    return edit_page(
        request,
        record_fields.with_fieldsets(request, OrganisationSchema(), organisation),
        organisation,
        is_new=True,
        appstruct=partial(to_form, request=request),
        apply=partial(from_form, request),
        detail_route="organisations.detail",
        page_title=_("New organisation"),
    )


@view_config(
    route_name="organisations.edit",
    renderer="norec_core:templates/form.pt",
    permission=DIRECTORY_EDIT,
)
def organisation_edit(request):
    organisation = request.context
    return edit_page(
        request,
        record_fields.with_fieldsets(request, OrganisationSchema(), organisation),
        organisation,
        is_new=False,
        appstruct=partial(to_form, request=request),
        apply=partial(from_form, request),
        detail_route="organisations.detail",
        page_title=_("Edit ${name}", mapping={"name": organisation.name}),
    )
