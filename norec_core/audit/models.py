"""Audit events. Written with plain INSERTs, never through the ORM, and never changed."""

from __future__ import annotations

import datetime

from sqlalchemy import JSON, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from norec_core import clock
from norec_core.db import Base

ACTIONS = ("create", "update", "delete", "transition", "export", "erase")


class AuditEvent(Base):
    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_resource", "resource_type", "resource_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime.datetime] = mapped_column(default=clock.now, index=True)
    # No foreign key: the trail outlives the accounts it names.
    actor_id: Mapped[int | None]
    actor: Mapped[str] = mapped_column(String(320), default="")
    action: Mapped[str] = mapped_column(String(20))
    resource_type: Mapped[str] = mapped_column(String(60))
    resource_id: Mapped[int | None]
    # {field: [old, new]}; values of secret fields are never written.
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    comment: Mapped[str] = mapped_column(Text, default="")
