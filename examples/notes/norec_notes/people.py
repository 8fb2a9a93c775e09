"""The notes plugin's part of the person record: its section on the person page, its field
(a nickname), and what becomes of its rows when a person's data is exported, erased or
merged with another record."""

from sqlalchemy import delete, select, update

from norec_core import IPerson, Person, Section
from norec_notes.i18n import _
from norec_notes.models import Nickname, Note

OPEN_NOTES = "notes.open"  # the person fact: those with a note still open


def section(request, person) -> list[Section]:
    if not IPerson.providedBy(person) or not request.has_permission("person.view"):
        return []
    notes = request.dbsession.scalars(
        select(Note).where(Note.person_id == person.id).order_by(Note.id)
    ).all()
    return [Section(_("Notes"), 50, "norec_notes:templates/section.pt", {"notes": notes})]


def load_nickname(dbsession, person) -> dict:
    found = dbsession.get(Nickname, person.id)
    return {"nickname": found.nickname if found else ""}


def save_nickname(dbsession, person, data) -> None:
    found = dbsession.get(Nickname, person.id)
    if data["nickname"]:
        dbsession.merge(Nickname(person_id=person.id, nickname=data["nickname"]))
    elif found is not None:
        dbsession.delete(found)


def export(dbsession, person) -> dict | None:
    notes = dbsession.scalars(select(Note).where(Note.person_id == person.id)).all()
    return {"notes": [n.text for n in notes]} if notes else None


def erase(dbsession, person) -> None:
    for note in dbsession.scalars(select(Note).where(Note.person_id == person.id)):
        dbsession.delete(note)
    save_nickname(dbsession, person, {"nickname": ""})


def merge(dbsession, kept, merged) -> None:
    dbsession.execute(update(Note).where(Note.person_id == merged.id).values(person_id=kept.id))
    if dbsession.get(Nickname, kept.id):  # one nickname a person: the kept record's wins
        dbsession.execute(delete(Nickname).where(Nickname.person_id == merged.id))
    dbsession.execute(
        update(Nickname).where(Nickname.person_id == merged.id).values(person_id=kept.id)
    )


def with_open_notes():
    """Who has the fact `OPEN_NOTES`, in SQL."""
    return Person.id.in_(select(Note.person_id).where(Note.state == "open"))


def confirm(request, link) -> str:
    """What the action link "notes.confirm" does: the person says the notes are right."""
    request.dbsession.add(Note(person=link.person, text="The person confirmed the notes."))
    return request.localizer.translate(_("Thank you: the notes about you are confirmed."))
