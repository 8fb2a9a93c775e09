"""Jobs: long work run by the task queue, with progress the UI can show."""

from __future__ import annotations

import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from norec_core import clock
from norec_core.db import Base

STATUSES = ("queued", "running", "done", "failed")


class Job(Base):
    __tablename__ = "job"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int | None]
    message: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime.datetime] = mapped_column(default=clock.now)
    started_at: Mapped[datetime.datetime | None] = mapped_column()
    finished_at: Mapped[datetime.datetime | None] = mapped_column()
    # Where a job that stopped takes up again, committed with the work it records, and
    # when a running job last reported: a job silent for long had its worker die.
    checkpoint: Mapped[dict] = mapped_column(JSON, default=dict)
    beat_at: Mapped[datetime.datetime | None] = mapped_column()

    @property
    def percent(self) -> int | None:
        if not self.total:
            return 100 if self.status == "done" else None
        return min(100, round(100 * self.done / self.total))


class ScheduledRun(Base):
    """A scheduled task's run for one minute, claimed in the run's own transaction: with
    several workers, each of whose schedulers finds the task due, one runs it."""

    __tablename__ = "scheduled_run"
    __table_args__ = (UniqueConstraint("task", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task: Mapped[str] = mapped_column(String(100))
    due_at: Mapped[datetime.datetime]
    ran_at: Mapped[datetime.datetime] = mapped_column(default=clock.now)
