"""Notes in the site search."""

from norec_core import SearchDocument, attached_text
from norec_notes.permissions import READ


def note_document(note) -> SearchDocument:
    # Written in the language the person corresponds in; found with its files' words by
    # those who may read the note in its state (the workflow's rules, as on its page).
    return SearchDocument(
        title=note.text.splitlines()[0][:80] if note.text else f"Note {note.id}",
        text=f"{note.text}\n{attached_text(note)}",
        language=note.person.correspondence_language,
        facets={"state": note.state},
        permission=READ,
    )
