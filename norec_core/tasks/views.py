"""A job's page with its progress, the same as JSON for the page's script, and the admin list."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import select

from norec_core.i18n import _
from norec_core.layout import flash
from norec_core.lists import paginate, select_filter
from norec_core.security import JOB_VIEW, OPERATIONS
from norec_core.tasks import jobs
from norec_core.tasks.models import STATUSES, Job

STATUS_TITLES = {
    "queued": _("Waiting to start"),
    "running": _("Running"),
    "done": _("Finished"),
    "failed": _("Failed"),
}


def _title(request, job: Job) -> str:
    job_type = request.registry["norec.job_types"].get(job.name)
    return request.localizer.translate(job_type.title) if job_type else job.name


def status(request, job: Job) -> dict:
    return {
        "id": job.id,
        "status": job.status,
        "status_title": request.localizer.translate(STATUS_TITLES[job.status]),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": request.localizer.translate(jobs.STALLED)
        if job.message == jobs.STALLED
        else job.message,
        "finished": job.status in ("done", "failed"),
    }


@view_config(
    route_name="jobs.detail", renderer="norec_core:templates/jobs/detail.pt", permission=JOB_VIEW
)
def job_detail(request):
    job = request.context
    return {
        "page_title": _title(request, job),
        "job": job,
        "status": status(request, job),
        "can_resume": job.status == "failed" and request.has_permission(OPERATIONS),
    }


@view_config(route_name="jobs.resume", request_method="POST", permission=OPERATIONS)
def job_resume(request):
    job = request.context
    if job.status == "failed":
        jobs.resume(request, job)
        flash(request, _("The job runs again from where it stopped."))
    return HTTPFound(request.route_path("jobs.detail", id=job.id))


@view_config(route_name="jobs.status", renderer="json", permission=JOB_VIEW)
def job_status(request):
    return status(request, request.context)


@view_config(
    route_name="admin.jobs", renderer="norec_core:templates/jobs/list.pt", permission=OPERATIONS
)
def job_list(request):
    wanted = request.GET.get("status", "")
    query = select(Job)
    if wanted in STATUSES:
        query = query.where(Job.status == wanted)
    return {
        "page_title": _("Jobs"),
        "page": paginate(request, query.order_by(Job.id.desc())),
        "filters": [select_filter("status", _("Status"), STATUS_TITLES, wanted)],
        "title": lambda job: _title(request, job),
        "status_titles": STATUS_TITLES,
    }
