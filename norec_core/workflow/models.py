"""The history of every workflow transition: who, when, from, to, and why."""

from __future__ import annotations

import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from norec_core import clock
from norec_core.db import Base


class WorkflowHistory(Base):
    __tablename__ = "workflow_history"
    __table_args__ = (Index("ix_workflow_history_resource", "resource_type", "resource_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_type: Mapped[str] = mapped_column(String(60))
    resource_id: Mapped[int]
    workflow: Mapped[str] = mapped_column(String(60))
    transition: Mapped[str] = mapped_column(String(60))
    from_state: Mapped[str] = mapped_column(String(60))
    to_state: Mapped[str] = mapped_column(String(60))
    actor_id: Mapped[int | None]
    actor: Mapped[str] = mapped_column(String(320), default="")
    at: Mapped[datetime.datetime] = mapped_column(default=clock.now)
    comment: Mapped[str] = mapped_column(Text, default="")
