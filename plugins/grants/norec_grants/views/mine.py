"""The contact person's own page: their organisations' applications, and what they are
asked to do now (as a contact person and as an assessor)."""

from __future__ import annotations

from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import (
    ACCOUNT,
    Organisation,
    Partnership,
    export_links,
    export_response,
    locally_held,
    requested_format,
)
from norec_grants.i18n import _
from norec_grants.models import Application, Call, Scheme
from norec_grants.tasks import asked_of
from norec_grants.views import queue
from norec_grants.views.applications import contact_partnerships
from norec_grants.workflow import STATE_TITLES

T = "norec_grants:templates/"


@view_config(route_name="grants.mine", renderer=T + "mine.pt", permission=ACCOUNT)
def mine(request):
    query = (
        select(Application)
        .where(
            Application.partnership.has(
                Partnership.organisations.any(locally_held(request, Organisation, "contact"))
            )
        )
        .options(
            selectinload(Application.call).selectinload(Call.scheme).selectinload(Scheme.rates),
            selectinload(Application.partnership).selectinload(Partnership.organisations),
            selectinload(Application.decisions),
            selectinload(Application.exchanges),
            selectinload(Application.costs),
        )
        .order_by(Application.updated_at.desc())
    )
    if requested_format(request):
        return export_response(request, query, queue.columns(request), "my-applications")
    return {
        "page_title": _("My organisations' applications"),
        "applications": request.dbsession.scalars(query).all(),
        "partnerships": contact_partnerships(request),
        "states": STATE_TITLES,
        "tasks": asked_of(request),
        "exports": export_links(request),
    }
