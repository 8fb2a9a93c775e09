"""The network of Norwegians in international organisations: the public form to register
one's interest, the network's page (meetings for everyone; the members' directory for
members and advisers), the advisers' decisions on registrations, and their messages."""

from __future__ import annotations

import colander
import deform
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from norec_core import (
    VIEW,
    Column,
    CSRFSchema,
    country_node,
    email_validator,
    export_links,
    export_response,
    flash,
    line_node,
    name_validator,
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
from norec_multilateral.i18n import _
from norec_multilateral.models import NetworkMember
from norec_multilateral.permissions import MANAGE
from norec_multilateral.views.posts import international_organisation, organisation_widget

T = "norec_multilateral:templates/"


def _must_agree(node, value):
    if not value:
        raise colander.Invalid(node, _("Registering needs this consent."))


class InterestSchema(CSRFSchema):
    given_name = colander.SchemaNode(
        colander.String(), title=_("Given name"), validator=name_validator
    )
    family_name = colander.SchemaNode(
        colander.String(), title=_("Family name"), validator=name_validator
    )
    email = colander.SchemaNode(colander.String(), title=_("E-mail"), validator=email_validator)
    organisation_id = colander.SchemaNode(
        colander.Integer(),
        title=_("Organisation"),
        missing=None,
        widget=organisation_widget,
        validator=international_organisation,
    )
    organisation_name = line_node(
        _("Organisation, if not in the list"),
        300,
        missing="",
    )
    position = line_node(_("Position"), 300)
    grade = line_node(_("Grade"), 20, missing="", description=_("For example P-3 or NO-B."))
    duty_station = line_node(_("Duty station"), 200)
    country = country_node(missing=None)
    contract = colander.SchemaNode(
        colander.String(),
        title=_("Type of contract"),
        widget=deform.widget.SelectWidget(values=list(members.CONTRACTS.items())),
        validator=colander.OneOf(sorted(members.CONTRACTS)),
    )
    listed = colander.SchemaNode(
        colander.Boolean(),
        title=_("Other members may see my name, organisation, position and duty station"),
        missing=False,
        widget=deform.widget.CheckboxWidget(),
    )
    consent = colander.SchemaNode(
        colander.Boolean(),
        title=_(
            "Norec may keep this registration and send me the network's news and "
            "invitations to its meetings by e-mail"
        ),
        missing=False,
        validator=_must_agree,
        widget=deform.widget.CheckboxWidget(),
    )

    def validator(self, form, value):
        if value["organisation_id"] is None and not value["organisation_name"]:
            error = colander.Invalid(form)
            error["organisation_id"] = _("Choose your organisation, or write its name below.")
            raise error


class DecisionSchema(CSRFSchema):
    reason = colander.SchemaNode(
        colander.String(),
        title=_("Why not (mailed to them)"),
        validator=colander.Length(min=1, max=2000),
        widget=deform.widget.TextAreaWidget(rows=3),
    )


class MessageSchema(CSRFSchema):
    subject = line_node(_("Subject"), 200)
    body = colander.SchemaNode(
        colander.String(),
        title=_("Message"),
        validator=colander.Length(min=1, max=20000),
        widget=deform.widget.TextAreaWidget(rows=10),
    )
    country = country_node(
        missing=None, title=_("Only members in"), description=_("Empty: the whole network.")
    )


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
