"""The notes plugin's API endpoint: every note, for those who may add them."""

from sqlalchemy import select

from norec_notes.models import Note

NOTE_JSON = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "person_id": {"type": "integer"},
        "text": {"type": "string"},
    },
}


def notes_json(request, _data) -> list[dict]:
    notes = request.dbsession.scalars(select(Note).order_by(Note.id)).all()
    return [{"id": n.id, "person_id": n.person_id, "text": n.text} for n in notes]
