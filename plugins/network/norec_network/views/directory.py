"""The directory and resource bank, a member's page, and writing to a member."""

from __future__ import annotations

from dataclasses import dataclass

from pyramid.httpexceptions import HTTPForbidden, HTTPFound, HTTPNotFound
from pyramid.view import view_config

from norec_core import (
    ACCOUNT,
    VIEW,
    Column,
    export_links,
    export_response,
    flash,
    paginate,
    process_form,
    requested_format,
)
from norec_network import directory, mentoring, profile, relay
from norec_network.forms import AskSchema, MessageSchema
from norec_network.i18n import _

T = "norec_network:templates/"
FACET_TITLES = {
    "offers": _("Offers"),
    "country": _("Country"),
    "languages": _("Language"),
    "sectors": _("Sector"),
    "expertise": _("Expertise"),
}


def _chosen(request) -> dict[str, list[str]]:
    return {
        f: [v[:100] for v in request.GET.getall(f)][:5]
        for f in directory.FACETS
        if request.GET.getall(f)
    }


def _facet_label(request, field: str, value: str) -> str:
    if field == "country":
        return request.layout.country(value)
    if field == "languages":
        return request.layout.language(value)
    if field == "offers" and value in profile.OFFERS:
        return request.localizer.translate(profile.OFFERS[value])
    return value


def _shown(member, fields, exchanges):
    return {f: profile.value(member, f, exchanges) for f in fields}


@dataclass
class Card:
    """A member as the directory shows them: what the viewer sees of the profile, their
    initials (there are no photos) and where they are, made of the parts shown only."""

    member: object
    shown: dict
    initials: str
    place: str


def _card(request, member, shown) -> Card:
    names = shown.get("name", "").split()
    initials = "".join(n[0] for n in names[:1] + names[1:][-1:])  # first and last names
    country = shown.get("country")
    parts = (shown.get("city"), request.layout.country(country) if country else "")
    return Card(member, shown, initials.upper(), ", ".join(p for p in parts if p))


def _columns(request, levels):
    def cell(field):
        def read(member):
            if field not in profile.visible_fields(request, member, levels):
                return ""
            found = profile.value(member, field)
            return ", ".join(found) if isinstance(found, list) else found

        return read

    fields = ("name", "email", "country", "city", "employer", "expertise", "languages")
    fields += ("sectors", "offers", "availability")
    return [Column(profile.FIELDS[f], cell(f)) for f in fields]


@view_config(route_name="network.directory", renderer=T + "directory.pt", permission=VIEW)
def directory_page(request):
    text = request.GET.get("q", "")[:200]
    chosen = _chosen(request)
    found = directory.search(request, text, chosen)
    levels = profile.levels_seen_by(request)
    if requested_format(request):
        if request.identity is None:
            raise HTTPForbidden()
        return export_response(request, found.query, _columns(request, levels), "network")
    page = paginate(request, found.query)
    exchanges = directory.exchanges_of(request.dbsession, page.items)
    cards = []
    for member in page.items:
        fields = profile.visible_fields(request, member, levels)
        cards.append(_card(request, member, _shown(member, fields, exchanges[member.id])))
    facets = [
        (
            field,
            FACET_TITLES[field],
            [
                (v, _facet_label(request, field, v), n, v in chosen.get(field, ()))
                for v, n in values
            ],
        )
        for field, values in found.facets.items()
        if values
    ]
    return {
        "page_title": _("Members and resource bank"),
        "q": text,
        "page": page,
        "cards": cards,
        "facets": facets,
        "titles": profile.FIELDS,
        "offers": profile.OFFERS,
        "exports": export_links(request) if request.identity is not None else None,
    }


@view_config(route_name="network.member", renderer=T + "member.pt", permission=VIEW)
def member_page(member, request, ask_form=None):
    fields = profile.visible_fields(request, member)
    if not fields:
        raise HTTPNotFound()
    exchanges = directory.exchanges_of(request.dbsession, [member])[member.id]
    own = profile.member_of(request)
    asks = own is not None and own.id != member.id and "mentor" in member.offers
    asks = asks and "offers" in fields
    free = asks and mentoring.may_mentor(request.dbsession, member)
    if free and ask_form is None:
        ask_form = _ask_form(request, member).html
    return {
        "page_title": member.person.full_name if "name" in fields else _("Member"),
        "member": member,
        "shown": _shown(member, fields, exchanges),
        "titles": profile.FIELDS,
        "offers": profile.OFFERS,
        "own": own is not None and own.id == member.id,
        "may_write": relay.may_write(request, member),
        "ask_form": ask_form if free else None,
        "mentor_full": asks and not free,
    }


@view_config(
    route_name="network.contact", renderer="norec_core:templates/form.pt", permission=ACCOUNT
)
def contact(member, request):
    if not profile.visible_fields(request, member):
        raise HTTPNotFound()
    if not relay.may_write(request, member):
        raise HTTPForbidden(_("This member cannot be written to."))
    schema = MessageSchema()
    intro = _(
        "Your message goes to the member by e-mail. Their address is not shown to you, "
        "and yours is not shown to them unless you tick the box."
    )
    if profile.member_of(request) is None:
        # An adviser writes for Norec: the answer goes to their work address.
        del schema["share"]
        intro = _(
            "Your message goes to the member by e-mail, with your address to answer to. "
            "Theirs is not shown to you."
        )
    result = process_form(request, schema, submit_title=_("Send"), formid="contact")
    values = {
        "page_title": _("Write to ${name}", mapping={"name": member.person.full_name}),
        "intro": intro,
        "form": result.html,
    }
    if not result.valid:
        return values
    if relay.sent_today(request, relay.sender_of(request)) >= relay.PER_DAY:
        request.response.status = 429
        values["intro"] = _(
            "You have sent as many messages as a day allows. Your message is below: "
            "send it again tomorrow."
        )
        values["form"] = result.again()
        return values
    data = result.data
    relay.relay(request, member, data["subject"], data["text"], data.get("share", True))
    flash(request, _("Your message is on its way."))
    return HTTPFound(request.route_path("network.member", id=member.id))


def _ask_form(request, member):
    return process_form(
        request,
        AskSchema(),
        submit_title=_("Ask for mentoring"),
        formid="ask",
        action=request.route_path("network.ask", id=member.id),
    )


@view_config(route_name="network.ask", renderer=T + "member.pt", permission=ACCOUNT)
def ask(member, request):
    own = profile.member_of(request)
    if own is None or "offers" not in profile.visible_fields(request, member):
        raise HTTPForbidden(_("Only members of the network ask for mentoring."))
    result = _ask_form(request, member)
    if not result.valid:
        if request.method != "POST":
            return HTTPFound(request.route_path("network.member", id=member.id))
        return member_page(member, request, ask_form=result.html)
    try:
        mentoring.ask(request, own, member, result.data["message"])
    except mentoring.Refused as refused:
        flash(request, refused.args[0], "error")
        return HTTPFound(request.route_path("network.member", id=member.id))
    flash(request, _("Your request is sent. The mentor has two weeks to answer."))
    return HTTPFound(request.route_path("network.mentoring"))
