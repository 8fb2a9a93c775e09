"""The notes plugin's hook implementations, the module its entry point names: each says
what the plugin adds and calls into the module that holds it."""

from norec_core import (
    ActionPurpose,
    ApiEndpoint,
    IPerson,
    JobType,
    MailingList,
    NavEntry,
    PersonFact,
    RecordFields,
    ScheduledTask,
    SearchSource,
    hookimpl,
)
from norec_notes import api, notices, people, routes, search, tally
from norec_notes.forms import NicknameSchema
from norec_notes.i18n import _
from norec_notes.models import Note
from norec_notes.permissions import ADD, ROLES
from norec_notes.workflow import NOTE_WORKFLOW


@hookimpl
def norec_configure(config):
    config.add_translation_dirs("norec_notes:locale/")
    routes.add_routes(config)
    config.scan("norec_notes.views")


@hookimpl
def norec_navigation(request):
    return [NavEntry(_("Notes"), "notes.index", 900, ADD)]


@hookimpl
def norec_roles():
    return ROLES


@hookimpl
def norec_migrations():
    return "norec_notes:migrations"


@hookimpl
def norec_sections(request, context):
    return people.section(request, context)


@hookimpl
def norec_workflows():
    return [NOTE_WORKFLOW]


@hookimpl
def norec_notice_kinds():
    return notices.KINDS


@hookimpl
def norec_scheduled_tasks():
    return [ScheduledTask("notes.remind", notices.remind, minute="0", hour="7", day_of_week="1")]


@hookimpl
def norec_jobs():
    return [JobType("notes.tally", _("Count the notes"), tally.tally)]


@hookimpl
def norec_api_endpoints():
    schema = {"type": "array", "items": api.NOTE_JSON}
    return [
        ApiEndpoint("list", "/", "GET", ADD, "All notes", api.notes_json, response_schema=schema)
    ]


@hookimpl
def norec_record_fields():
    return [
        RecordFields(
            "notes",
            _("Notes plugin"),
            IPerson,
            NicknameSchema,
            people.load_nickname,
            people.save_nickname,
        )
    ]


@hookimpl
def norec_person_export(dbsession, person):
    return people.export(dbsession, person)


@hookimpl
def norec_person_erase(dbsession, person):
    people.erase(dbsession, person)


@hookimpl
def norec_people_merged(dbsession, kept, merged):
    people.merge(dbsession, kept, merged)


@hookimpl
def norec_person_facts():
    return [PersonFact(people.OPEN_NOTES, _("Has open notes"), people.with_open_notes)]


@hookimpl
def norec_action_purposes():
    return [
        ActionPurpose(
            "notes.confirm",
            _("Confirm the notes"),
            _("Are the notes about you right?"),
            people.confirm,
        )
    ]


@hookimpl
def norec_mailing_lists():
    text = _("Agrees to a weekly digest of the notes about them")
    return [MailingList("notes.digest", _("Notes digest"), text, "2026-11")]


@hookimpl
def norec_exchange_completed(request, exchange):
    # Written into the record, in the site's language: the note is the agency's, not a
    # message to the person.
    text = f"Exchange to {exchange.country} completed {exchange.ends_on:%Y-%m-%d}."
    request.dbsession.add(Note(person=exchange.person, text=text))


@hookimpl
def norec_search_sources():
    return [
        SearchSource(
            "note",
            _("Note"),
            Note,
            search.note_document,
            "notes.note",
            facets={"state": _("State")},
        )
    ]
