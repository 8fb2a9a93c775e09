"""The core's own contributions, made through the same hooks as any plugin's."""

from __future__ import annotations

import datetime

from sqlalchemy import func, select

from norec_core import security
from norec_core.accounts import sessions as login_sessions
from norec_core.accounts import throttle
from norec_core.charts import Chart, chart_section
from norec_core.contributions import (
    ActionPurpose,
    ActivityKind,
    DigestItem,
    JobType,
    NavEntry,
    NoticeKind,
    Role,
    ScheduledTask,
    Section,
    Task,
)
from norec_core.domain import activities, facts, partnership_workflow, record_fields, search_sources
from norec_core.domain.demo import load_core_demo
from norec_core.domain.models import (
    Activity,
    ListSubscription,
    Partnership,
    Person,
)
from norec_core.files import attachments
from norec_core.hookspecs import hookimpl
from norec_core.i18n import _, codes
from norec_core.interfaces import IActivity, IOrganisation, IPartnership, IPerson
from norec_core.jsonapi.endpoints import core_endpoints
from norec_core.mail import mailing, mailing_lists
from norec_core.mail.models import OutboxMessage
from norec_core.notices.digest import send_digests
from norec_core.tasks import jobs
from norec_core.tasks.models import Job
from norec_core.views import local_roles
from norec_core.workflow import engine


@hookimpl
def norec_navigation(request):
    return [
        NavEntry(_("People"), "people", 10, security.PERSON_VIEW),
        NavEntry(_("Organisations"), "organisations", 20),
        NavEntry(_("Partnerships"), "partnerships", 30),
        NavEntry(_("Activities"), "activities", 40),
        NavEntry(_("Search"), "search", 50),
        NavEntry(_("Administration"), "admin", 90, security.OPERATIONS),
    ]


@hookimpl
def norec_roles():
    s = security
    return [
        Role("admin", _("Administrator"), frozenset({"*"})),
        Role(
            "caseworker",
            _("Caseworker"),
            frozenset({s.PERSON_VIEW, s.DIRECTORY_EDIT, s.PARTNERSHIP_DECIDE, s.ATTENDANCE_RECORD}),
        ),
        Role(
            "network_adviser",
            _("Network adviser"),
            frozenset(
                {
                    s.PERSON_VIEW,
                    s.PERSON_EDIT,
                    s.REGISTRATION_EDIT,
                    s.DIRECTORY_EDIT,
                    s.ATTENDANCE_RECORD,
                }
            ),
        ),
        Role(
            "recruitment_adviser",
            _("Recruitment adviser"),
            frozenset({s.PERSON_VIEW, s.PERSON_EDIT}),
        ),
        Role("editor", _("Editor"), frozenset({s.DIRECTORY_EDIT})),
        # Members hold nothing site-wide beyond their own account; what is theirs comes
        # from local roles (owner of their own person record).
        Role("member", _("Member"), frozenset()),
        Role(
            "owner",
            _("Owner"),
            frozenset(
                {s.PERSON_VIEW, s.PERSON_EDIT, s.PERSON_EXPORT, s.REGISTRATION_EDIT, s.JOB_VIEW}
            ),
            local=True,
        ),
        Role("contact", _("Contact person"), frozenset({s.DIRECTORY_EDIT}), local=True),
    ]


@hookimpl
def norec_local_roles(request, user, context):
    # A person's own account owns the person record; who started a job owns it.
    if IPerson.providedBy(context) and user.person_id == context.id:
        return ["owner"]
    if isinstance(context, Job) and context.created_by_id == user.id:
        return ["owner"]
    # A record whose workflow names its owner column belongs to that person's account.
    workflow = request.registry["norec.workflows"].get(type(context))
    owner = workflow.owner if workflow is not None else None
    if owner and user.person_id is not None and getattr(context, owner) == user.person_id:
        return ["owner"]
    return []


@hookimpl
def norec_workflows():
    return [partnership_workflow.PARTNERSHIP]


@hookimpl
def norec_sections(request, context):
    sections = []
    # The shared records show who holds a local role on them, to those who manage users.
    if any(i.providedBy(context) for i in (IPerson, IOrganisation, IPartnership, IActivity)):
        if request.has_permission(security.USERS_MANAGE, context):
            sections.append(
                Section(
                    _("Roles on this record"),
                    90,
                    "norec_core:templates/local_roles.pt",
                    local_roles.section_values(request, context),
                )
            )
    # The plugins' own fields on a person, to those who may see the person's record; on
    # an organisation, to everyone who sees it.
    if (IPerson.providedBy(context) and request.has_permission(security.PERSON_VIEW)) or (
        IOrganisation.providedBy(context)
    ):
        sections += record_fields.sections(request, context)
    # A person's documents (a CV, certificates), to those who may see the record.
    if IPerson.providedBy(context) and request.has_permission(security.PERSON_VIEW):
        documents = attachments.files_of(request, context)
        can_attach = request.has_permission(security.PERSON_EDIT)
        if documents or can_attach:
            values = {"person": context, "documents": documents, "can_attach": can_attach}
            sections.append(
                Section(_("Documents"), 65, "norec_core:templates/people/documents.pt", values)
            )
    # A person's mailing lists, to those who may change the person's record.
    declared = request.registry["norec.mailing_lists"]
    if IPerson.providedBy(context) and declared and request.has_permission(security.PERSON_EDIT):
        statuses = {
            s.list_name: s.status
            for s in request.dbsession.scalars(
                select(ListSubscription).where(ListSubscription.person_id == context.id)
            )
        }
        sections.append(
            Section(
                _("Mailing lists"),
                60,
                "norec_core:templates/people/lists.pt",
                {"person": context, "lists": declared.values(), "statuses": statuses},
            )
        )
    # Any object with a workflow shows its state, its history and the steps one may take.
    workflow = engine.workflow_for(request, context)
    if workflow is None:
        return sections
    options = engine.options(request, context)
    return [
        *sections,
        Section(
            _("Status and history"),
            5,
            "norec_core:templates/workflow.pt",
            {
                "workflow": workflow,
                "obj": context,
                "state": getattr(context, workflow.attribute),
                "options": options,
                "needs_comment": [o for o in options if o.transition.comment_required],
                "history": engine.workflow_history(request, context),
            },
        ),
    ]


@hookimpl
def norec_api_endpoints():
    return core_endpoints()


@hookimpl
def norec_scheduled_tasks():
    # Sessions past their lifetime and old failures count for nothing already; this
    # keeps the tables small.
    def purge(request):
        login_sessions.purge(request.dbsession, request.registry.settings)
        throttle.purge(request.dbsession)

    # A job whose worker died stops showing "running" forever: it fails, to be resumed.
    def stalled_jobs(request):
        jobs.fail_stalled(request.dbsession, request.registry.settings)

    return [
        ScheduledTask("accounts.purge", purge, minute="17"),
        # 05:30 UTC: in the mailbox before the working day in Europe.
        ScheduledTask("notices.digest", send_digests, minute="30", hour="5"),
        ScheduledTask("tasks.stalled_jobs", stalled_jobs, minute="*/10"),
    ]


@hookimpl
def norec_jobs():
    return [JobType("mail.mailing", _("Mass mailing"), mailing.run)]


@hookimpl
def norec_activity_kinds():
    return [ActivityKind("meeting", _("Meeting")), ActivityKind("course", _("Course"))]


@hookimpl
def norec_migrations():
    return "norec_core:migrations/versions"


@hookimpl
def norec_dashboard_panels(request):
    panels = [
        Section(
            _("Upcoming activities"),
            10,
            "norec_core:templates/activity_list.pt",
            {"activities": activities.upcoming_activities(request.dbsession, limit=5)},
        )
    ]
    # Where the people are, to the staff who see people.
    if request.has_permission(security.PERSON_VIEW):
        counts = request.dbsession.execute(
            select(Person.country, func.count())
            .where(Person.country.is_not(None))
            .group_by(Person.country)
            .order_by(func.count().desc(), Person.country)
            .limit(10)
        ).all()
        if counts:
            locale = request.locale_name
            chart = Chart(
                _("People by country"),
                _("The ten countries with the most people in the register, and how many."),
                _("Country"),
                _("People"),
                tuple((codes.country_name(c, locale), n) for c, n in counts),
            )
            panels.append(chart_section(_("People by country"), 20, chart))
    return panels


@hookimpl
def norec_tasks(request):
    # Decisions waiting for those who decide, and work that failed for the operators.
    session, tasks = request.dbsession, []
    if request.has_permission(security.PARTNERSHIP_DECIDE):
        waiting = session.scalar(
            select(func.count()).select_from(Partnership).where(Partnership.state == "proposed")
        )
        if waiting:
            title = _("Partnerships waiting for a decision")
            tasks.append(Task(title, request.route_path("partnerships"), waiting))
    if request.has_permission(security.OPERATIONS):
        failed_mail = session.scalar(
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == "failed")
        )
        if failed_mail:
            url = request.route_path("admin.outbox", _query={"status": "failed"})
            tasks.append(Task(_("Mail that could not be sent"), url, failed_mail))
        failed_jobs = session.scalar(
            select(func.count()).select_from(Job).where(Job.status == "failed")
        )
        if failed_jobs:
            url = request.route_path("admin.jobs", _query={"status": "failed"})
            tasks.append(Task(_("Jobs that failed"), url, failed_jobs))
    return tasks


@hookimpl
def norec_action_purposes():
    return [
        ActionPurpose(
            mailing_lists.CONFIRM,
            _("Confirm the mailing list"),
            _("Do you want to receive this mailing list at this address?"),
            mailing_lists.confirm,
            datetime.timedelta(days=7),
        )
    ]


@hookimpl
def norec_notice_kinds():
    return [
        NoticeKind(
            "activities.seat",
            _("A seat from the waiting list"),
            _("Someone cancelled, and the seat you waited for at an activity is yours."),
        )
    ]


@hookimpl
def norec_person_facts():
    return facts.CORE_FACTS


@hookimpl
def norec_digest_items(request, since, until, audience, language):
    # Activities announced in the period that are still to come; public to every audience.
    announced = request.dbsession.scalars(
        select(Activity)
        .where(Activity.created_at >= since, Activity.created_at < until)
        .where(Activity.starts_at >= until)
        .order_by(Activity.starts_at)
    )
    return [
        DigestItem(
            "activity",
            a.title,
            request.route_url("activities.detail", id=a.id),
            a.starts_at,
            a.place or "",
        )
        for a in announced
    ]


@hookimpl
def norec_search_sources():
    return search_sources.core_sources()


@hookimpl(tryfirst=True)
def norec_demo_data(dbsession):
    # tryfirst: the plugins' demo data refers to the core's.
    load_core_demo(dbsession)
