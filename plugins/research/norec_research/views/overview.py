"""The research plugin's front page: the newest publications, the topics, the seminars."""

from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import VIEW, Section, upcoming_activities
from norec_research import reading, usage
from norec_research.i18n import _
from norec_research.models import Publication
from norec_research.permissions import EDIT
from norec_research.vocabularies import TOPICS, TYPES


@view_config(
    route_name="research.overview",
    renderer="norec_research:templates/overview.pt",
    permission=VIEW,
)
def overview(request):
    session = request.dbsession
    newest = session.scalars(
        select(Publication)
        .where(Publication.state == "published")
        .options(selectinload(Publication.texts))
        .order_by(Publication.published_on.desc(), Publication.id.desc())
        .limit(6)
    ).all()
    editor = request.has_permission(EDIT, request.root)
    return {
        "page_title": _("Research and knowledge"),
        "newest": [(p, reading.text_in(p, request.locale_name)) for p in newest],
        "topics": TOPICS,
        "types": TYPES,
        "editor": editor,
        "sections": [
            Section(
                _("Seminars"),
                10,
                "norec_core:templates/activity_list.pt",
                {"activities": upcoming_activities(session, ["seminar"])},
            ),
            # The editors' own figures, on their plugin's page rather than the site's.
            *(usage.charts(request) if editor else []),
        ],
    }
