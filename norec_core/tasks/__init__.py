"""Background work: the task queue service, the declared job types, and the jobs' pages."""

from norec_core.interfaces import ITaskQueue
from norec_core.resources import model_factory
from norec_core.tasks.models import Job
from norec_core.tasks.queue import HueyTaskQueue, make_huey


def includeme(config) -> None:
    registry = config.registry
    url = config.get_settings().get("norec.queue.url", "sqlite:///var/queue.sqlite")
    config.register_service(HueyTaskQueue(make_huey(url), registry), ITaskQueue)
    config.add_route("jobs.detail", r"/jobs/{id:\d+}", factory=model_factory(Job))
    config.add_route("jobs.status", r"/jobs/{id:\d+}/status", factory=model_factory(Job))
    config.add_route("jobs.resume", r"/jobs/{id:\d+}/resume", factory=model_factory(Job))
    config.add_route("admin.jobs", "/admin/jobs")
    config.scan("norec_core.tasks.views")
