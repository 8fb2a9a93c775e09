"""What the notes plugin tells people, each in their language: that a note about them is
done, and (Mondays) that notes about them are open."""

from sqlalchemy import select

from norec_core import NoticeKind, Person, notify, person_fact
from norec_notes import people
from norec_notes.i18n import _

CLOSED = "notes.closed"
REMINDER = "notes.reminder"

KINDS = [
    NoticeKind(CLOSED, _("A note about you is done"), _("When a note taker marks one done.")),
    NoticeKind(REMINDER, _("Open notes about you"), _("On Mondays, while notes are open.")),
]


def tell_closed(request, note, entry) -> None:
    """The workflow's effect of `close`: the person the note is about is told."""
    notify(
        request,
        CLOSED,
        note.person,
        _("A note is done"),
        _("Done: ${text}", mapping={"text": note.text}),
        url=request.route_url("notes.note", id=note.id),
    )


def remind(request) -> None:
    """The scheduled task: tell each person with open notes about them (Mondays, 07:00
    UTC), with a link to their page."""
    open_notes = person_fact(request, people.OPEN_NOTES)
    found = request.dbsession.scalars(select(Person).where(open_notes, Person.email.is_not(None)))
    for person in found:
        url = request.route_url("people.detail", id=person.id)
        notify(
            request,
            REMINDER,
            person,
            _("Open notes"),
            _("There are open notes about you: ${url}", mapping={"url": url}),
            url=url,
        )
