"""The public form "I was on a Norec exchange but have no invitation", and the advisers'
list of such requests, each matched to the register and answered."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import select

from norec_core import (
    VIEW,
    Column,
    export_links,
    export_response,
    flash,
    paginate,
    process_form,
    requested_format,
    select_filter,
)
from norec_network import requests
from norec_network.forms import AnswerSchema, RequestSchema
from norec_network.i18n import _
from norec_network.models import JoinRequest
from norec_network.permissions import MANAGE

T = "norec_network:templates/"


@view_config(route_name="network.request", renderer="norec_core:templates/form.pt", permission=VIEW)
def request_form(request):
    result = process_form(request, RequestSchema(), submit_title=_("Send"), formid="join-request")
    if not result.valid:
        return {
            "page_title": _("I was on a ${agency} exchange"),
            "intro": _(
                "${agency} invites its former participants to the network country by country. "
                "If you have had no invitation, or the address we have for you is wrong, "
                "tell us who you are: an adviser will look for you in the archive and "
                "answer you at the address you give."
            ),
            "form": result.html,
        }
    requests.receive(request, result.data)
    flash(request, _("Thank you. We have sent you a receipt, and an adviser will answer you."))
    return HTTPFound(request.route_path("network.overview"))


def _columns():
    return [
        Column(_("Received"), lambda r: r.created_at),
        Column(_("Given name"), lambda r: r.given_name),
        Column(_("Family name"), lambda r: r.family_name),
        Column(_("E-mail"), lambda r: r.email),
        Column(_("Country"), lambda r: r.country),
        Column(_("Year of the exchange"), lambda r: r.exchange_year),
        Column(_("Sending organisation"), lambda r: r.sending),
        Column(_("Receiving organisation"), lambda r: r.receiving),
        Column(_("Status"), lambda r: r.status),
        Column(_("Answered"), lambda r: r.answered_at),
    ]


@view_config(route_name="network.requests", renderer=T + "requests.pt", permission=MANAGE)
def request_list(request):
    status = request.GET.get("status", "open")
    status = status if status in requests.STATUS_TITLES or status == "" else "open"
    query = select(JoinRequest).order_by(JoinRequest.created_at.desc(), JoinRequest.id.desc())
    if status:
        query = query.where(JoinRequest.status == status)
    if requested_format(request):
        return export_response(request, query, _columns(), "network-requests")
    return {
        "page_title": _("Requests to join"),
        "filters": [select_filter("status", _("Status"), requests.STATUS_TITLES, status)],
        "page": paginate(request, query),
        "statuses": requests.STATUS_TITLES,
        "exports": export_links(request),
    }


BUTTONS = (("invite", _("Send an invitation to the address given")), ("decline", _("Answer")))


@view_config(route_name="network.request.answer", renderer=T + "request.pt", permission=MANAGE)
def answer(found, request):
    session = request.dbsession
    matches = requests.suggestions(session, found)
    choices = [
        (
            str(a.id),
            f"{a.person.full_name} ({a.person.email or '–'}; "
            + ", ".join(str(e.year) for e in a.exchanges)
            + ")",
        )
        for a in matches
    ]
    choices.append((requests.NEW, request.localizer.translate(_("Not in the register: add them"))))
    schema = AnswerSchema().bind(request=request, choices=choices)
    result = process_form(request, schema, formid="answer", buttons=BUTTONS)
    values = {
        "page_title": _("Request to join"),
        "found": found,
        "statuses": requests.STATUS_TITLES,
    }
    if found.status == "open" and result.valid:
        try:
            if result.button == "invite":
                if not result.data["alumnus"]:
                    raise requests.Refused(_("Choose who in the register it is."))
                requests.invite(request, found, result.data["alumnus"])
                flash(request, _("The invitation is sent."))
            else:
                if not result.data["answer"].strip():
                    raise requests.Refused(_("Write the answer to send."))
                requests.decline(request, found, result.data["answer"].strip())
                flash(request, _("Your answer is sent."))
            return HTTPFound(request.route_path("network.requests"))
        except requests.Refused as refused:
            request.response.status = 422
            values["error"] = refused.args[0]
            return values | {"form": result.again()}
    return values | {"form": result.html if found.status == "open" else None}
