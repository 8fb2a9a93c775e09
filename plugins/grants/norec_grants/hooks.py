"""The grants plugin's contributions to the Norec platform: everything goes through these
hooks, and the plugin imports nothing of the core but its public surface."""

from __future__ import annotations

from sqlalchemy import delete, func, select, update

from norec_core import (
    VIEW,
    ActivityKind,
    Chart,
    DigestItem,
    IOrganisation,
    IPartnership,
    NavEntry,
    Organisation,
    Partnership,
    Person,
    PersonFact,
    Role,
    ScheduledTask,
    SearchDocument,
    SearchSource,
    Section,
    chart_section,
    hookimpl,
    locally_held,
)
from norec_grants import demo, notices, reports
from norec_grants.decisions import APPEAL_WORKFLOW, appeal_window
from norec_grants.i18n import _
from norec_grants.models import (
    Appeal,
    Application,
    Call,
    Decision,
    FinalReport,
    GrantedYear,
    Participant,
)
from norec_grants.permissions import (
    APPEAL,
    ASSESS,
    EDIT,
    MANAGE,
    PARTICIPANTS,
    READ,
    REPORT,
    WITHDRAW,
)
from norec_grants.routes import add_routes
from norec_grants.tasks import asked_of
from norec_grants.workflow import APPLICATION_WORKFLOW, STATE_TITLES


@hookimpl
def norec_configure(config):
    appeal_window(config.registry.settings)  # a window that cannot be used stops start-up
    config.add_translation_dirs("norec_grants:locale/")
    add_routes(config)
    config.scan("norec_grants.views")


@hookimpl
def norec_navigation(request):
    return [NavEntry(_("Grants"), "grants.overview", 100, VIEW)]


@hookimpl
def norec_roles():
    return [
        Role(
            "caseworker",
            _("Caseworker"),
            frozenset({READ, MANAGE, ASSESS, PARTICIPANTS}),
        ),
        # Derived, never granted by hand: the contact persons of the partner organisations.
        Role(
            "applicant",
            _("Applicant"),
            frozenset({READ, EDIT, WITHDRAW, REPORT, APPEAL, PARTICIPANTS}),
            local=True,
        ),
        # Granted on one application: a reviewer from outside Norec's staff.
        Role("assessor", _("Assessor"), frozenset({READ, ASSESS}), local=True),
    ]


@hookimpl
def norec_local_roles(request, user, context):
    if isinstance(context, (Appeal, FinalReport)):  # the applicant's, as the case is
        context = context.application
    if not isinstance(context, Application):
        return []
    # One query: is the user contact person of one of the partnership's organisations?
    found = request.dbsession.scalar(
        select(Organisation.id)
        .where(
            Organisation.partnerships.any(Partnership.id == context.partnership_id),
            locally_held(request, Organisation, "contact"),
        )
        .limit(1)
    )
    return ["applicant"] if found is not None else []


@hookimpl
def norec_workflows():
    return [APPLICATION_WORKFLOW, APPEAL_WORKFLOW]


@hookimpl
def norec_notice_kinds():
    return notices.KINDS


@hookimpl
def norec_transition_done(request, workflow, obj, entry):
    notices.step_taken(request, obj, entry)


@hookimpl
def norec_migrations():
    return "norec_grants:migrations"


@hookimpl
def norec_activity_kinds():
    return [
        ActivityKind("pre_departure_course", _("Pre-departure course")),
        ActivityKind("homecoming_course", _("Homecoming seminar")),
        ActivityKind("leaders_course", _("Leaders' course")),
    ]


@hookimpl
def norec_sections(request, context):
    # Applications are not public: staff see them, and the contact persons theirs.
    if IPartnership.providedBy(context):
        query = select(Application).where(Application.partnership_id == context.id)
        everything = None
    elif IOrganisation.providedBy(context):
        query = select(Application).where(
            Application.partnership.has(
                Partnership.organisations.any(Organisation.id == context.id)
            )
        )
        everything = request.route_path("grants.queue", _query={"organisation": context.id})
    else:
        return []
    if request.has_permission(MANAGE):
        visible = request.dbsession.scalars(
            query.order_by(Application.updated_at.desc()).limit(10)
        ).all()
    elif request.identity is not None:
        mine = Application.partnership.has(
            Partnership.organisations.any(locally_held(request, Organisation, "contact"))
        )
        visible = request.dbsession.scalars(
            query.where(mine).order_by(Application.updated_at.desc())
        ).all()
        everything = request.route_path("grants.mine")
    else:
        return []
    if not visible:
        return []
    return [
        Section(
            _("Grant applications"),
            30,
            "norec_grants:templates/partnership_section.pt",
            {"applications": visible, "states": STATE_TITLES, "everything": everything},
        )
    ]


@hookimpl
def norec_scheduled_tasks():
    return [ScheduledTask("grants.remind", reports.remind, minute="0", hour="6")]


@hookimpl
def norec_dashboard_panels(request):
    if not request.has_permission(MANAGE):
        return []
    dbsession = request.dbsession
    counts = dict(
        dbsession.execute(select(Application.state, func.count()).group_by(Application.state)).all()
    )
    states = [(s.title, counts.get(s.name, 0), s.name) for s in APPLICATION_WORKFLOW.states]
    granted = dbsession.execute(
        select(Organisation.country, func.sum(GrantedYear.amount))
        .join(Decision, Decision.id == GrantedYear.decision_id)
        .join(Application, Application.id == Decision.application_id)
        .join(Partnership, Partnership.id == Application.partnership_id)
        .join(Partnership.organisations)
        .where(Organisation.country != "NO", Decision.superseded_at.is_(None))
        .group_by(Organisation.country)
        .order_by(func.sum(GrantedYear.amount).desc())
        .limit(12)
    ).all()
    panels = [
        Section(
            _("Grant applications by state"),
            20,
            "norec_grants:templates/panel_states.pt",
            {"states": states},
        ),
        Section(
            _("Overdue in grant cases"),
            21,
            "norec_grants:templates/panel_overdue.pt",
            {"overdue": reports.overdue(request)[:15]},
        ),
    ]
    if granted:
        chart = Chart(
            _("Granted by partner country"),
            _(
                "The twelve countries of partners in the South with the most granted, in NOK; "
                "a South–South grant counts in both partners' countries."
            ),
            _("Country"),
            _("Granted (NOK)"),
            tuple((request.layout.country(c), int(total)) for c, total in granted),
        )
        panels.append(chart_section(_("Granted by partner country"), 22, chart))
    return panels


@hookimpl
def norec_tasks(request):
    return asked_of(request)


def _application_document(application):
    summary = application.summary or application.goals
    return SearchDocument(
        title=application.title,
        text=f"{application.summary}\n{application.goals}",
        summary=summary[:300],
        language=application.language,
        country=next(
            (o.country for o in application.partnership.organisations if o.country != "NO"), None
        ),
        date=application.submitted_at or application.created_at,
        facets={"state": application.state},
        permission=READ,
    )


def _call_document(call):
    return SearchDocument(
        title=call.title,
        text=f"{call.description}\n{call.scheme.name}\n{call.scheme.description}",
        summary=call.description[:300],
        date=call.closes_at,
        permission=VIEW,
    )


@hookimpl
def norec_search_sources():
    return [
        SearchSource(
            "grants.application",
            _("Grant application"),
            Application,
            _application_document,
            "grants.application",
            facets={"state": _("State")},
        ),
        SearchSource(
            "grants.call", _("Call for applications"), Call, _call_document, "grants.call"
        ),
    ]


@hookimpl
def norec_person_export(dbsession, person):
    led = dbsession.scalars(select(Application).where(Application.lead_id == person.id)).all()
    went = dbsession.scalars(select(Participant).where(Participant.person_id == person.id)).all()
    if not led and not went:
        return None
    return {
        "applications_led": [
            {"id": a.id, "title": a.title, "state": a.state, "call": a.call.title} for a in led
        ],
        "exchanges": [
            {
                "application": p.application_id,
                "role": p.role,
                "from": p.sending.name,
                "to": p.receiving.name,
                "starts_on": p.starts_on.isoformat(),
                "ends_on": p.ends_on.isoformat(),
                "completed_at": p.completed_at.isoformat() if p.completed_at else None,
            }
            for p in went
        ],
    }


@hookimpl
def norec_person_erase(dbsession, person):
    # The application is the organisations' and stays (a grant decision is archived);
    # it no longer names the person.
    dbsession.execute(
        update(Application).where(Application.lead_id == person.id).values(lead_id=None)
    )
    # The person's exchanges go with them; the grant keeps its plan and its money.
    dbsession.execute(delete(Participant).where(Participant.person_id == person.id))


@hookimpl
def norec_people_merged(dbsession, kept, merged):
    dbsession.execute(
        update(Application).where(Application.lead_id == merged.id).values(lead_id=kept.id)
    )
    dbsession.execute(
        update(Participant).where(Participant.person_id == merged.id).values(person_id=kept.id)
    )


@hookimpl
def norec_person_facts():
    def participant(year=None):
        query = select(Participant.person_id).where(Participant.role == "participant")
        if year is not None:
            query = query.where(func.extract("year", Participant.starts_on) == int(year))
        return Person.id.in_(query)

    def completed(year=None):
        query = select(Participant.person_id).where(
            Participant.role == "participant", Participant.completed_at.is_not(None)
        )
        if year is not None:
            query = query.where(func.extract("year", Participant.ends_on) == int(year))
        return Person.id.in_(query)

    return [
        PersonFact(
            "grants.participant", "Exchanged under a grant (year=… the year left)", participant
        ),
        PersonFact(
            "grants.completed_exchange",
            "Completed an exchange under a grant (year=… the year it ended)",
            completed,
        ),
    ]


@hookimpl
def norec_demo_data(dbsession):
    demo.load(dbsession)


@hookimpl
def norec_digest_items(request, since, until, audience, language):
    """Calls open for applications at the end of the period, for newsletters: public
    to every audience; the summary is the deadline, a date every language reads."""
    return [
        DigestItem(
            "call",
            call.title,
            request.route_url("grants.call", id=call.id),
            call.closes_at,
            f"→ {call.closes_at.date().isoformat()}",
        )
        for call in request.dbsession.scalars(
            select(Call)
            .where(Call.opens_at <= until, Call.closes_at >= until)
            .order_by(Call.closes_at)
        )
    ]
