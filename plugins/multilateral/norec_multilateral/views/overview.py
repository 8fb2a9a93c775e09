"""The multilateral plugin's pages."""

from pyramid.view import view_config
from sqlalchemy import select

from norec_core import Organisation, Section, upcoming_activities
from norec_multilateral.i18n import _
from norec_multilateral.permissions import MANAGE
from norec_multilateral.views.pages import in_language, pages


@view_config(
    route_name="multilateral.overview",
    renderer="norec_multilateral:templates/overview.pt",
    permission="view",
)
def overview(request):
    return {
        "page_title": _("Careers in the UN and the development banks"),
        "organisations": request.dbsession.scalars(
            select(Organisation)
            .where(Organisation.kind == "international")
            .order_by(Organisation.name)
        ).all(),
        "pages": [(p.slug, in_language(request, p.titles)) for p in pages(request.dbsession)],
        "manage": request.has_permission(MANAGE, request.root),
        "sections": [
            Section(
                _("Information meetings"),
                10,
                "norec_core:templates/activity_list.pt",
                {"activities": upcoming_activities(request.dbsession, ["information_meeting"])},
            )
        ],
    }
