"""Recording changes as they are flushed, so that no view can forget to.

A model takes part by setting `__audited__ = True`. Its column changes are recorded
with old and new values, except for the columns in `__audit_secret__` (recorded as
changed, without values); `__audit_collections__` maps a relationship to a field name
and the attribute that names its members (`{"language_links": ("languages", "code")}`),
recorded as the lists before and after. A deletion is recorded without values: what
was deleted, perhaps by an erasure, must not live on in the trail.

The actor is `session.info["actor"]`, a `(user id, e-mail)` pair or a callable giving
one, set per request; without it the change is recorded as the system's.
"""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from norec_core import clock
from norec_core.audit.models import AuditEvent

SYSTEM = (None, "system")


class AuditTrailIsImmutable(RuntimeError):
    """An audit event was about to be changed or deleted."""


def actor_of(session: Session) -> tuple[int | None, str]:
    actor = session.info.get("actor", SYSTEM)
    if not callable(actor):
        return actor
    # Finding the user may query; a flush in the middle of this flush must not start.
    with session.no_autoflush:
        return actor()


def record_audit(
    session: Session, action: str, obj, changes: dict | None = None, comment: str = ""
):
    """Record an event that is not a plain flush of a change (a transition, an erasure)."""
    # Through the session, so that the transaction (zope.sqlalchemy's too) knows it wrote.
    _insert(session, session.execute, [(action, obj, changes or {}, comment)])


def _insert(session: Session, execute, events: list[tuple[str, Any, dict, str]]) -> None:
    """Write (action, object, changes, comment) events with a plain INSERT: the ORM never
    holds an audit event it could change."""
    actor_id, actor = actor_of(session)
    now = clock.now()
    execute(
        insert(AuditEvent),
        [
            {
                "at": now,
                "actor_id": actor_id,
                "actor": actor,
                "action": action,
                "resource_type": obj.__tablename__,
                "resource_id": obj.id,
                "changes": changes,
                "comment": comment,
            }
            for action, obj, changes, comment in events
        ],
    )


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(datetime.UTC).isoformat()  # one zone for every moment
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, set | frozenset | tuple):
        return sorted(jsonable(v) for v in value)
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def _changes(obj, action: str) -> dict[str, list]:
    if action == "delete":
        return {}
    state = inspect(obj)
    secret = getattr(obj, "__audit_secret__", ())
    changes = {}
    for attr in state.mapper.column_attrs:
        if attr.key in ("created_at", "updated_at"):
            continue
        history = state.attrs[attr.key].history
        if action == "create":
            old, new = None, (history.added or history.unchanged or [None])[0]
        elif history.has_changes():
            old, new = (history.deleted or [None])[0], (history.added or [None])[0]
        else:
            continue
        if old != new:
            changes[attr.key] = (
                ["***", "***"]
                if attr.key in secret
                else [
                    jsonable(old),
                    jsonable(new),
                ]
            )
    for relation, (field, member_key) in getattr(obj, "__audit_collections__", {}).items():
        history = state.attrs[relation].history
        before = sorted(getattr(m, member_key) for m in (*history.unchanged, *history.deleted))
        after = sorted(getattr(m, member_key) for m in (*history.unchanged, *history.added))
        if action == "create":
            before = []
        if before != after:
            changes[field] = [before, after]
    return changes


@event.listens_for(Session, "before_flush")
def _guard(session: Session, _context, _instances) -> None:
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuditEvent):
            raise AuditTrailIsImmutable("audit events cannot be changed or deleted")


@event.listens_for(Session, "after_flush")
def _record(session: Session, _context) -> None:
    rows = []
    for action, objects in (
        ("create", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objects:
            if not getattr(obj, "__audited__", False):
                continue
            if action == "update" and not session.is_modified(obj):
                continue
            changes = _changes(obj, action)
            if action == "update" and not changes:
                continue
            rows.append((action, obj, changes, ""))
    if rows:
        # Inside a flush: straight on its connection, as the session cannot run one now.
        _insert(session, session.connection().execute, rows)
