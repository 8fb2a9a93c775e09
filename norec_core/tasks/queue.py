"""The task queue, on huey: small, well kept, and with storage in a SQLite file, so the
embedded set-up needs no broker server; Redis is one setting away.

`norec.queue.url`:
- `sqlite:///path/to/queue.sqlite` (the default, `var/queue.sqlite`): a worker started
  with `norec worker` runs the work;
- `redis://host:6379/0`: the same with Redis (pip install norec-core[redis]), for
  several workers on several machines;
- `immediate`: no worker; work runs in the web process right after the commit that
  asked for it. For tests and very small installations.
"""

from __future__ import annotations

import logging
from pathlib import Path

from huey import MemoryHuey, RedisHuey, SqliteHuey, crontab
from pyramid.registry import Registry
from zope.interface import implementer

from norec_core import clock
from norec_core.interfaces import ITaskQueue
from norec_core.mail.outbox import deliver_for_registry
from norec_core.tasks.jobs import execute
from norec_core.tasks.schedule import run_due

log = logging.getLogger(__name__)


def make_huey(url: str):
    if url == "immediate":
        return MemoryHuey("norec", immediate=True)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        return SqliteHuey("norec", filename=str(path))
    if url.startswith(("redis://", "rediss://")):
        return RedisHuey("norec", url=url)
    raise ValueError(f"norec.queue.url must be immediate, sqlite:///… or redis://…, not {url!r}")


@implementer(ITaskQueue)
class HueyTaskQueue:
    """The platform's work, as huey tasks bound to one application's registry."""

    def __init__(self, huey, registry: Registry):
        self.huey = huey

        @huey.task(name="norec.run_job")
        def run_job(job_id: int) -> None:
            execute(registry, job_id)

        @huey.task(name="norec.deliver_mail")
        def deliver_mail() -> None:
            deliver_for_registry(registry)

        # Retries come due while nothing new is queued: look every minute.
        @huey.periodic_task(crontab(minute="*"), name="norec.deliver_mail_due")
        def deliver_mail_due() -> None:
            deliver_for_registry(registry)

        # The plugins' scheduled tasks: each minute, those whose schedule names it.
        @huey.periodic_task(crontab(minute="*"), name="norec.scheduled_tasks")
        def scheduled_tasks() -> None:
            run_due(registry, clock.now())

        self._run_job, self._deliver_mail = run_job, deliver_mail

    def run_job(self, job_id: int) -> None:
        self._run_job(job_id)

    def deliver_mail(self) -> None:
        self._deliver_mail()
