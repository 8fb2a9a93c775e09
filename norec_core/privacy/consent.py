"""Consent: what a person agreed to, in which words, and when.

The texts are the labels of the consent fields on the person form. A record is written
whenever a consent flag of a person is set or changed, by whatever means (form, API,
import), with the version of the text shown. Change `VERSION` whenever a text changes.
"""

from __future__ import annotations

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from norec_core import clock
from norec_core.audit.recorder import actor_of
from norec_core.domain.models import ConsentRecord, Person
from norec_core.i18n import _

VERSION = "2026-11"
TEXTS = {
    "contact": _("Agrees to be contacted"),
    "newsletter": _("Agrees to receive newsletters"),
    "directory": _("Agrees to be listed in member directories"),
}


def _changed(person: Person, new: bool) -> dict[str, bool]:
    state = inspect(person)
    found = {}
    for kind in TEXTS:
        history = state.attrs[f"consent_{kind}"].history
        if new or history.has_changes():
            value = (history.added or history.unchanged or [False])[0]
            old = (history.deleted or [None])[0]
            if new or bool(old) != bool(value):
                found[kind] = bool(value)
    return found


@event.listens_for(Session, "after_flush")
def _record(session: Session, _context) -> None:
    rows = []
    for new, objects in ((True, session.new), (False, session.dirty)):
        for person in (o for o in objects if isinstance(o, Person)):
            for kind, granted in _changed(person, new).items():
                rows.append(
                    {
                        "person_id": person.id,
                        "kind": kind,
                        "granted": granted,
                        "text_version": VERSION,
                        "text": str(TEXTS[kind]),
                    }
                )
    if rows:
        _actor_id, actor = actor_of(session)
        now = clock.now()
        session.connection().execute(
            insert(ConsentRecord), [{**row, "recorded_at": now, "actor": actor} for row in rows]
        )


def record_consent(
    session: Session, person: Person, kind: str, granted: bool, text: str, version: str
) -> ConsentRecord:
    """Keep a consent a plugin asked for (to be kept in a talent pool, say) beside the
    core's: `kind` names it (at most 30 characters, the plugin's name first), `text` is
    the words the person agreed to or withdrew from, as shown to them, `version` the
    version of those words."""
    if len(kind) > 30:
        raise ValueError("a consent's kind is at most 30 characters")
    row = ConsentRecord(
        person_id=person.id,
        kind=kind,
        granted=granted,
        text_version=version,
        text=text,
        actor=actor_of(session)[1],
    )
    session.add(row)
    session.flush()
    return row
