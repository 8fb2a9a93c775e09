"""The multilateral plugin's contributions to the Norec platform."""

from __future__ import annotations

import datetime

from sqlalchemy import delete, func, or_, select, update

from norec_core import (
    ActionPurpose,
    ActivityKind,
    NavEntry,
    Role,
    ScheduledTask,
    Task,
    hookimpl,
    now,
)
from norec_multilateral import alerts, careers, demo, members, notices, pool
from norec_multilateral.i18n import _
from norec_multilateral.models import (
    Alert,
    Candidacy,
    Candidate,
    MultilateralPost,
    NetworkMember,
    Placement,
    PoolEntry,
)
from norec_multilateral.permissions import MANAGE, READ, WITHDRAW
from norec_multilateral.routes import add_routes
from norec_multilateral.workflow import CANDIDACY_WORKFLOW


@hookimpl
def norec_configure(config):
    config.add_translation_dirs("norec_multilateral:locale/")
    add_routes(config)
    config.scan("norec_multilateral.views")


@hookimpl
def norec_navigation(request):
    return [
        NavEntry(_("UN careers"), "multilateral.overview", 120),
        NavEntry(_("Posts in international organisations"), "multilateral.posts", 121),
        NavEntry(_("Norwegians in international organisations"), "multilateral.network", 122),
    ]


@hookimpl
def norec_local_roles(request, user, context):
    # A candidate's own profile (and so their CV) is theirs to read.
    if isinstance(context, Candidate) and user.person_id == context.person_id:
        return ["owner"]
    return []


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
    return [
        ActivityKind("information_meeting", _("Information meeting")),
        ActivityKind(members.MEETING, _("Meeting of Norwegians in international organisations")),
    ]


@hookimpl
def norec_action_purposes():
    return [
        ActionPurpose(
            pool.PURPOSE,
            _("Talent pool"),
            _("Do you agree that ${agency} keeps your candidate profile for two years?"),
            pool.consent,
            lifetime=datetime.timedelta(days=60),
        ),
        ActionPurpose(
            alerts.STOP, _("Stop an alert"), _("Do you want to stop this alert?"), alerts.stop
        ),
    ]


@hookimpl
def norec_mailing_lists():
    return [members.MAILING_LIST]


@hookimpl
def norec_scheduled_tasks():
    return [
        ScheduledTask("multilateral.pool_remind", pool.remind, minute="10", hour="6"),
        ScheduledTask("multilateral.pool_expire", pool.expire, minute="20", hour="6"),
    ]


@hookimpl
def norec_dashboard_panels(request):
    if not request.has_permission(MANAGE, request.root):
        return []
    return [careers.retention_chart(request, careers.retention(request.dbsession))]


@hookimpl
def norec_tasks(request):
    if not request.has_permission(MANAGE, request.root):
        return []
    tasks = []
    # Applications received for posts whose deadline has passed wait to be screened;
    # the task opens on the post that closed first.
    closed = (
        select(MultilateralPost.id, MultilateralPost.deadline)
        .join(Candidacy, Candidacy.post_id == MultilateralPost.id)
        .where(Candidacy.state == "submitted", MultilateralPost.deadline < now())
    ).subquery()
    count, first = request.dbsession.execute(
        select(func.count(), func.min(closed.c.deadline))
    ).one()
    if count:
        post = request.dbsession.scalar(
            select(closed.c.id).where(closed.c.deadline == first).limit(1)
        )
        tasks.append(
            Task(
                _("Screen the applications to posts that have closed"),
                request.route_path("multilateral.post.applications", id=post),
                count=count,
                due=first,
            )
        )
    waiting = request.dbsession.scalar(
        select(func.count()).select_from(NetworkMember).where(NetworkMember.status == "pending")
    )
    if waiting:
        tasks.append(
            Task(
                _("Registrations in the network wait for a decision"),
                request.route_path("multilateral.network"),
                count=waiting,
            )
        )
    return tasks


@hookimpl
def norec_notice_kinds():
    return notices.KINDS


@hookimpl
def norec_transition_done(request, workflow, obj, entry):
    if isinstance(obj, Candidacy):
        notices.step_taken(request, obj, entry)


@hookimpl
def norec_migrations():
    return "norec_multilateral:migrations"


def _dates(row, *names):
    return {n: getattr(row, n).isoformat() if getattr(row, n) else None for n in names}


def _others_export(dbsession, person) -> dict:
    """What the plugin holds on a person besides a candidate profile."""
    found = {}
    alerts_of = dbsession.scalars(select(Alert).where(Alert.person_id == person.id)).all()
    if alerts_of:
        found["alerts"] = [
            {
                "programme": a.programme,
                "organisation": a.organisation.name if a.organisation else None,
                "field": a.field,
                "duty_station": a.duty_station,
            }
            for a in alerts_of
        ]
    placements = dbsession.scalars(select(Placement).where(Placement.person_id == person.id)).all()
    if placements:
        found["placements"] = [
            {
                "programme": p.programme,
                "organisation": p.organisation.name,
                "title": p.title,
                "duty_station": p.duty_station,
                **_dates(p, "started_on", "ended_on"),
                "career": [
                    {"employer": c.employer, "title": c.title, "in_system": c.in_system}
                    | _dates(c, "started_on", "ended_on")
                    for c in p.steps
                ],
            }
            for p in placements
        ]
    network = dbsession.scalars(
        select(NetworkMember).where(
            or_(NetworkMember.person_id == person.id, NetworkMember.email == person.email)
        )
    ).all()
    if network:
        found["network_registrations"] = [
            {
                "status": m.status,
                "email": m.email,
                "organisation": m.organisation.name if m.organisation else m.organisation_name,
                "position": m.position,
                "grade": m.grade,
                "duty_station": m.duty_station,
                "contract": m.contract,
                "listed": m.listed,
                "registered": m.created_at.isoformat(),
            }
            for m in network
        ]
    return found


@hookimpl
def norec_person_export(dbsession, person):
    found = _others_export(dbsession, person)
    candidate = dbsession.scalars(select(Candidate).where(Candidate.person_id == person.id)).first()
    if candidate is None:
        return found or None
    entry = dbsession.scalar(select(PoolEntry).where(PoolEntry.candidate_id == candidate.id))
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
            "references": [
                {
                    "name": r.name,
                    "relation": r.relation,
                    "organisation": r.organisation,
                    "email": r.email,
                    "phone": r.phone,
                }
                for r in candidate.references
            ],
        },
        "talent_pool": {"status": entry.status, **_dates(entry, "consented_at", "retain_until")}
        if entry
        else None,
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
    } | found


@hookimpl
def norec_person_erase(dbsession, person):
    candidate = select(Candidate.id).where(Candidate.person_id == person.id)
    dbsession.execute(delete(Candidacy).where(Candidacy.candidate_id.in_(candidate)))
    dbsession.execute(delete(PoolEntry).where(PoolEntry.candidate_id.in_(candidate)))
    dbsession.execute(delete(Alert).where(Alert.person_id == person.id))
    dbsession.execute(delete(Placement).where(Placement.person_id == person.id))
    network = or_(NetworkMember.person_id == person.id, NetworkMember.email == person.email)
    dbsession.execute(delete(NetworkMember).where(network))
    for found in dbsession.scalars(select(Candidate).where(Candidate.person_id == person.id)):
        dbsession.delete(found)  # with its education, work and languages
    dbsession.flush()


@hookimpl
def norec_people_merged(dbsession, kept, merged):
    for model in (Candidacy, Alert, Placement, NetworkMember):
        dbsession.execute(
            update(model).where(model.person_id == merged.id).values(person_id=kept.id)
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
    dbsession.execute(
        delete(PoolEntry).where(PoolEntry.candidate_id == mine.id)
    )  # the kept profile's own consent stands; the merged one's is not theirs to give
    for row in [*mine.education, *mine.work, *mine.references]:
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
