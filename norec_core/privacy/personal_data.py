"""Personal data (GDPR): everything held on a person, from the core and every plugin, and
its erasure, which every plugin answers.

Export (articles 15 and 20) gathers the core's data and each plugin's answer to
`norec_person_export` into one JSON document. Erasure (article 17) lets each plugin
delete or anonymise its data (`norec_person_erase`), deletes the person with their
registrations, consent records and account, and removes the values from the audit
trail about them while keeping the trail itself: who changed what, when, and that the
person was erased, by whom and why.
"""

from __future__ import annotations

import datetime
from typing import Any

from pyramid.request import Request
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from norec_core.accounts.models import User
from norec_core.audit.models import AuditEvent
from norec_core.audit.recorder import jsonable, record_audit
from norec_core.domain import record_fields
from norec_core.domain.models import Person, Registration
from norec_core.domain.serialisation import person_json
from norec_core.files.attachments import remove_person_files
from norec_core.plugins import call_for

ERASED = "[erased]"


def _row(obj, fields) -> dict[str, Any]:
    return {f: jsonable(getattr(obj, f)) for f in fields}


def core_export(session: Session, person: Person) -> dict[str, Any]:
    user = session.scalar(select(User).where(User.person_id == person.id))
    registrations = session.scalars(
        select(Registration).where(Registration.person_id == person.id).order_by(Registration.id)
    )
    trail = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.resource_type == "person", AuditEvent.resource_id == person.id)
        .order_by(AuditEvent.id)
    )
    return {
        "person": person_json(person),
        "consent_records": [
            _row(c, ("kind", "granted", "text", "text_version", "recorded_at", "actor"))
            for c in person.consent_records
        ],
        "registrations": [
            {**_row(r, ("status", "created_at")), "activity": r.activity.title}
            for r in registrations
        ],
        "account": _row(
            user, ("email", "display_name", "created_at", "last_login_at", "email_confirmed_at")
        )
        | {"roles": list(user.roles)}
        if user
        else None,
        "changes": [_row(e, ("at", "actor", "action", "changes")) for e in trail],
    }


def export(request: Request, person: Person) -> dict[str, Any]:
    """Everything the platform holds on `person`, by part: "core" and each plugin's name."""
    session = request.dbsession
    document: dict[str, Any] = {
        "exported_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "core": core_export(session, person),
    }
    # The plugins' fields on the person record, beside the core's own.
    document["core"]["person"] |= record_fields.as_json(request, person)
    pm = request.pm
    for info in pm.norec_plugins:
        # pluggy leaves out the None of a plugin that holds nothing on the person.
        answers = call_for(pm, info.name, "norec_person_export", dbsession=session, person=person)
        if answers:
            document[info.name] = answers[0]
    record_audit(session, "export", person)
    return document


def _redact(session: Session, condition) -> None:
    """Keep who changed what and when; drop the values. The one sanctioned change of the
    audit trail, made with plain UPDATEs (the ORM refuses any other)."""
    for event in session.execute(select(AuditEvent.id, AuditEvent.changes).where(condition)):
        changes = {field: [ERASED, ERASED] for field in (event.changes or {})}
        session.execute(update(AuditEvent).where(AuditEvent.id == event.id).values(changes=changes))


def erase_person(request: Request, person: Person, reason: str) -> None:
    """Erase `person` everywhere; raises (and so rolls everything back) if a plugin refuses."""
    session = request.dbsession
    pm = request.pm
    for info in pm.norec_plugins:
        call_for(pm, info.name, "norec_person_erase", dbsession=session, person=person)
    person_id = person.id
    remove_person_files(request, person)
    user = session.scalar(select(User).where(User.person_id == person_id))
    conditions = [(AuditEvent.resource_type == "person") & (AuditEvent.resource_id == person_id)]
    if user is not None:
        conditions.append(
            (AuditEvent.resource_type == "user_account") & (AuditEvent.resource_id == user.id)
        )
        # What the person did stays on record, but no longer under their name.
        session.execute(
            update(AuditEvent)
            .where(AuditEvent.actor_id == user.id)
            .values(actor=f"erased user {user.id}")
        )
        session.delete(user)
    session.flush()
    session.delete(person)
    session.flush()
    _redact(session, or_(*conditions))
    # Recorded after the redaction, so the erasure itself keeps its reason.
    record_audit(session, "erase", person, comment=reason)
