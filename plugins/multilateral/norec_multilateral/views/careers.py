"""Careers after a placement: the advisers' list of placements with the retention figures
per organisation, and one placement's page where its later career steps are recorded."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import (
    Column,
    export_links,
    export_response,
    flash,
    paginate,
    process_form,
    requested_format,
    select_filter,
)
from norec_multilateral import careers
from norec_multilateral.forms.careers import EndSchema, StepSchema
from norec_multilateral.i18n import _
from norec_multilateral.models import CareerStep, Placement
from norec_multilateral.permissions import MANAGE
from norec_multilateral.rounds import PROGRAMMES

T = "norec_multilateral:templates/"


def _columns(request):
    translate = request.localizer.translate
    return [
        Column(_("Name"), lambda p: p.person.full_name),
        Column(_("Programme"), lambda p: translate(PROGRAMMES[p.programme])),
        Column(_("Organisation"), lambda p: p.organisation.name),
        Column(_("Position"), lambda p: p.title),
        Column(_("Duty station"), lambda p: p.duty_station),
        Column(_("From"), lambda p: p.started_on),
        Column(_("To"), lambda p: p.ended_on),
        Column(_("Now"), lambda p: p.steps[-1].employer if p.steps else p.organisation.name),
    ]


@view_config(route_name="multilateral.careers", renderer=T + "careers.pt", permission=MANAGE)
def career_list(request):
    programme = request.GET.get("programme", "")
    programme = programme if programme in PROGRAMMES else ""
    query = (
        select(Placement)
        .options(
            selectinload(Placement.person),
            selectinload(Placement.organisation),
            selectinload(Placement.steps),
        )
        .order_by(Placement.started_on.desc(), Placement.id)
    )
    if programme:
        query = query.where(Placement.programme == programme)
    if requested_format(request):
        return export_response(request, query, _columns(request), "placements")
    rows = careers.retention(request.dbsession)
    return {
        "page_title": _("Careers and retention"),
        "retention": rows,
        "horizons": careers.HORIZONS,
        "horizon_titles": careers.HORIZON_TITLES,
        "totals": careers.totals(rows),
        "figure": careers.figure,
        "sections": [careers.retention_chart(request, rows)],
        "filters": [select_filter("programme", _("Programme"), PROGRAMMES, programme)],
        "page": paginate(request, query),
        "programmes": PROGRAMMES,
        "exports": export_links(request),
    }


@view_config(route_name="multilateral.placement", renderer=T + "placement.pt", permission=MANAGE)
def placement_page(placement, request):
    here = request.route_path("multilateral.placement", id=placement.id)
    step = process_form(request, StepSchema(), submit_title=_("Add the step"), formid="step")
    if step.valid:
        placement.steps.append(CareerStep(**step.data))
        flash(request, _("The career step is added."))
        return HTTPFound(here)
    end = process_form(request, EndSchema(), submit_title=_("Record"), formid="end")
    if end.valid:
        placement.ended_on = end.data["ended_on"]
        flash(request, _("The end of the placement is recorded."))
        return HTTPFound(here)
    return {
        "page_title": placement.person.full_name,
        "placement": placement,
        "programmes": PROGRAMMES,
        "step_form": step.html,
        "end_form": end.html if placement.ended_on is None else "",
    }
