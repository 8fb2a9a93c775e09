"""A note's workflow: open, then done; reopening needs a reason."""

from norec_core import State, Transition, Workflow
from norec_notes import notices
from norec_notes.i18n import _
from norec_notes.models import Note
from norec_notes.permissions import ADD, READ

NOTE_WORKFLOW = Workflow(
    name="note",
    model=Note,
    initial="open",
    states=(State("open", _("Open")), State("done", _("Done"))),
    # The person a note is about may read it while it is open; once done, note takers only.
    owner="person_id",
    permissions={"open": {READ: {"notetaker", "owner"}}, "done": {READ: {"notetaker"}}},
    transitions=(
        Transition("close", _("Mark done"), ("open",), "done", ADD, after=notices.tell_closed),
        Transition("reopen", _("Reopen"), ("done",), "open", ADD, comment_required=True),
    ),
)
