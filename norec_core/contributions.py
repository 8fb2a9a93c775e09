"""The plain data that plugins return from hooks; the core renders and orders it."""

from __future__ import annotations

import datetime
from argparse import ArgumentParser, Namespace
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class NavEntry:
    """A link in the main navigation, shown to users who hold `permission`."""

    title: str
    route_name: str
    order: int
    permission: str = "view"


@dataclass(frozen=True)
class Task:
    """Something asked of the user now, shown first on their front page: applications to
    assess, reports due, invitations to answer. `count` says how many wait behind `url`;
    `due` (an aware datetime) puts the most urgent first."""

    title: Any
    url: str
    count: int = 1
    due: datetime.datetime | None = None


@dataclass(frozen=True)
class Section:
    """A block on a shared page (a dashboard panel, a part of a person's page, ...).

    `template` is a Chameleon asset spec ("norec_example:templates/notes.pt") rendered
    with `values` plus `request`; sections are shown by ascending `order`.
    """

    title: str
    order: int
    template: str
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ActivityKind:
    """A kind of activity ("gathering", "webinar"); `name` is stored, `title` is shown."""

    name: str
    title: str


@dataclass(frozen=True)
class Role:
    """A role and the permissions it grants. Declarations of the same name are merged.

    A site role (`local=False`) is held across the whole site and granted to users by an
    administrator. A local role (`local=True`) is held on one object only: stored for a
    user and an object (`norec_core.grant_local_role`), or derived by the
    `norec_local_roles` hook ("the person's own account owns the person"). A local role
    on an object is also held on the objects below it (their `__parent__` chain), as
    Plone's local roles are acquired.
    """

    name: str
    title: str
    permissions: frozenset[str]
    local: bool = False


@dataclass(frozen=True)
class SearchDocument:
    """What the site search holds of one record, as a `SearchSource` makes it.

    `title` and `text` are searched (a word in the title counts more), in `language`'s
    word stems where it is one the search knows (nynorsk, bokmål, English and the main
    European languages). Put in `text` only what every holder of `permission` on the
    record may read: the search shows a record to those who hold `permission` on it
    (by their roles, local roles and the record's workflow state). `country` (ISO 3166),
    the year of `date`, `language` and the plugin's `facets` ({name: value or values},
    with titles in the source's `facets`) are the facets a search is narrowed by.
    """

    title: str
    text: str = ""
    summary: str = ""
    language: str | None = None
    country: str | None = None
    date: datetime.date | datetime.datetime | None = None
    facets: Mapping[str, str | Iterable[str]] = field(default_factory=dict)
    permission: str = "view"


@dataclass(frozen=True)
class SearchSource:
    """A kind of record the site search finds: rows of `model` (with an integer `id`).

    `document(record)` returns its `SearchDocument`, or None to leave it out (a draft,
    a withdrawn record). The index follows every change the ORM commits to such a
    record, and to the files attached to it (`norec_core.attached_text`); `norec search
    reindex` rebuilds it. A hit links to `route` with the record's id, or to what
    `url(request, record_id)` returns. `options` are loader options (selectinload)
    for the rebuild; `facets` titles the plugin's own facets. `name` is stored.
    """

    name: str
    title: Any
    model: type
    document: Callable[[Any], SearchDocument | None]
    route: str = ""
    url: Callable[[Any, int], str] | None = None
    options: tuple = ()
    facets: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CliCommand:
    """A sub-command of `norec`.

    `configure` adds the command's arguments to its argparse parser; `run` receives the
    parsed arguments and the loaded settings (a dict, with `settings["norec.pm"]` the
    plugin manager) and returns an exit status.
    """

    name: str
    help: str
    configure: Callable[[ArgumentParser], None]
    run: Callable[[Namespace, dict], int | None]


@dataclass(frozen=True)
class JobType:
    """A kind of long work the task queue runs (a mass mailing, an import).

    `run(job, **params)` receives a `norec_core.tasks.jobs.JobContext` (its request,
    database session and `progress(done, total, message)`) and the parameters given to
    `enqueue_job`, which must be JSON-serialisable. Its work is committed at each
    `progress` report and when it returns; what follows the last report is rolled back
    if it raises. What it returns is shown as the result. Its request acts for the user
    who started the job (their permissions, their name in the history), or as the
    platform itself (`act_as_system`) when nobody did.
    """

    name: str
    title: str
    run: Callable[..., Any]


@dataclass(frozen=True)
class State:
    """A state of a workflow: `name` is stored on the object, `title` is shown."""

    name: str
    title: str


@dataclass(frozen=True)
class Transition:
    """A move from one of `sources` to `target`, taken by a user who holds `permission` on
    the object (site or local roles).

    `guard(request, obj)` may refuse with a reason (a translatable string) or allow with
    None. `comment_required` is for decisions that owe a reason: a rejection, an appeal.
    """

    name: str
    title: str
    sources: tuple[str, ...]
    target: str
    permission: str
    guard: Callable[[Any, Any], Any] | None = None
    comment_required: bool = False
    # Effects of this step alone, run after the state is stored, in the same transaction:
    # `after(request, obj, entry)`, `entry` the history row (from, to, actor, comment).
    after: Callable[[Any, Any, Any], None] | None = None


@dataclass(frozen=True)
class Workflow:
    """A state machine for the objects of `model`, whose state is in `model.<attribute>`.

    New objects start in `initial`, which the model's column default must match.

    `permissions` gives, per state, the roles that hold a permission on records in that
    state, replacing what the site roles would give (Plone's model): `{"submitted":
    {"grants.edit": {"caseworker"}}}` takes editing away from the applicant once the
    application is submitted. Roles are site roles, local roles, "authenticated" (any
    logged-in user) and "everyone". A permission a state does not name follows the site
    roles as usual; administrators hold every permission in every state.

    `owner` names the model's column holding the id of the person the record belongs to:
    that person's account holds the local role "owner" on it, in pages and in lists
    (`permitted`) alike.

    `read_permission` is the permission to see a record at all. The workflow's page and
    API answer 404 to anyone without it, as if the record did not exist, before they
    look at the step asked for: otherwise "cannot be taken from the state …" would tell
    a stranger the state of any record, and a 403 that it exists.
    """

    name: str
    model: type
    states: tuple[State, ...]
    transitions: tuple[Transition, ...]
    initial: str
    attribute: str = "state"
    permissions: Mapping[str, Mapping[str, frozenset[str] | set[str]]] = field(default_factory=dict)
    owner: str | None = None
    read_permission: str = "view"  # security.VIEW, which would import too much here

    def state(self, name: str) -> State:
        return next(s for s in self.states if s.name == name)

    def transition(self, name: str) -> Transition | None:
        return next((t for t in self.transitions if t.name == name), None)


@dataclass(frozen=True)
class ApiEndpoint:
    """An endpoint of the JSON API at `/api/v1<path>` (a plugin's at `/api/v1/<plugin><path>`).

    `view(request, data)` returns JSON-serialisable data; `data` is the request body
    validated by `request_schema` (a colander schema class, the same as the form's), or
    None when the endpoint takes no body. A body that is not JSON answers 400, one that
    fails validation 422 with the error of each field, so `view` sees only valid data.
    `model` makes the object named by `{id}` in `path` the context (404 if there is
    none), against which `permission` is checked. `current(obj)`, for a PATCH, gives the
    object's values as the schema's appstruct: the body then changes only the fields it
    names. `response_schema` (JSON Schema) and `summary`
    document the endpoint in the OpenAPI document at `/api/v1/openapi.json`.
    """

    name: str
    path: str
    method: str
    permission: str
    summary: str
    view: Callable[..., Any]
    model: type | None = None
    request_schema: type | None = None
    response_schema: Mapping[str, Any] | None = None
    current: Callable[[Any], dict] | None = None
    status: int = 200


@dataclass(frozen=True)
class RecordFields:
    """Fields a plugin keeps on a shared record (a person, an organisation) in its own table.

    `applies_to` is `IPerson` or `IOrganisation`. The record's form gets a fieldset named
    `name` with the nodes of `schema()` (a colander mapping schema) under `title`, filled
    by `load(dbsession, record)` (a dict, also the record's JSON under the key `name` in
    the API's answer about that one record and in a person's data export) and stored by
    `save(dbsession, record, data)`.
    Names are global per kind of record; two plugins declaring one stops start-up.
    """

    name: str
    title: Any
    applies_to: type
    schema: Callable[[], Any]
    load: Callable[[Any, Any], dict[str, Any]]
    save: Callable[[Any, Any, dict[str, Any]], None]


@dataclass(frozen=True)
class ScheduledTask:
    """Work the worker runs on a schedule: reminders before deadlines, expiry of
    invitations, retention erasure, appeal windows closing.

    The schedule is cron's five fields, read in UTC ("0", "7", "*", "*", "1" is Mondays at
    07:00 UTC; "*/15" every quarter of an hour). `run(request)` gets a request of its own
    whose URLs begin with `norec.base_url`, so `send_mail` and `request.route_url` work as
    in a view; its `request.dbsession` commits when `run` returns and rolls back if it
    raises (the failure is logged, and the next run tries again). The request acts as the
    platform itself (`act_as_system`): it may take any workflow step, and the history
    names the task.
    """

    name: str
    run: Callable[[Any], Any]
    minute: str = "0"
    hour: str = "*"
    day: str = "*"
    month: str = "*"
    day_of_week: str = "*"


@dataclass(frozen=True)
class ActionPurpose:
    """What an action link does when its holder confirms it (see `action_link`).

    `run(request, link)` does it, in the request's transaction (`link.person`,
    `link.email` and `link.data` say for whom and what), and returns a message to show,
    or a response (a redirect to a form of the plugin's). `question` is shown with the
    button before anything happens: mail scanners open links, only people press buttons.

    With `finished_later`, confirming does not spend the link: `run` leads on to a form
    of the plugin's (an invitation's account), the link stays good for someone who leaves
    it half way, and the plugin calls `spend_action_link(request, link_id)` once done.
    """

    name: str
    title: Any
    question: Any
    run: Callable[[Any, Any], Any]
    lifetime: datetime.timedelta = datetime.timedelta(days=14)
    finished_later: bool = False


@dataclass(frozen=True)
class MailingList:
    """A list people join to receive a plugin's mail: a newsletter, a talent pool's
    vacancies, a network's news.

    Joining records the consent in `text`, with its `version` (change it whenever the
    text changes). With `double_opt_in`, joining sends a link to the person's address
    and only following it subscribes. Every mail to the list carries a one-click
    unsubscribe link for this list alone.
    """

    name: str
    title: Any
    text: Any
    version: str
    double_opt_in: bool = True


@dataclass(frozen=True)
class Exchange:
    """A person's exchange that has been completed: who went, from which organisation to
    which, in which country, for which period, under which partnership (if any). The
    plugin that knows (grants) announces it with `exchange_completed`; others react
    through `norec_exchange_completed` (network invites the person)."""

    person: Any
    sending_organisation: Any
    receiving_organisation: Any
    country: str
    starts_on: datetime.date
    ends_on: datetime.date
    partnership: Any = None


@dataclass(frozen=True)
class DigestItem:
    """One item of a newsletter or digest: an open call, a new publication, an activity.

    `url` is absolute (made with `request.route_url`, so it begins with norec.base_url);
    `at` is when it happened or happens, an aware datetime; `kind` groups items.
    """

    kind: str
    title: str
    url: str
    at: datetime.datetime
    summary: str = ""


@dataclass(frozen=True)
class PersonFact:
    """A named fact about people that other plugins use in rules and mailing segments.

    `condition(**params)` returns a SQL condition on `Person` (such as
    `Person.id.in_(select(...))`), so that a segment of thousands is one query:
    `select(Person).where(person_fact(request, "network.member"), ...)`. `params` are the
    fact's own (`year=2019`), documented in `title`.
    """

    name: str
    title: str
    condition: Callable[..., Any]


@dataclass(frozen=True)
class NoticeKind:
    """A kind of notice the plugin sends with `notify`: a receipt, an assignment, a
    decision, a reminder.

    `name` is unique across plugins (begin it with the plugin's name: "grants.decision");
    `title` and `description` (translation strings) are what a person reads on their
    notice settings when choosing how to receive it. Each person chooses per kind: by
    mail at once, in a daily digest, or only on their notices page. A kind that is
    `required` (a decision, a legal deadline, anything the person must be told) is
    always mailed at once, and the settings say it cannot be switched off.
    """

    name: str
    title: Any
    description: Any = ""
    required: bool = False
