"""A member's mentoring page: requests and relations on both sides, with their buttons."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPForbidden, HTTPFound, HTTPNotFound
from pyramid.view import view_config

from norec_core import ACCOUNT, flash
from norec_network import mentoring, profile
from norec_network.i18n import _

# button -> (who may press it: "mentor", "mentee" or "either", the states it applies to)
BUTTONS = {
    "accept": ("mentor", ("requested",), _("Accept")),
    "decline": ("mentor", ("requested",), _("Decline")),
    "withdraw": ("mentee", ("requested",), _("Withdraw the request")),
    "end": ("either", ("accepted",), _("End the mentoring")),
}


def _buttons(relation, member) -> list[tuple[str, str]]:
    if relation.mentor_id == member.id:
        side = "mentor"
    elif relation.mentee_id == member.id:
        side = "mentee"
    else:
        return []  # a third member's: no step of it is theirs
    return [
        (name, title)
        for name, (who, states, title) in BUTTONS.items()
        if relation.status in states and who in (side, "either")
    ]


def _member(request):
    member = profile.member_of(request)
    if member is None:
        raise HTTPNotFound(
            _("You are not a member of ${agency} Network: membership is by invitation.")
        )
    return member


@view_config(
    route_name="network.mentoring",
    renderer="norec_network:templates/mentoring.pt",
    permission=ACCOUNT,
)
def mentoring_page(request):
    member = _member(request)
    relations = mentoring.relations(request.dbsession, member)
    return {
        "page_title": _("Mentoring"),
        "member": member,
        "relations": [(r, _buttons(r, member)) for r in relations],
        "statuses": mentoring.STATUS_TITLES,
        "taken": mentoring.taken(request.dbsession, member),
    }


@view_config(route_name="network.mentoring.step", permission=ACCOUNT)
def step(relation, request):
    # The CSRF token is checked for every POST by the core, before any view.
    member = _member(request)
    if member.id not in (relation.mentor_id, relation.mentee_id):
        raise HTTPNotFound()  # as if there were no such relation: it is two others'
    pressed = next((b for b in BUTTONS if b in request.POST), None)
    if pressed not in dict(_buttons(relation, member)):
        raise HTTPForbidden(_("This step is not yours to take now."))
    try:
        if pressed in ("accept", "decline"):
            mentoring.answer(request, relation, pressed == "accept")
        else:
            mentoring.close(request, relation, member)
    except mentoring.Refused as refused:
        flash(request, refused.args[0], "error")
    else:
        flash(request, _("Done."))
    return HTTPFound(request.route_path("network.mentoring"))
