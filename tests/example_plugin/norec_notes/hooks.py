"""The notes plugin's hook implementations: everything it adds goes through these."""

import colander
import deform
from pyramid.httpexceptions import HTTPFound
from sqlalchemy import delete, select, update

from norec_core import (
    ACCOUNT,
    ActionPurpose,
    ApiEndpoint,
    CSRFSchema,
    IPerson,
    JobType,
    MailingList,
    NavEntry,
    Person,
    PersonFact,
    RecordFields,
    Role,
    ScheduledTask,
    SearchDocument,
    SearchSource,
    Section,
    State,
    Transition,
    Workflow,
    attached_text,
    existing_record,
    hookimpl,
    model_factory,
    paginate,
    permitted,
    person_fact,
    process_form,
    send_mail,
)
from norec_notes.models import Nickname, Note

ADD = "notes.add"
READ = "notes.read"
T = "norec_notes:templates"


@hookimpl
def norec_configure(config):
    config.add_route("notes.index", "/")
    config.add_view(
        notes_index,
        route_name="notes.index",
        renderer="norec_notes:templates/index.pt",
        permission=ADD,
    )
    # A page per note, the note its context: the core's sections show its workflow there.
    config.add_route("notes.note", r"/{id:\d+}", factory=model_factory(Note))
    config.add_view(
        note_page,
        route_name="notes.note",
        renderer="norec_notes:templates/note.pt",
        permission=READ,
    )
    # The notes a user may read, filtered in SQL: one query for the page, however many.
    config.add_route("notes.list", "/list")
    config.add_view(
        notes_list,
        route_name="notes.list",
        renderer="norec_notes:templates/list.pt",
        permission=ACCOUNT,
    )


@hookimpl
def norec_navigation(request):
    return [NavEntry("Notes", "notes.index", 900, ADD)]


@hookimpl
def norec_roles():
    return [Role("notetaker", "Note taker", frozenset({ADD, READ, "person.view"}))]


@hookimpl
def norec_migrations():
    return "norec_notes:migrations"


@hookimpl
def norec_sections(request, context):
    if not IPerson.providedBy(context) or not request.has_permission("person.view"):
        return []
    notes = request.dbsession.scalars(
        select(Note).where(Note.person_id == context.id).order_by(Note.id)
    ).all()
    return [Section("Notes", 50, "norec_notes:templates/section.pt", {"notes": notes})]


@colander.deferred
def _people(node, kw):
    rows = kw["request"].dbsession.execute(select(Person.id, Person.given_name, Person.family_name))
    return deform.widget.SelectWidget(values=[(str(i), f"{g} {f}") for i, g, f in rows])


class NoteSchema(CSRFSchema):
    person_id = colander.SchemaNode(
        colander.Integer(),
        title="Person",
        widget=_people,
        validator=existing_record(Person, "Choose a person from the list."),
    )
    text = colander.SchemaNode(
        colander.String(),
        title="Note",
        validator=colander.Length(min=3, max=2000),
        widget=deform.widget.TextAreaWidget(rows=3),
    )


def notes_index(request):
    result = process_form(request, NoteSchema(), submit_title="Add note")
    if result.valid:
        person = request.dbsession.get(Person, result.data["person_id"])
        request.dbsession.add(Note(person=person, text=result.data["text"]))
        return HTTPFound(request.route_path("people.detail", id=person.id))
    return {"form": result.html, "page_title": "Notes"}


def notes_list(request):
    query = select(Note).where(permitted(request, Note, READ)).order_by(Note.id)
    return {"page": paginate(request, query), "page_title": "Notes I may read"}


def note_page(note, request):
    sections = request.pm.hook.norec_sections(request=request, context=note)
    return {"note": note, "page_title": f"Note {note.id}", "sections": sections}


def tally(job, fail: bool = False):
    """Count the notes, one at a time to show progress; `fail` proves a failed job undoes."""
    notes = job.dbsession.scalars(select(Note)).all()
    for done, _note in enumerate(notes, 1):
        job.progress(done, len(notes))
    person = job.dbsession.scalars(select(Person)).first()
    job.dbsession.add(Note(person=person, text="written by the tally job"))
    if fail:
        raise RuntimeError("the tally failed on purpose")
    return f"{len(notes)} notes"


@hookimpl
def norec_jobs():
    return [JobType("notes.tally", "Count the notes", tally)]


@hookimpl
def norec_person_export(dbsession, person):
    notes = dbsession.scalars(select(Note).where(Note.person_id == person.id)).all()
    return {"notes": [n.text for n in notes]} if notes else None


@hookimpl
def norec_person_erase(dbsession, person):
    for note in dbsession.scalars(select(Note).where(Note.person_id == person.id)):
        dbsession.delete(note)
    _save_nickname(dbsession, person, {"nickname": ""})


def _notes_json(request, _data):
    notes = request.dbsession.scalars(select(Note).order_by(Note.id)).all()
    return [{"id": n.id, "person_id": n.person_id, "text": n.text} for n in notes]


@hookimpl
def norec_api_endpoints():
    note = {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "person_id": {"type": "integer"},
            "text": {"type": "string"},
        },
    }
    return [
        ApiEndpoint(
            "list",
            "/",
            "GET",
            ADD,
            "All notes",
            _notes_json,
            response_schema={"type": "array", "items": note},
        )
    ]


class NicknameSchema(colander.MappingSchema):
    nickname = colander.SchemaNode(
        colander.String(), title="Nickname", missing="", validator=colander.Length(max=100)
    )


def _load_nickname(dbsession, person):
    found = dbsession.get(Nickname, person.id)
    return {"nickname": found.nickname if found else ""}


def _save_nickname(dbsession, person, data):
    found = dbsession.get(Nickname, person.id)
    if data["nickname"]:
        dbsession.merge(Nickname(person_id=person.id, nickname=data["nickname"]))
    elif found is not None:
        dbsession.delete(found)


@hookimpl
def norec_record_fields():
    return [
        RecordFields(
            "notes", "Notes plugin", IPerson, NicknameSchema, _load_nickname, _save_nickname
        )
    ]


def _tell_closed(request, note, entry):
    if note.person.email:
        send_mail(request, note.person.email, "A note is done", f"Done: {note.text}")


NOTE_WORKFLOW = Workflow(
    name="note",
    model=Note,
    initial="open",
    states=(State("open", "Open"), State("done", "Done")),
    # The person a note is about may read it while it is open; once done, note takers only.
    owner="person_id",
    permissions={"open": {READ: {"notetaker", "owner"}}, "done": {READ: {"notetaker"}}},
    transitions=(
        Transition("close", "Mark done", ("open",), "done", ADD, after=_tell_closed),
        Transition("reopen", "Reopen", ("done",), "open", ADD, comment_required=True),
    ),
)


@hookimpl
def norec_workflows():
    return [NOTE_WORKFLOW]


def remind(request):
    """Tell each person with open notes about them: Mondays at 07:00 UTC."""
    people = request.dbsession.scalars(
        select(Person).where(person_fact(request, "notes.open"), Person.email.is_not(None))
    )
    for person in people:
        url = request.route_url("people.detail", id=person.id)
        send_mail(request, person.email, "Open notes", f"There are open notes about you: {url}")


@hookimpl
def norec_scheduled_tasks():
    return [ScheduledTask("notes.remind", remind, minute="0", hour="7", day_of_week="1")]


@hookimpl
def norec_exchange_completed(request, exchange):
    text = f"Exchange to {exchange.country} completed {exchange.ends_on:%Y-%m-%d}."
    request.dbsession.add(Note(person=exchange.person, text=text))


@hookimpl
def norec_people_merged(dbsession, kept, merged):
    dbsession.execute(update(Note).where(Note.person_id == merged.id).values(person_id=kept.id))
    if dbsession.get(Nickname, kept.id):  # one nickname a person: the kept record's wins
        dbsession.execute(delete(Nickname).where(Nickname.person_id == merged.id))
    dbsession.execute(
        update(Nickname).where(Nickname.person_id == merged.id).values(person_id=kept.id)
    )


@hookimpl
def norec_person_facts():
    def with_open_notes():
        return Person.id.in_(select(Note.person_id).where(Note.state == "open"))

    return [PersonFact("notes.open", "Has open notes", with_open_notes)]


def _confirm(request, link):
    request.dbsession.add(Note(person=link.person, text="The person confirmed the notes."))
    return "Thank you: the notes about you are confirmed."


@hookimpl
def norec_action_purposes():
    return [
        ActionPurpose(
            "notes.confirm", "Confirm the notes", "Are the notes about you right?", _confirm
        )
    ]


@hookimpl
def norec_mailing_lists():
    text = "Agrees to a weekly digest of the notes about them"
    return [MailingList("notes.digest", "Notes digest", text, "2026-11")]


def _note_document(note):
    # Written in the language the person corresponds in; found with its files' words by
    # those who may read the note in its state (the workflow's rules, as on its page).
    return SearchDocument(
        title=note.text.splitlines()[0][:80] if note.text else f"Note {note.id}",
        text=f"{note.text}\n{attached_text(note)}",
        language=note.person.correspondence_language,
        facets={"state": note.state},
        permission=READ,
    )


@hookimpl
def norec_search_sources():
    return [
        SearchSource("note", "Note", Note, _note_document, "notes.note", facets={"state": "State"})
    ]
