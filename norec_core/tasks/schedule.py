"""Scheduled work: the declared tasks that are due at a moment, each run in its own
transaction with a request of its own, and once for each minute however many workers
find it due."""

from __future__ import annotations

import datetime
import logging

from huey import crontab
from pyramid.registry import Registry
from sqlalchemy.exc import IntegrityError

from norec_core.contributions import ScheduledTask
from norec_core.security import act_as_system
from norec_core.tasks.models import ScheduledRun
from norec_core.tasks.requests import background_request

log = logging.getLogger(__name__)


def is_due(task: ScheduledTask, moment: datetime.datetime) -> bool:
    """Whether `task`'s schedule names the minute of `moment` (read in UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    fields = (task.minute, task.hour, task.day, task.month, task.day_of_week)
    return crontab(*fields)(moment)


def run_due(registry: Registry, moment: datetime.datetime) -> list[str]:
    """Run every task due at `moment`; the names of those that succeeded.

    The worker calls this once a minute; a test calls it with the moment it chooses.
    """
    done = []
    minute = moment.replace(second=0, microsecond=0)
    for task in registry["norec.scheduled_tasks"]:
        if is_due(task, moment) and run(registry, task, minute):
            done.append(task.name)
    return done


def run(registry: Registry, task: ScheduledTask, minute: datetime.datetime) -> bool:
    with background_request(registry) as request:
        try:
            with request.tm:
                session = request.dbsession
                act_as_system(request, f"scheduled task {task.name}")
                # The claim commits with the task's work, or not at all: a failed run
                # leaves the minute to another worker.
                session.add(ScheduledRun(task=task.name, due_at=minute))
                session.flush()
                task.run(request)
        except IntegrityError:
            log.info("scheduled task %s at %s: run by another worker", task.name, minute)
            return False
        except Exception:
            log.exception("scheduled task %s failed", task.name)
            return False
    return True
