"""The Norec platform's core, and the whole of its promise to plugins.

A plugin imports from two modules only: this one and `norec_core.testing` (its pytest
fixtures). Every other module of the package is internal and may move between releases;
`tests/test_public_surface.py` fails on a plugin that imports one, or a private name.

What is here, by what a plugin does with it:

- hook implementations: `hookimpl`, and the plain data the hooks return (`NavEntry`,
  `Section`, `Role`, `ActivityKind`, `JobType`, `ApiEndpoint`, `CliCommand`,
  `SearchSource`, `SearchDocument`, `RecordFields`, `ScheduledTask`, `Exchange`, `DigestItem`,
  `PersonFact`, `ActionPurpose`, `MailingList`, `Task`, and `Workflow`, `State`,
  `Transition`); the hooks themselves are documented in `norec_core/hookspecs.py`;
- the shared records: `Base` (the declarative base of every model, the plugins' too),
  `Person`, `Organisation`, `Partnership`, `Activity`, `Registration`, `User`, and the
  interfaces `IPerson`, `IOrganisation`, `IPartnership`, `IActivity`, `IRegistration`,
  `IUser`; `model_factory` makes a route load its record as the request's context (404
  for an id no record can have); `parse_id(text)` and `parse_number(text, low, high)`
  read an id, a year or a page from the request, None for what is none ("²",
  99999999999999999999), which no query may be given;
- permissions: `VIEW` (everyone), `ACCOUNT` (every logged-in user), `PERSON_VIEW`,
  `PERSON_EDIT`, `DIRECTORY_EDIT`, `REGISTRATION_EDIT`; `grant_local_role`,
  `revoke_local_role`; `permitted(request, Model, permission)`, the SQL condition that
  filters a list to what the user may see (roles, local roles, workflow states), and
  `locally_held(request, Model, *roles)`, the records where the user holds a stored
  local role (the organisations they are contact person of); `holders_of(dbsession,
  record, role)`, the users who hold one on a record;
- forms and pages: `CSRFSchema`, `process_form`, and `edit_page` (the add and edit page
  of a record: the form, then the save, the flash and the way to its page); the fields
  every schema is made of, `line_node`, `text_node`, `number_node`, `choice_node` (a
  list, or radio buttons), `date_node` and `moment_node` (a deadline, in the site's
  zone), `record_node` (a record chosen from a list: a person, an organisation) and
  `existing_record(Model, message)`, the validator of a field holding a record's id;
  `date_widget`, `datetime_widget`, `country_node` and `countries_node` (ISO 3166 codes
  chosen by their names), `languages_node` (ISO 639 codes, likewise), `tags_node`
  (entries typed with commas), `name_validator` and `line_validator` (names, titles and
  subjects: one line, no direction overrides), `email_validator` (every e-mail field:
  the one rule, which takes internationalised addresses) and `valid_email(text)` (the
  same rule for an import's rows), `flash`, `paginate`; a list's filters are
  `select_filter(name, label, options, value)` and `search_filter(label, value)` (shown
  by the `filters` macro), and `search_words(query, text, *columns)` matches every typed
  word; templates use the layout macro `norec_core:templates/layout.pt`; a list offers
  CSV and Excel of its rows with `requested_format`, `export_response(request, query,
  [Column(title, value), …], name)` and `export_links` (shown by the `exports` macro),
  and `export_file(request, query, columns, "xlsx")` the same rows as bytes, to attach
  to a mail; `request.layout` (in templates `layout`) writes dates, times, numbers,
  money, countries and languages as the reader's language does; `script_json(value)` is
  data to embed in a page's `<script>` block (JSON-LD), with `<`, `>` and `&` escaped so
  that no text in it can end the block;
- telling people: `notify(request, kind, to, subject, body, url=…)` tells a `User` or a
  `Person` something of a `NoticeKind` the plugin declares (`norec_notice_kinds`): kept on
  their notices page and mailed at once or in their daily digest, as they chose, in the
  language `recipient_language(request, person=…, user=…, country=…)` picks, the one rule
  for every mail, letter, certificate and PDF a person receives;
- work and mail: `send_mail` (it returns the queued message; `delivery_statuses(dbsession,
  ids)` says later which were sent, and which addresses were refused), `enqueue_job`,
  `transition` (`WorkflowError` says why not) and `workflow_history`,
  `import_history` (steps taken elsewhere: a migrated case, demonstration data),
  `act_as_system(request, name)` (background work acting as the platform itself, which
  every scheduled task's request does already),
  `record_audit`;
- registrations: `register`, `cancel_registration`, `upcoming_activities`,
  `past_activities`;
- files: a `FileKind(types, max_size, accept)` says once what a use takes;
  `attach(request, record, filename, data, kind=…, read_permission=…,
  edit_permission=…)` stores a file checked by its content (`UploadError` says why
  not), served at `/files/<id>/<name>` to those who hold `read_permission` on `record`;
  `attach_upload(request, record, upload, kind, …)` does it for a form's upload field
  and flashes the reason instead; `files_of(request, record)` lists them,
  `file_data(request, file)` reads one's bytes (to attach to a mail), and
  `embargo_files(request, record, until)` moves their embargo; `upload_node(
  title, kind)` is a form's file field that checks the same and keeps the
  file when the form comes back with an error elsewhere;
  `attached_text(record)` is the words of its PDF and text files, for its search document;
- search: `find(request, text, filters, kinds)` searches the index that the plugins'
  `SearchSource`s fill (ranked, stemmed, with facet counts of what the viewer may see);
  `reindex(dbsession, *records)` indexes records again when something the ORM does not
  see changed (an embargo ended);
- documents: `render_pdf(request, template, values, locale)`, a template built on
  `norec_core:templates/documents/layout.pt` as a tagged PDF, and `pdf_response`;
  `render_document` and `document_response` give the same document as a web page;
- people without an account: `action_link(request, purpose, person=…)`, a single-use
  link whose `ActionPurpose` a plugin declares (`spend_action_link` ends one whose purpose
  is `finished_later`);
- mailing lists: `list_members(request, name)`, the SQL condition on `Person` of a
  declared list's subscribers (send with `send_mail(..., mailing_list=name)`);
  `join_list(request, person, name)` (a double opt-in list mails the confirming link
  first) and `leave_list(request, person, name)`, each kept as a consent record;
- personal data: `record_consent(dbsession, person, kind, granted, text, version)` keeps
  a consent the plugin asked for with the words shown; `erase_person(request, person,
  reason)` erases a person everywhere, through every plugin's `norec_person_erase`, as
  the administrators' erasure does (a retention period that ran out);
- between plugins: `exchange_completed` (announce an `Exchange`), `person_fact` (a named
  fact's SQL condition on `Person`; `UnknownFact`), `digest_items` (every plugin's
  newsletter items), `merge_people` (`MergeError`);
- the agency: `site(registry)` (names, `languages`, `currency`, `timezone`, signatory;
  messages say `${agency}` or `${site_name}` unmapped), `site_languages(request)`,
  `language_name(code, locale)`; `now()`, the one clock, and `SITE_TIMEZONE`, the
  site's zone, in which days are counted and typed times read (`moment_node`);
- money: a `Decimal` with its ISO 4217 currency; `Amount` (the exact column type),
  `convert(amount, rate)` (half up to the øre), `format_money(amount, currency,
  locale)`, `currency_validator`, `CURRENCIES`, `site_currency()` and `SITE_CURRENCY`
  (a column's and a field's default), `amount_node(title, places=2, ...)`;
- command line: a `CliCommand`'s `run(args, settings)` works in `with command_session(
  settings) as dbsession:`, committed at the end (and indexed for search);
- demonstration data: `load_core_demo`, `demo_person`, `demo_organisation`,
  `demo_subscription` (a person on a mailing list, with its consent record);
  `save_user(dbsession, email, password, display_name=…, roles=…)` makes an account;
- accounts made by a plugin (someone joining through an action link): `NewPasswordSchema`
  (a new password, typed twice, checked against common ones; subclass it to add
  fields), and `log_in(request, user)`, which starts a fresh session and returns the
  headers to put on the response.
"""

# The audit and consent recorders listen on every SQLAlchemy session: imported with the
# package, so that the web application, the CLI, the worker and the tests all record.
from norec_core.accounts.forms import NewPasswordSchema
from norec_core.accounts.models import User
from norec_core.accounts.users import save_user
from norec_core.accounts.views import log_in
from norec_core.agency import site
from norec_core.audit import recorder as _recorder  # noqa: F401
from norec_core.audit.recorder import record_audit
from norec_core.charts import Chart, chart_section
from norec_core.cli import command_session
from norec_core.clock import SITE_TIMEZONE, now
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
    SearchDocument,
    SearchSource,
    Section,
    State,
    Task,
    Transition,
    Workflow,
)
from norec_core.db import Base
from norec_core.documents import document_response, pdf_response, render_document, render_pdf
from norec_core.domain.action_links import action_link, spend_action_link
from norec_core.domain.activities import past_activities, upcoming_activities
from norec_core.domain.demo import demo_organisation, demo_person, demo_subscription, load_core_demo
from norec_core.domain.exchanges import exchange_completed
from norec_core.domain.facts import UnknownFact, person_fact
from norec_core.domain.merging import MergeError, merge_people
from norec_core.domain.models import Activity, Organisation, Partnership, Person, Registration
from norec_core.domain.registrations import cancel_registration, register
from norec_core.domain.schemas import countries_node, country_node, languages_node, tags_node
from norec_core.domain.views.editing import edit_page
from norec_core.email_addresses import email_validator, valid_email
from norec_core.exports import (
    Column,
    export_file,
    export_links,
    export_response,
    requested_format,
)
from norec_core.fields import (
    choice_node,
    date_node,
    line_node,
    moment_node,
    number_node,
    record_node,
    text_node,
)
from norec_core.files.attachments import (
    FileKind,
    UploadError,
    attach,
    attach_upload,
    attached_text,
    embargo_files,
    file_data,
    files_of,
)
from norec_core.files.uploads import upload_node
from norec_core.forms import (
    CSRFSchema,
    date_widget,
    datetime_widget,
    existing_record,
    line_validator,
    name_validator,
    process_form,
)
from norec_core.hookspecs import hookimpl
from norec_core.i18n import site_languages
from norec_core.i18n.codes import language_name
from norec_core.i18n.recipients import recipient_language
from norec_core.i18n.texts import (
    Translatable,
    text_language_node,
    translations_from_form,
    translations_node,
    translations_to_form,
)
from norec_core.interfaces import (
    IActivity,
    IOrganisation,
    IPartnership,
    IPerson,
    IRegistration,
    IUser,
)
from norec_core.layout import flash
from norec_core.lists import paginate, search_filter, search_words, select_filter
from norec_core.mail.digest import digest_items
from norec_core.mail.mailing_lists import join_list, leave_list, list_members
from norec_core.mail.outbox import delivery_statuses, send_mail
from norec_core.money import (
    CURRENCIES,
    SITE_CURRENCY,
    Amount,
    amount_node,
    convert,
    currency_validator,
    format_money,
    site_currency,
)
from norec_core.notices.notify import notify
from norec_core.privacy import consent as _consent  # noqa: F401
from norec_core.privacy.consent import record_consent
from norec_core.privacy.personal_data import erase_person
from norec_core.resources import model_factory, parse_id, parse_number
from norec_core.script_json import script_json
from norec_core.search.index import reindex
from norec_core.search.query import find
from norec_core.security import (
    ACCOUNT,
    DIRECTORY_EDIT,
    PERSON_EDIT,
    PERSON_VIEW,
    REGISTRATION_EDIT,
    VIEW,
    act_as_system,
    grant_local_role,
    holders_of,
    locally_held,
    permitted,
    revoke_local_role,
)
from norec_core.tasks.jobs import enqueue_job
from norec_core.workflow.engine import WorkflowError, import_history, transition, workflow_history

__all__ = [
    "ACCOUNT",
    "CURRENCIES",
    "DIRECTORY_EDIT",
    "PERSON_EDIT",
    "PERSON_VIEW",
    "REGISTRATION_EDIT",
    "SITE_CURRENCY",
    "SITE_TIMEZONE",
    "VIEW",
    "ActionPurpose",
    "Activity",
    "ActivityKind",
    "Amount",
    "ApiEndpoint",
    "Base",
    "CSRFSchema",
    "Chart",
    "CliCommand",
    "Column",
    "DigestItem",
    "Exchange",
    "FileKind",
    "IActivity",
    "IOrganisation",
    "IPartnership",
    "IPerson",
    "IRegistration",
    "IUser",
    "JobType",
    "MailingList",
    "MergeError",
    "NavEntry",
    "NewPasswordSchema",
    "NoticeKind",
    "Organisation",
    "Partnership",
    "Person",
    "PersonFact",
    "RecordFields",
    "Registration",
    "Role",
    "ScheduledTask",
    "SearchDocument",
    "SearchSource",
    "Section",
    "State",
    "Task",
    "Transition",
    "Translatable",
    "UnknownFact",
    "UploadError",
    "User",
    "Workflow",
    "WorkflowError",
    "act_as_system",
    "action_link",
    "amount_node",
    "attach",
    "attach_upload",
    "attached_text",
    "cancel_registration",
    "chart_section",
    "choice_node",
    "command_session",
    "convert",
    "countries_node",
    "country_node",
    "currency_validator",
    "date_node",
    "date_widget",
    "datetime_widget",
    "delivery_statuses",
    "demo_organisation",
    "demo_person",
    "demo_subscription",
    "digest_items",
    "document_response",
    "edit_page",
    "email_validator",
    "embargo_files",
    "enqueue_job",
    "erase_person",
    "exchange_completed",
    "existing_record",
    "export_file",
    "export_links",
    "export_response",
    "file_data",
    "files_of",
    "find",
    "flash",
    "format_money",
    "grant_local_role",
    "holders_of",
    "hookimpl",
    "import_history",
    "join_list",
    "language_name",
    "languages_node",
    "leave_list",
    "line_node",
    "line_validator",
    "list_members",
    "load_core_demo",
    "locally_held",
    "log_in",
    "merge_people",
    "model_factory",
    "moment_node",
    "name_validator",
    "notify",
    "now",
    "number_node",
    "paginate",
    "parse_id",
    "parse_number",
    "past_activities",
    "pdf_response",
    "permitted",
    "person_fact",
    "process_form",
    "recipient_language",
    "record_audit",
    "record_consent",
    "record_node",
    "register",
    "reindex",
    "render_document",
    "render_pdf",
    "requested_format",
    "revoke_local_role",
    "save_user",
    "script_json",
    "search_filter",
    "search_words",
    "select_filter",
    "send_mail",
    "site",
    "site_currency",
    "site_languages",
    "spend_action_link",
    "tags_node",
    "text_language_node",
    "text_node",
    "transition",
    "translations_from_form",
    "translations_node",
    "translations_to_form",
    "upcoming_activities",
    "upload_node",
    "valid_email",
    "workflow_history",
]
