"""The research plugin's contributions to the Norec platform."""

from __future__ import annotations

import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import selectinload

from norec_core import (
    ActivityKind,
    IActivity,
    IPartnership,
    NavEntry,
    Role,
    ScheduledTask,
    Section,
    hookimpl,
    model_factory,
    now,
    reindex,
)
from norec_research import demo, reading, usage
from norec_research.i18n import _
from norec_research.models import Author, Publication, Subject
from norec_research.permissions import EDIT, PUBLISH, READ
from norec_research.search import SOURCE
from norec_research.workflow import PUBLICATION_WORKFLOW


@hookimpl
def norec_configure(config):
    config.add_translation_dirs("norec_research:locale/")
    config.add_route("research.overview", "/")
    config.add_route("research.catalogue", "/publications")
    config.add_route("research.new", "/publications/new")
    publication = model_factory(Publication)
    config.add_route("research.publication", r"/publications/{id:\d+}", factory=publication)
    config.add_route("research.edit", r"/publications/{id:\d+}/edit", factory=publication)
    config.add_route("research.files", r"/publications/{id:\d+}/files", factory=publication)
    config.add_route(
        "research.version", r"/publications/{id:\d+}/versions/{number:\d+}", factory=publication
    )
    config.add_route("research.topic", "/topics/{slug}")
    config.add_route(
        "research.download",
        r"/publications/{id:\d+}/download/{file:\d+}",
        factory=publication,
    )
    config.add_route("research.oai", "/oai")
    config.add_route("research.feed", "/publications/feed.atom")
    config.add_route("research.topic_feed", "/topics/{slug}/feed.atom")
    config.add_route(
        "research.cite",
        r"/publications/{id:\d+}/cite.{format:(bib|ris|json)}",
        factory=publication,
    )
    config.add_route(
        "research.datacite", r"/publications/{id:\d+}/datacite.xml", factory=publication
    )
    config.scan("norec_research.views")


@hookimpl
def norec_navigation(request):
    return [NavEntry(_("Research"), "research.overview", 130)]


@hookimpl
def norec_roles():
    # The core's editor, who keeps the directory, also edits and publishes research.
    return [Role("editor", _("Editor"), frozenset({EDIT, PUBLISH, READ}))]


@hookimpl
def norec_dashboard_panels(request):
    if not request.has_permission(EDIT, request.root):
        return []
    return usage.charts(request)


@hookimpl
def norec_sections(request, context):
    """ "Research about this" on the pages of the partnerships and activities that
    published publications are about."""
    kind = (
        "partnership"
        if IPartnership.providedBy(context)
        else "activity"
        if IActivity.providedBy(context)
        else None
    )
    if kind is None:
        return []
    found = request.dbsession.scalars(
        select(Publication)
        .join(Subject)
        .where(Subject.kind == kind, Subject.record_id == context.id)
        .where(Publication.state == "published")
        .options(selectinload(Publication.texts))
        .order_by(Publication.published_on.desc())
    ).all()
    if not found:
        return []
    return [
        Section(
            _("Research about this"),
            60,
            "norec_research:templates/about.pt",
            {"publications": [(p, reading.text_in(p, request.locale_name)) for p in found]},
        )
    ]


@hookimpl
def norec_workflows():
    return [PUBLICATION_WORKFLOW]


@hookimpl
def norec_search_sources():
    return [SOURCE]


@hookimpl
def norec_activity_kinds():
    return [ActivityKind("seminar", _("Research seminar"))]


@hookimpl
def norec_migrations():
    return "norec_research:migrations"


def open_embargoes(request) -> int:
    """Hourly: index again the publications whose embargo ended in the last hour, so
    that their files' words are found from now on (the files open by themselves)."""
    moment = now()
    ended = request.dbsession.scalars(
        select(Publication).where(
            Publication.embargo_until <= moment,
            Publication.embargo_until > moment - datetime.timedelta(hours=1, minutes=5),
        )
    ).all()
    for publication in ended:
        reindex(request.dbsession, publication)
    return len(ended)


@hookimpl
def norec_scheduled_tasks():
    return [ScheduledTask("research.embargoes", open_embargoes, minute="0")]


@hookimpl
def norec_person_export(dbsession, person):
    publications = dbsession.scalars(
        select(Publication).join(Author).where(Author.person_id == person.id)
    ).all()
    if not publications:
        return None
    return {
        "authored": [
            {
                "id": p.id,
                "title": p.texts[0].title if p.texts else "",
                "published_on": p.published_on.isoformat() if p.published_on else None,
                "state": p.state,
            }
            for p in publications
        ]
    }


@hookimpl
def norec_person_erase(dbsession, person):
    # The publications stay, as published works do; the person is no longer named.
    dbsession.execute(delete(Author).where(Author.person_id == person.id))


@hookimpl
def norec_people_merged(dbsession, kept, merged):
    dbsession.execute(update(Author).where(Author.person_id == merged.id).values(person_id=kept.id))


@hookimpl
def norec_demo_data(dbsession):
    demo.load(dbsession)
