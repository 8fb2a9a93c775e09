"""The extension points of the Norec platform.

A plugin is an installed distribution with an entry point in the group `norec.plugins`::

    [project.entry-points."norec.plugins"]
    grants = "norec_grants.hooks"

The entry point's name is the plugin's name; the module it names holds the plugin's hook
implementations, each a function decorated with `norec_core.hookimpl` and named after
one of the specifications below. A function named `norec_*` that matches no
specification, that asks for an argument the specification does not give, or that lacks
the decorator, stops start-up: a typo must not become a silently ignored feature.

Plugins import from `norec_core` (its `__all__`) and `norec_core.testing` only;
docs/writing-a-plugin.md walks through a plugin.

Results that are shown in order carry their own sort key, so that nothing depends on the
order in which plugins happen to load. The core implements these hooks itself
(`norec_core.builtin`) in the same way a plugin does.
"""

from __future__ import annotations

import datetime
from typing import Any

import colander
import pluggy
from pyramid.config import Configurator
from pyramid.request import Request
from sqlalchemy.orm import Session

from norec_core.contributions import (
    ActionPurpose,
    ActivityKind,
    ApiEndpoint,
    CliCommand,
    DigestItem,
    Exchange,
    JobType,
    MailingList,
    NavEntry,
    NoticeKind,
    PersonFact,
    RecordFields,
    Role,
    ScheduledTask,
    SearchSource,
    Section,
    Task,
    Workflow,
)

hookspec = pluggy.HookspecMarker("norec")
hookimpl = pluggy.HookimplMarker("norec")


@hookspec
def norec_configure(config: Configurator) -> None:
    """Wire the plugin into the Pyramid application.

    Called once for each enabled plugin, in the order of the `norec.plugins` setting,
    inside its own `config.include` with the route prefix `/<plugin name>`. Add routes,
    views (each with a permission), static views (`/static/<plugin name>/`) and
    translation directories here, exactly as a Pyramid add-on's `includeme` would.
    Pyramid's conflict detection rejects two plugins claiming the same route name or view.
    """


@hookspec
def norec_settings_schema() -> colander.MappingSchema | None:
    """Declare the plugin's settings.

    Settings named `norec.<plugin name>.<key>` in the ini file are validated against the
    returned schema at start-up; an unknown key or an invalid value stops start-up. The
    validated values are available as `registry.settings["norec.<plugin name>"]`.
    """


@hookspec
def norec_navigation(request: Request) -> list[NavEntry]:
    """Return the plugin's entries in the main navigation.

    Entries are sorted by `order` across all plugins and shown only to users holding the
    entry's permission. The core's own entries use orders 10-50; plugins use 100 and up.
    """


@hookspec
def norec_dashboard_panels(request: Request) -> list[Section]:
    """Return panels for the front page (the dashboard), each a `Section`."""


@hookspec
def norec_tasks(request: Request) -> list[Task]:
    """Return what is asked of `request.identity` now, each a `Task` (nothing for
    anonymous visitors). The front page lists every plugin's tasks first, the most
    urgent at the top. Count in one query per kind of task: this runs on every visit to
    the front page."""


@hookspec
def norec_sections(request: Request, context: Any) -> list[Section]:
    """Return sections for the page of a shared domain object.

    `context` provides one of `IPerson`, `IOrganisation`, `IPartnership` or `IActivity`
    (from `norec_core`); test with `IPerson.providedBy(context)` and return an
    empty list for what the plugin has nothing to say about. Sections appear below the
    object's own details, sorted by `order`. Only return personal data to a user whose
    `request.has_permission(...)` allows it.
    """


@hookspec
def norec_record_fields() -> list[RecordFields]:
    """Return the fields the plugin adds to people's and organisations' records.

    Each `RecordFields` keeps its values in the plugin's own table and gives the record's
    form a fieldset, the JSON API's answers and a person's data export a key, all under
    its `name`; show them on the record's page with `norec_sections`. A person's own
    profile fields (birth date, citizenship, ORCID, ...) are the core's, each with the
    visibility the person chose; a plugin's fields are seen where its permission says.
    """


@hookspec
def norec_activity_kinds() -> list[ActivityKind]:
    """Return the kinds of activity the plugin contributes ("gathering", "webinar").

    Kind names are global: two plugins declaring the same name stops start-up.
    """


@hookspec
def norec_roles() -> list[Role]:
    """Return site roles and the permissions they grant.

    Declarations of one role name by several plugins are merged (their permissions
    united), so a plugin can grant its own permissions to a role the core defines; the
    titles must agree.
    """


@hookspec
def norec_local_roles(request: Request, user: Any, context: Any) -> list[str]:
    """Return the local roles `user` holds on `context` by a rule of the plugin.

    Stored local roles (granted to a user on one object) need no hook; this one derives
    roles from the plugin's own data: "the contact person of the applicant organisation
    is `applicant` on its applications", "the caseworker assigned to a case is `assessor`
    on it". Only role names declared local through `norec_roles` take effect. Called for
    the context of a permission check and each of its `__parent__`s, so keep it to one
    cheap query at most.
    """


@hookspec
def norec_migrations() -> str | None:
    """Return the asset spec of the plugin's Alembic version directory, if it has tables.

    The directory's first revision has `branch_labels=("<plugin name>",)`,
    `down_revision=None` and `depends_on` a core revision; `norec db upgrade` runs
    `upgrade heads` over the core's and every enabled plugin's directories. Models use
    `norec_core.Base`, and each table's name begins with the plugin's name and an
    underscore ("notes_note"), or start-up stops. A plugin with tables implements
    `norec_person_export` and `norec_person_erase`, or start-up warns.
    """


@hookspec
def norec_demo_data(dbsession: Session, request: Request) -> None:
    """Add the plugin's demonstration data, on top of the core's (which runs first).

    Find the core's demo objects by their natural keys (an organisation's name, a
    person's e-mail). Called once on an empty database by `norec demo load`. `request`
    is a request of the application whose `dbsession` is `dbsession`, for what takes one:
    `attach` a real file as an upload would, `render_pdf`. Take only the arguments you
    use (`def norec_demo_data(dbsession)` is enough for rows alone).
    """


@hookspec
def norec_cli_commands() -> list[CliCommand]:
    """Return sub-commands of the `norec` command line. Names are global."""


@hookspec
def norec_workflows() -> list[Workflow]:
    """Return the workflows of the plugin's models: states, and transitions between them.

    The core runs them: it shows the state, the history and the buttons of the
    transitions the user may take now as a section of the object's page (on a plugin's
    own page, pass `request.pm.hook.norec_sections(request=request, context=obj)` to the
    `sections` macro), checks each transition's permission,
    guard and required comment, records who did what, when and why, and writes the
    audit log. Take a transition from code with `norec_core.transition`.
    One workflow per model; a model named by two stops start-up.
    """


@hookspec
def norec_api_endpoints() -> list[ApiEndpoint]:
    """Return the plugin's endpoints of the JSON API, each an `ApiEndpoint`.

    A plugin's endpoints live under `/api/v1/<plugin name>/`; the core's own are
    declared through this hook too. Clients authenticate with a personal token
    (`Authorization: Bearer …`, made on the account page); the session cookie does not
    count there, so the API needs no CSRF token. Each endpoint's schemas become part
    of the OpenAPI document.
    """


@hookspec
def norec_jobs() -> list[JobType]:
    """Return the kinds of long work the plugin runs on the task queue.

    Start one with `norec_core.enqueue_job(request, name, **params)`; it runs
    after the request's transaction commits, on the worker (`norec worker`), and its page
    (`request.route_path("jobs.detail", id=job.id)`) shows its progress. Names are global.
    """


@hookspec
def norec_scheduled_tasks() -> list[ScheduledTask]:
    """Return the plugin's work to run on a schedule, each a `ScheduledTask`.

    `norec worker` looks every minute for the tasks that are due and runs each in its own
    transaction (with `norec.queue.url = immediate` there is no worker, and no schedule).
    Make a task safe to run twice, since a worker that stops mid-run runs it again: mark
    what it has done (a reminder's `sent_at`) and skip what is marked. Names are global.
    """


@hookspec
def norec_transition_done(request: Request, workflow: Workflow, obj: Any, entry: Any) -> None:
    """React to a workflow step on any record, after its new state is stored and inside
    the same transaction: whichever route took it (a form, the JSON API, a job, a
    scheduled task), the same effects follow, and they are undone with it.

    `entry` is the history row: `transition`, `from_state`, `to_state`, `comment`, `at`,
    `actor` (the text naming who took it: the user's e-mail address, or "scheduled task
    <name>" and the like for the system actor) and `actor_id` (the user's id, None for the
    system actor). Effects of one transition only belong in its `Transition.after`; this hook
    is for a plugin reacting to another's records (a grant approved opens a network
    invitation). Raising undoes the step.
    """


@hookspec
def norec_exchange_completed(request: Request, exchange: Exchange) -> None:
    """React to a completed exchange (see `Exchange`), announced by the plugin that knows
    of it with `norec_core.exchange_completed(request, exchange)`. Runs in the announcing
    request's transaction."""


@hookspec
def norec_people_merged(dbsession: Session, kept: Any, merged: Any) -> None:
    """Two person records were one person: re-point every row of yours that names
    `merged` to `kept` (`UPDATE … SET person_id = kept.id`), resolving the duplicates your
    unique constraints forbid. Called by `norec_core.merge_people` before `merged` is
    deleted; any row still naming `merged` then stops the merge, so that no row is lost
    to a cascade."""


@hookspec
def norec_digest_items(
    request: Request,
    since: datetime.datetime,
    until: datetime.datetime,
    audience: str,
    language: str,
) -> list[DigestItem]:
    """Return the plugin's items for a newsletter or digest covering `since` to `until`
    (aware datetimes): open calls, new publications, posts, activities.

    `audience` is "public" (anyone may read the mail) or "members" (people with an
    account); show nothing an audience may not see. `language` ("nn", "nb", "en") is
    the reader's: translate titles with `request.localizer` or pick the right version.
    Collected, newest first, by `norec_core.digest_items`.
    """


@hookspec
def norec_person_facts() -> list[PersonFact]:
    """Return the named facts about people the plugin knows ("network.member",
    "grants.completed_exchange" with a `year`), each a `PersonFact` whose condition is
    SQL. Other plugins use them by name through `norec_core.person_fact`, without
    importing the plugin; a name declared twice stops start-up."""


@hookspec
def norec_action_purposes() -> list[ActionPurpose]:
    """Return what the plugin's action links do, each an `ActionPurpose`.

    An action link is for someone who may have no account: `norec_core.action_link(
    request, "network.join", person=person)` makes a single-use link (it expires after
    the purpose's `lifetime`) to put in a mail; its holder confirms on a page of the core
    and the purpose's `run` does the rest. Each use is recorded in the audit log. Names
    are global; two plugins declaring one stops start-up.
    """


@hookspec
def norec_action_link_opened(request: Request, purpose: str, data: dict, person: Any) -> None:
    """Someone opened a working action link of `purpose` (before confirming anything):
    `data` is what `action_link` was given, `person` whom it is for (or None). For
    telling "opened" from "never seen" (an invitation wave's statistics). Opening alone
    must change nothing the holder has not confirmed: mail scanners open links too.
    """


@hookspec
def norec_mailing_lists() -> list[MailingList]:
    """Return the plugin's mailing lists, each a `MailingList`.

    People join and leave them on their person page (double opt-in by e-mail where the
    list asks for it); `norec_core.list_members(request, name)` is the SQL condition on
    `Person` of those subscribed, and `send_mail(..., bulk_for=person,
    mailing_list=name)` gives each message the list's own unsubscribe link. Names are
    global; two plugins declaring one stops start-up.
    """


@hookspec
def norec_notice_kinds() -> list[NoticeKind]:
    """Declare the kinds of notice the plugin sends with `notify`, each a `NoticeKind`.

    A notice tells one person something that concerns them: it is kept on their notices
    page (`/notices`, newest first, read or unread, with the record's link) and mailed in
    their language, at once or in the daily digest as they chose, unless the kind is
    `required`. Two plugins declaring the same name stop start-up; `notify` with a name
    nobody declared raises `ValueError`.
    """


@hookspec
def norec_search_sources() -> list[SearchSource]:
    """Return the kinds of record the plugin's site search finds, each a `SearchSource`.

    A source turns a record into a `SearchDocument`: its title and text (stemmed in its
    language), a summary, facets, and the permission a viewer needs on the record to
    find it. The core keeps its index in step as records and their files change
    (PostgreSQL full-text search, SQLite FTS5), ranks the matches, counts the facets
    among what the viewer may see, and shows them on the site search page;
    `norec_core.find` answers the same for a plugin's own pages (a catalogue). Names
    are global; two plugins declaring one stops start-up.
    """


@hookspec
def norec_person_export(dbsession: Session, person: Any) -> dict[str, Any] | None:
    """Return, as JSON-serialisable data, everything the plugin holds on `person`.

    Called when a person asks for their data (GDPR article 15 and 20); the results of
    all plugins are gathered under their plugin names into one document. Return None if
    the plugin holds nothing on that person.
    """


@hookspec
def norec_person_erase(dbsession: Session, person: Any) -> None:
    """Erase what the plugin holds on `person` before the person record is erased.

    Delete what need not be kept; anonymise what must be kept (for instance a grant
    decision the agency is obliged to archive). Called within the erasing transaction:
    raise to abort the whole erasure.
    """
