"""The network of Norwegians in international organisations: the public form to register
one's interest, the network's page (meetings for everyone; the members' directory for
members and advisers), the advisers' decisions on registrations, and their messages."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from norec_core import (
    VIEW,
    Column,
    export_links,
    export_response,
    flash,
    paginate,
    past_activities,
    process_form,
    requested_format,
    search_filter,
    search_words,
    select_filter,
    upcoming_activities,
)
from norec_multilateral import members
from norec_multilateral.forms.members import DecisionSchema, InterestSchema, MessageSchema
from norec_multilateral.i18n import _
from norec_multilateral.models import NetworkMember
from norec_multilateral.permissions import MANAGE

T = "norec_multilateral:templates/"


@view_config(route_name="multilateral.join", renderer=T + "join.pt", permission=VIEW)
def join(request):
    result = process_form(
        request, InterestSchema(), submit_title=_("Register my interest"), formid="interest"
    )
    if result.valid:
        data = {k: v for k, v in result.data.items() if k != "consent"}
        members.register_interest(request, data)
        flash(request, _("Thank you. We have sent you a receipt, and write again soon."))
        return HTTPFound(request.route_path("multilateral.network"))
    return {"page_title": _("Register your interest"), "form": result.html}


def _columns(request, manage):
    translate = request.localizer.translate
    columns = [
        Column(_("Given name"), lambda m: m.given_name),
        Column(_("Family name"), lambda m: m.family_name),
        Column(
            _("Organisation"),
            lambda m: m.organisation.name if m.organisation else m.organisation_name,
        ),
        Column(_("Position"), lambda m: m.position),
        Column(_("Grade"), lambda m: m.grade),
        Column(_("Duty station"), lambda m: m.duty_station),
        Column(_("Country"), lambda m: m.country),
        Column(_("Type of contract"), lambda m: translate(members.CONTRACTS[m.contract])),
    ]
    if manage:
        columns.append(Column(_("E-mail"), lambda m: m.email))
    return columns


@view_config(route_name="multilateral.network", renderer=T + "network.pt", permission=VIEW)
def network(request):
    manage = bool(request.has_permission(MANAGE, request.root))
    mine = members.member_of(request)
    values = {
        "page_title": _("Norwegians in international organisations"),
        "manage": manage,
        "member": mine,
        "upcoming": upcoming_activities(request.dbsession, [members.MEETING]),
        "past": past_activities(request.dbsession, [members.MEETING], limit=5),
        "directory": manage or mine is not None,
    }
    if not values["directory"]:
        return values
    query = members.visible_members(request)
    country = request.GET.get("country", "")
    contract = request.GET.get("contract", "")
    words = request.GET.get("q", "").strip()
    countries = dict(
        request.dbsession.execute(
            select(NetworkMember.country, func.count())
            .where(NetworkMember.id.in_(query.with_only_columns(NetworkMember.id)))
            .where(NetworkMember.country.is_not(None))
            .group_by(NetworkMember.country)
        ).all()
    )
    if country in countries:
        query = query.where(NetworkMember.country == country)
    if contract in members.CONTRACTS:
        query = query.where(NetworkMember.contract == contract)
    if words:
        query = search_words(
            query,
            words,
            NetworkMember.given_name,
            NetworkMember.family_name,
            NetworkMember.position,
            NetworkMember.duty_station,
            NetworkMember.organisation_name,
        )
    if requested_format(request):
        return export_response(request, query, _columns(request, manage), "network")
    names = {c: f"{request.layout.country(c)} ({n})" for c, n in countries.items()}
    values |= {
        "filters": [
            search_filter(_("Name, position or duty station"), words),
            select_filter(
                "country", _("Country"), dict(sorted(names.items(), key=lambda i: i[1])), country
            ),
            select_filter("contract", _("Type of contract"), members.CONTRACTS, contract),
        ],
        "page": paginate(request, query),
        "contracts": members.CONTRACTS,
        "exports": export_links(request),
    }
    if manage:
        values["pending"] = request.dbsession.scalars(
            select(NetworkMember)
            .where(NetworkMember.status == "pending")
            .options(selectinload(NetworkMember.organisation))
            .order_by(NetworkMember.created_at)
        ).all()
    return values


@view_config(
    route_name="multilateral.registration", renderer=T + "registration.pt", permission=MANAGE
)
def registration(member, request):
    here = request.route_path("multilateral.registration", id=member.id)
    result = process_form(request, DecisionSchema(), submit_title=_("Decline"), formid="decline")
    if member.status == "pending" and "accept" in request.POST:
        members.accept(request, member)
        flash(request, _("${name} is in the network.", mapping={"name": member.given_name}))
        return HTTPFound(request.route_path("multilateral.network"))
    if member.status == "pending" and result.valid:
        members.decline(request, member, result.data["reason"])
        flash(request, _("The registration is declined, and they are told why."))
        return HTTPFound(here)
    return {
        "page_title": f"{member.given_name} {member.family_name}",
        "member": member,
        "contracts": members.CONTRACTS,
        "decline_form": result.html,
    }


@view_config(
    route_name="multilateral.network.message",
    renderer="norec_core:templates/form.pt",
    permission=MANAGE,
)
def message(request):
    result = process_form(request, MessageSchema(), submit_title=_("Send"), formid="message")
    if result.valid:
        data = result.data
        sent = members.message(request, data["subject"], data["body"], data["country"])
        flash(request, _("The message goes to ${count} members.", mapping={"count": sent}))
        return HTTPFound(request.route_path("multilateral.network"))
    return {"page_title": _("Message to the network"), "form": result.html}
