"""Scheduled work: the declared tasks that are due at a moment, each run in its own
transaction with a request of its own."""

from __future__ import annotations

import datetime
import logging

from huey import crontab
from pyramid.registry import Registry

from norec_core.contributions import ScheduledTask
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
    for task in registry["norec.scheduled_tasks"]:
        if is_due(task, moment) and run(registry, task):
            done.append(task.name)
    return done


def run(registry: Registry, task: ScheduledTask) -> bool:
    with background_request(registry) as request:
        try:
            with request.tm:
                request.dbsession.info["actor"] = (None, f"scheduled task {task.name}")
                task.run(request)
        except Exception:
            log.exception("scheduled task %s failed", task.name)
            return False
    return True
