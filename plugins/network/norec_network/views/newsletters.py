"""The newsletter: advisers compose an issue for a segment, preview it and send it;
members join the list (double opt-in) from here or from their person page."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPForbidden, HTTPFound
from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import (
    ACCOUNT,
    VIEW,
    Column,
    export_links,
    export_response,
    flash,
    join_list,
    now,
    process_form,
    requested_format,
)
from norec_network import newsletter, profile
from norec_network.forms import IssueSchema
from norec_network.i18n import _
from norec_network.models import Newsletter, NewsletterDelivery
from norec_network.permissions import MANAGE

T = "norec_network:templates/"
STATUS_TITLES = {"draft": _("draft"), "sending": _("being sent"), "sent": _("sent")}


def _defaults(request) -> dict:
    month = now().date().replace(day=1)
    return {
        "month": month,
        "subject": request.layout.translate(
            _("${agency} Network – ${month}", mapping={"month": request.layout.month(month)})
        ),
    }


@view_config(route_name="network.newsletters", renderer=T + "newsletters.pt", permission=MANAGE)
def issue_list(request):
    result = process_form(
        request,
        IssueSchema(),
        appstruct=_defaults(request),
        submit_title=_("Compose"),
        formid="issue",
    )
    if result.valid:
        data = result.data
        user = request.identity
        issue = Newsletter(
            month=data["month"].replace(day=1),
            subject=data["subject"],
            intro=data["intro"],
            countries=sorted(data["countries"]),
            languages=sorted(data["languages"]),
            sectors=data["sectors"],
            created_by_id=user.id if user else None,
        )
        request.dbsession.add(issue)
        request.dbsession.flush()
        return HTTPFound(request.route_path("network.newsletter.issue", id=issue.id))
    issues = request.dbsession.scalars(
        select(Newsletter).order_by(Newsletter.month.desc(), Newsletter.id.desc())
    ).all()
    return {
        "page_title": _("Newsletter"),
        "form": result.html,
        "issues": issues,
        "statuses": STATUS_TITLES,
    }


@view_config(route_name="network.newsletter.issue", renderer=T + "newsletter.pt", permission=MANAGE)
def issue_page(issue, request):
    if requested_format(request):
        query = (
            select(NewsletterDelivery)
            .where(NewsletterDelivery.newsletter_id == issue.id)
            .options(selectinload(NewsletterDelivery.person))
            .order_by(NewsletterDelivery.id)
        )
        columns = [
            Column(_("Name"), lambda d: d.person.full_name),
            Column(_("E-mail"), lambda d: d.person.email),
            Column(_("Country"), lambda d: d.person.country),
            Column(_("Sent"), lambda d: d.sent_at),
        ]
        return export_response(request, query, columns, f"newsletter-{issue.id}")
    if request.method == "POST" and issue.status == "draft" and "send" in request.POST:
        newsletter.send(request, issue)
        flash(request, _("The newsletter is being sent."))
        return HTTPFound(request.route_path("network.newsletter.issue", id=issue.id))
    language = request.locale_name
    return {
        "page_title": issue.subject,
        "issue": issue,
        "preview": request.layout.translate(newsletter.compose(request, issue, language)),
        "waiting": newsletter.count(request, issue),
        "sent": newsletter.sent_count(request.dbsession, issue),
        "statuses": STATUS_TITLES,
        "exports": export_links(request),
    }


@view_config(route_name="network.newsletter", renderer=T + "subscribe.pt", permission=VIEW)
def subscribe_page(request):
    member = profile.member_of(request)
    return {"page_title": _("${agency} Network's newsletter"), "member": member}


@view_config(route_name="network.newsletter.join", permission=ACCOUNT)
def join(request):
    if request.method != "POST":
        return HTTPFound(request.route_path("network.newsletter"))
    member = profile.member_of(request)
    if member is None or not member.person.email:
        raise HTTPForbidden(_("The newsletter is for members of the network."))
    join_list(request, member.person, newsletter.LIST)
    flash(
        request,
        _(
            "A link to confirm is sent to ${email}: the newsletter comes once you open it.",
            mapping={"email": member.person.email},
        ),
    )
    return HTTPFound(request.route_path("network.newsletter"))
