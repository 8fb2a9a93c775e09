"""Merging two records of one person: everything that named the duplicate names the kept
record afterwards, in the core and in every plugin, and nothing is lost to a cascade."""

from __future__ import annotations

from pyramid.request import Request
from sqlalchemy import Table, delete, func, select, update

from norec_core.accounts.models import LocalRole, User
from norec_core.audit.recorder import record_audit
from norec_core.db import Base
from norec_core.domain.models import (
    ActionLink,
    ConsentRecord,
    ListSubscription,
    Person,
    PersonLanguage,
    Registration,
)
from norec_core.domain.serialisation import PERSON_FIELDS
from norec_core.files.models import StoredFile


class MergeError(ValueError):
    """The merge cannot be done; nothing was changed."""


def person_references() -> list[tuple[Table, str]]:
    """Every (table, column) with a foreign key to person.id, the plugins' included."""
    return [
        (table, fk.parent.name)
        for table in Base.metadata.sorted_tables
        for fk in table.foreign_keys
        if fk.column.table.name == "person" and fk.column.name == "id"
    ]


def merge_people(request: Request, kept: Person, merged: Person) -> None:
    """Merge `merged` into `kept`, then delete `merged`.

    Empty fields of `kept` take `merged`'s values; its registrations, languages, consent
    history, accounts and local roles move to `kept`; each plugin re-points its own rows
    (`norec_people_merged`). A row still naming `merged` afterwards raises MergeError,
    which rolls the request back.
    """
    if kept.id == merged.id:
        raise MergeError("a record cannot be merged into itself")
    session = request.dbsession
    email = merged.email
    if email and not kept.email:
        merged.email = None  # unique: free it before the kept record takes it
        session.flush()
    # Consents and visibility choices are not inferred from another record: kept as they are.
    for field in (f for f in PERSON_FIELDS if not f.startswith("consent_") and f != "visibility"):
        if getattr(kept, field) in (None, "", [], {}) and getattr(merged, field) not in (None, ""):
            setattr(kept, field, email if field == "email" else getattr(merged, field))
    session.flush()
    _move_unique(session, PersonLanguage, "code", kept, merged)
    _move_unique(session, Registration, "activity_id", kept, merged)
    _move_unique(session, ListSubscription, "list_name", kept, merged)
    for model in (ActionLink, ConsentRecord, StoredFile, User):
        session.execute(update(model).where(model.person_id == merged.id).values(person_id=kept.id))
    _move_local_roles(session, kept, merged)
    request.pm.hook.norec_people_merged(dbsession=session, kept=kept, merged=merged)
    session.flush()
    for table, column in person_references():
        left = session.scalar(
            select(func.count()).select_from(table).where(table.c[column] == merged.id)
        )
        if left:
            raise MergeError(f"{left} rows of {table.name} still name the merged person")
    record_audit(session, "merge", kept, {"merged": [merged.id, kept.id]}, "")
    # The rows moved by UPDATE are still in the records' loaded collections: reload them,
    # or deleting the duplicate would cascade to rows that are now the kept record's.
    session.expire(kept)
    session.expire(merged)
    session.delete(merged)
    session.flush()


def _move_unique(session, model, key: str, kept: Person, merged: Person) -> None:
    """Re-point `model` rows, dropping the merged person's where the kept has the same
    `key` already (a language both spoke; an activity both registered for)."""
    column = getattr(model, key)
    both = select(column).where(model.person_id == kept.id)
    session.execute(delete(model).where(model.person_id == merged.id, column.in_(both)))
    session.execute(update(model).where(model.person_id == merged.id).values(person_id=kept.id))


def _move_local_roles(session, kept: Person, merged: Person) -> None:
    def on(person):
        return (LocalRole.resource_type == "person", LocalRole.resource_id == person.id)

    held = set(session.execute(select(LocalRole.user_id, LocalRole.role).where(*on(kept))).all())
    for row in session.scalars(select(LocalRole).where(*on(merged))).all():
        if (row.user_id, row.role) in held:
            session.delete(row)
        else:
            row.resource_id = kept.id
