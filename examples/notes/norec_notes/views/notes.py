"""The notes pages: adding one, a note's page with its workflow, and the notes a user may
read."""

from pyramid.view import view_config
from sqlalchemy import select

from norec_core import ACCOUNT, edit_page, paginate, permitted
from norec_notes.forms import NoteSchema
from norec_notes.i18n import _
from norec_notes.models import Note
from norec_notes.permissions import ADD, READ


@view_config(route_name="notes.index", renderer="norec_notes:templates/index.pt", permission=ADD)
def add_note(request):
    return edit_page(
        request,
        NoteSchema(),
        Note(),
        is_new=True,
        appstruct=lambda note: {},
        apply=_apply,
        detail_route="notes.note",
        page_title=_("Notes"),
    )


def _apply(note, data) -> None:
    note.person_id, note.text = data["person_id"], data["text"]


@view_config(route_name="notes.note", renderer="norec_notes:templates/note.pt", permission=READ)
def note_page(note, request):
    sections = request.pm.hook.norec_sections(request=request, context=note)
    title = _("Note ${number}", mapping={"number": note.id})
    return {"note": note, "page_title": title, "sections": sections}


# The notes a user may read, filtered in SQL: one query for the page, however many.
@view_config(route_name="notes.list", renderer="norec_notes:templates/list.pt", permission=ACCOUNT)
def notes_list(request):
    query = select(Note).where(permitted(request, Note, READ)).order_by(Note.id)
    return {"page": paginate(request, query), "page_title": _("Notes I may read")}
