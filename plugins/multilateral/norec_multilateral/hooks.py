"""The multilateral plugin's contributions to the Norec platform."""

from __future__ import annotations

from sqlalchemy import delete, select, update

from norec_core import (
    ActivityKind,
    NavEntry,
    Role,
    hookimpl,
    model_factory,
)
from norec_multilateral import demo
from norec_multilateral.i18n import _
from norec_multilateral.models import Candidacy, Candidate, MultilateralPost
from norec_multilateral.permissions import MANAGE, READ, WITHDRAW
from norec_multilateral.workflow import CANDIDACY_WORKFLOW


@hookimpl
def norec_configure(config):
    config.add_translation_dirs("norec_multilateral:locale/")
    config.add_route("multilateral.overview", "/")
    config.add_route("multilateral.posts", "/posts")
    config.add_route("multilateral.post.new", "/posts/new")
    post = model_factory(MultilateralPost)
    config.add_route("multilateral.post", r"/posts/{id:\d+}", factory=post)
    config.add_route("multilateral.post.edit", r"/posts/{id:\d+}/edit", factory=post)
    config.add_route("multilateral.apply", r"/posts/{id:\d+}/apply", factory=post)
    config.add_route(
        "multilateral.post.applications", r"/posts/{id:\d+}/applications", factory=post
    )
    config.add_route("multilateral.shortlist", r"/posts/{id:\d+}/shortlist", factory=post)
    config.add_route("multilateral.profile", "/profile")
    config.add_route(
        "multilateral.profile.remove", r"/profile/{part:(education|work|language)}/{id:\d+}/remove"
    )
    config.add_route("multilateral.applications", "/applications")
    config.add_route(
        "multilateral.candidacy", r"/applications/{id:\d+}", factory=model_factory(Candidacy)
    )
    config.scan("norec_multilateral.views")


@hookimpl
def norec_navigation(request):
    return [
        NavEntry(_("UN careers"), "multilateral.overview", 120),
        NavEntry(_("Posts in international organisations"), "multilateral.posts", 121),
    ]


@hookimpl
def norec_roles():
    return [
        Role("recruitment_adviser", _("Recruitment adviser"), frozenset({MANAGE, READ})),
        # The candidate owns their applications (the workflow's owner column).
        Role("owner", _("Owner"), frozenset({READ, WITHDRAW}), local=True),
    ]


@hookimpl
def norec_workflows():
    return [CANDIDACY_WORKFLOW]


@hookimpl
def norec_activity_kinds():
    return [ActivityKind("information_meeting", _("Information meeting"))]


@hookimpl
def norec_migrations():
    return "norec_multilateral:migrations"


@hookimpl
def norec_person_export(dbsession, person):
    candidate = dbsession.scalars(select(Candidate).where(Candidate.person_id == person.id)).first()
    if candidate is None:
        return None
    applications = dbsession.scalars(
        select(Candidacy).where(Candidacy.candidate_id == candidate.id)
    ).all()
    return {
        "candidate_profile": {
            "education": [
                {
                    "degree": e.degree,
                    "field": e.field,
                    "institution": e.institution,
                    "country": e.country,
                    "started": e.started_on.isoformat(),
                    "finished": e.finished_on.isoformat() if e.finished_on else None,
                }
                for e in candidate.education
            ],
            "work": [
                {
                    "employer": w.employer,
                    "title": w.title,
                    "country": w.country,
                    "from": w.started_on.isoformat(),
                    "to": w.ended_on.isoformat() if w.ended_on else None,
                    "duties": w.duties,
                }
                for w in candidate.work
            ],
            "languages": {s.code: s.level for s in candidate.languages},
        },
        "applications": [
            {
                "post": a.post.title,
                "received": a.submitted_at.isoformat(),
                "state": a.state,
                "motivation": a.motivation,
                "eligibility": a.checks,
            }
            for a in applications
        ],
    }


@hookimpl
def norec_person_erase(dbsession, person):
    candidate = select(Candidate.id).where(Candidate.person_id == person.id)
    dbsession.execute(delete(Candidacy).where(Candidacy.candidate_id.in_(candidate)))
    for found in dbsession.scalars(select(Candidate).where(Candidate.person_id == person.id)):
        dbsession.delete(found)  # with its education, work and languages
    dbsession.flush()


@hookimpl
def norec_people_merged(dbsession, kept, merged):
    dbsession.execute(
        update(Candidacy).where(Candidacy.person_id == merged.id).values(person_id=kept.id)
    )
    mine = dbsession.scalars(select(Candidate).where(Candidate.person_id == merged.id)).first()
    if mine is None:
        return
    theirs = dbsession.scalars(select(Candidate).where(Candidate.person_id == kept.id)).first()
    if theirs is None:
        mine.person_id = kept.id
        dbsession.flush()
        return
    # One profile: the kept one takes the other's periods and applications it lacks.
    applied = set(
        dbsession.scalars(select(Candidacy.post_id).where(Candidacy.candidate_id == theirs.id))
    )
    dbsession.execute(
        delete(Candidacy).where(Candidacy.candidate_id == mine.id, Candidacy.post_id.in_(applied))
    )
    dbsession.execute(
        update(Candidacy)
        .where(Candidacy.candidate_id == mine.id)
        .values(candidate_id=theirs.id, person_id=kept.id)
    )
    for row in [*mine.education, *mine.work]:
        row.candidate_id = theirs.id
    known = {s.code for s in theirs.languages}
    for skill in list(mine.languages):
        if skill.code not in known:
            skill.candidate_id = theirs.id
    dbsession.flush()
    dbsession.expire(mine)
    dbsession.delete(mine)
    dbsession.flush()


@hookimpl
def norec_demo_data(dbsession):
    demo.load(dbsession)
