"""Jobs: named pieces of long work that plugins declare (`norec_jobs`) and the queue runs.

`enqueue_job` records the job in the request's transaction and hands it to the queue
once that transaction commits. The worker runs it in a transaction of its own, with a
request of its own (for URLs, services, translations), and the job reports progress
that the job's page shows while it runs.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from pyramid.request import Request
from sqlalchemy import func, update

from norec_core import clock
from norec_core.accounts.models import User
from norec_core.db import new_session
from norec_core.i18n import _
from norec_core.interfaces import ITaskQueue
from norec_core.security import act_as_system, act_for
from norec_core.tasks.models import Job
from norec_core.tasks.requests import background_request

log = logging.getLogger(__name__)
# Stored as written here, and translated where it is shown (tasks.views).
STALLED = _(
    "The worker stopped while running this job. Run it again to go on from where it stopped."
)


class UnknownJob(ValueError):
    """No installed plugin declares a job of that name."""


def enqueue_job(request: Request, name: str, **params: Any) -> Job:
    """Queue the declared job `name` with `params` (JSON values) after this request's
    commit; returns the `Job` row, whose page shows its progress. Raises UnknownJob for a
    name no plugin declared."""
    if name not in request.registry["norec.job_types"]:
        raise UnknownJob(name)
    user = request.identity
    job = Job(name=name, params=params, created_by_id=user.id if user else None)
    request.dbsession.add(job)
    request.dbsession.flush()
    queue = request.find_service(ITaskQueue)
    job_id = job.id

    def send(committed: bool) -> None:
        if committed:
            queue.run_job(job_id)

    request.tm.get().addAfterCommitHook(send)
    return job


class JobContext:
    """What a running job gets: a request with its own transaction, and a progress report."""

    def __init__(self, request: Request, job_id: int):
        self.request = request
        self.job_id = job_id

    @property
    def dbsession(self):
        return self.request.dbsession

    @property
    def checkpoint(self) -> dict:
        """What the job saved with its last progress: where a resumed run takes up."""
        return dict(self.dbsession.get(Job, self.job_id).checkpoint or {})

    def progress(
        self, done: int, total: int | None = None, message: str = "", checkpoint=None
    ) -> None:
        """Report progress, and commit the work done so far with it.

        A long job thus holds no lock for long and its effects (mail in the outbox) start
        to show while it runs; work after the last report is rolled back if the job fails.
        `checkpoint` (JSON) is committed with that work: a run resumed after a failure
        reads it in `self.checkpoint` and starts after it, so nothing is done twice.
        """
        job = self.dbsession.get(Job, self.job_id)
        job.done, job.total, job.message = done, total, message
        job.beat_at = clock.now()
        if checkpoint is not None:
            job.checkpoint = checkpoint
        self.request.tm.commit()
        self.request.tm.begin()


def _set(registry, job_id: int, **values) -> None:
    with new_session(registry) as session, session.begin():
        session.execute(update(Job).where(Job.id == job_id).values(**values))


def execute(registry, job_id: int) -> None:
    """Run the job `job_id`; the worker's task. Failures are recorded on the job."""
    with background_request(registry) as request:
        try:
            _run(registry, request, job_id)
        except Exception as exc:
            log.exception("job %s failed", job_id)
            _set(
                registry, job_id, status="failed", finished_at=clock.now(), message=f"{exc}"[:2000]
            )


def _run(registry, request, job_id: int) -> None:
    with new_session(registry) as session, session.begin():
        # Claimed by one UPDATE that only one worker wins: a job runs once.
        claimed = session.execute(
            update(Job)
            .where(Job.id == job_id, Job.status == "queued")
            .values(status="running", started_at=clock.now())
        ).rowcount
        if not claimed:
            return
        job = session.get(Job, job_id)
        name, params = job.name, dict(job.params)
        creator_id = job.created_by_id
    job_type = registry["norec.job_types"][name]
    with request.tm:
        # A job acts with the authority of whoever started it, and as the platform when
        # nobody did (one a task or a migration queued).
        creator = request.dbsession.get(User, creator_id) if creator_id else None
        if creator is None:
            act_as_system(request, f"job {name}")
        else:
            act_for(request, creator)
        result = job_type.run(JobContext(request, job_id), **params)
    _set(registry, job_id, status="done", finished_at=clock.now(), message=str(result or ""))


def resume(request: Request, job: Job) -> None:
    """Run a failed job again from its checkpoint, after the current transaction."""
    job.status, job.message, job.finished_at = "queued", "", None
    queue = request.find_service(ITaskQueue)
    job_id = job.id

    def send(committed: bool) -> None:
        if committed:
            queue.run_job(job_id)

    request.tm.get().addAfterCommitHook(send)


def fail_stalled(session, settings) -> int:
    """Mark failed the running jobs that have not reported for `norec.jobs.stall_minutes`
    (their worker died); each can be resumed from its checkpoint. The number marked."""
    minutes = int(settings.get("norec.jobs.stall_minutes", 30))
    since = clock.now() - datetime.timedelta(minutes=minutes)
    return session.execute(
        update(Job)
        .where(Job.status == "running", func.coalesce(Job.beat_at, Job.started_at) < since)
        .values(status="failed", finished_at=clock.now(), message=STALLED)
    ).rowcount
