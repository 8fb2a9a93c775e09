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
    now,
    reindex,
)
from norec_research import demo, demo_files, notices, reading, tasks
from norec_research.i18n import _
from norec_research.models import Author, Proposal, Publication, Subject
from norec_research.permissions import EDIT, PROPOSAL_READ, PUBLISH, READ
from norec_research.routes import add_routes
from norec_research.search import SOURCE
from norec_research.workflow import PUBLICATION_WORKFLOW


@hookimpl
def norec_configure(config):
    config.add_translation_dirs("norec_research:locale/")
    add_routes(config)
    config.scan("norec_research.views")


@hookimpl
def norec_navigation(request):
    return [NavEntry(_("Research"), "research.overview", 130)]


@hookimpl
def norec_roles():
    # The core's editor, who keeps the directory, also edits and publishes research.
    return [
        Role("editor", _("Editor"), frozenset({EDIT, PUBLISH, READ, PROPOSAL_READ})),
        # The proposer owns their proposal (see norec_local_roles).
        Role("owner", _("Owner"), frozenset({PROPOSAL_READ}), local=True),
    ]


@hookimpl
def norec_tasks(request):
    return tasks.asked_of(request)


@hookimpl
def norec_local_roles(request, user, context):
    if isinstance(context, Proposal) and user.person_id == context.person_id:
        return ["owner"]
    return []


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
def norec_notice_kinds():
    return notices.KINDS


@hookimpl
def norec_transition_done(request, workflow, obj, entry):
    if isinstance(obj, Publication):
        notices.step_taken(request, obj, entry)


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
    proposals = dbsession.scalars(select(Proposal).where(Proposal.person_id == person.id)).all()
    if not publications and not proposals:
        return None
    return {
        "proposals": [
            {
                "call": p.commission.title,
                "title": p.title,
                "organisation": p.organisation_name,
                "summary": p.summary,
                "budget": f"{p.budget} {p.currency}",
                "status": p.state,
                "submitted": p.submitted_at.isoformat(),
            }
            for p in proposals
        ],
        "authored": [
            {
                "id": p.id,
                "title": p.texts[0].title if p.texts else "",
                "published_on": p.published_on.isoformat() if p.published_on else None,
                "state": p.state,
            }
            for p in publications
        ],
    }


@hookimpl
def norec_person_erase(dbsession, person):
    # The publications stay, as published works do; the person is no longer named.
    dbsession.execute(delete(Author).where(Author.person_id == person.id))
    dbsession.execute(delete(Proposal).where(Proposal.person_id == person.id))


@hookimpl
def norec_people_merged(dbsession, kept, merged):
    # One proposal a person per call: the kept person's stands where both sent one.
    theirs = select(Proposal.commission_id).where(Proposal.person_id == kept.id)
    dbsession.execute(
        delete(Proposal).where(Proposal.person_id == merged.id, Proposal.commission_id.in_(theirs))
    )
    for model in (Author, Proposal):
        dbsession.execute(
            update(model).where(model.person_id == merged.id).values(person_id=kept.id)
        )


@hookimpl
def norec_demo_data(dbsession, request):
    demo.load(dbsession)
    demo_files.attach_reports(request, dbsession)
