"""The outbox for administrators (what is queued, sent, failed; retry the failed) and the
mass-mailing form."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import func, select

from norec_core.forms import process_form
from norec_core.i18n import _
from norec_core.layout import flash
from norec_core.lists import paginate, search_filter, search_words, select_filter
from norec_core.mail import mailing, mailing_lists, unsubscribe
from norec_core.mail.models import OutboxMessage
from norec_core.mail.outbox import deliver_after_commit, retry
from norec_core.resources import parse_id
from norec_core.security import OPERATIONS, VIEW
from norec_core.tasks.jobs import enqueue_job

STATUS_TITLES = {
    "queued": _("Queued"),
    "sending": _("Sending"),
    "sent": _("Sent"),
    "failed": _("Failed"),
    "bounced": _("Address refused"),
}


@view_config(
    route_name="admin.outbox", renderer="norec_core:templates/mail/outbox.pt", permission=OPERATIONS
)
def outbox(request):
    wanted = request.GET.get("status", "")
    q = request.GET.get("q", "").strip()
    query = select(OutboxMessage)
    if wanted in STATUS_TITLES:
        query = query.where(OutboxMessage.status == wanted)
    if q:
        query = search_words(query, q, OutboxMessage.recipient, OutboxMessage.subject)
    counts = dict(
        request.dbsession.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        ).all()
    )
    return {
        "page_title": _("Mail outbox"),
        "page": paginate(request, query.order_by(OutboxMessage.id.desc())),
        "filters": [
            search_filter(_("Recipient or subject"), q),
            select_filter("status", _("Status"), STATUS_TITLES, wanted),
        ],
        "counts": {status: counts.get(status, 0) for status in STATUS_TITLES},
        "status_titles": STATUS_TITLES,
    }


@view_config(route_name="admin.outbox.retry", request_method="POST", permission=OPERATIONS)
def retry_failed(request):
    """Put failed messages (one, or all) back in the queue; the worker takes them at once."""
    query = select(OutboxMessage).where(OutboxMessage.status == "failed")
    if "id" in request.POST:
        query = query.where(OutboxMessage.id == (parse_id(request.POST["id"]) or 0))
    messages = request.dbsession.scalars(query).all()
    for message in messages:
        retry(message)
    if messages:
        deliver_after_commit(request)
    flash(request, _("${count} messages queued again.", mapping={"count": len(messages)}))
    return HTTPFound(request.route_path("admin.outbox", _query={"status": "queued"}))


@view_config(
    route_name="admin.mailing", renderer="norec_core:templates/form.pt", permission=OPERATIONS
)
def new_mailing(request):
    result = process_form(request, mailing.MailingSchema(), submit_title=_("Send"))
    if not result.valid:
        return {"page_title": _("Mass mailing"), "form": result.html}
    job = enqueue_job(request, "mail.mailing", **result.data)
    flash(request, _("The mailing has started."))
    return HTTPFound(request.route_path("jobs.detail", id=job.id))


@view_config(
    route_name="unsubscribe",
    request_method="GET",
    renderer="norec_core:templates/unsubscribe.pt",
    permission=VIEW,
)
def unsubscribe_confirm(request):
    unsubscribe.read(request)
    return {"page_title": _("Unsubscribe"), "done": False}


# The link itself is the proof: mail clients post here without a session (one-click).
@view_config(
    route_name="unsubscribe",
    request_method="POST",
    renderer="norec_core:templates/unsubscribe.pt",
    permission=VIEW,
    require_csrf=False,
)
def unsubscribe_now(request):
    person, mailing_list = unsubscribe.read(request)
    request.dbsession.info["actor"] = (None, "unsubscribe link")
    if mailing_list is None:
        person.consent_newsletter = False
    elif mailing_list in request.registry["norec.mailing_lists"]:
        mailing_lists.leave_list(request, person, mailing_list)
    return {"page_title": _("Unsubscribe"), "done": True}
