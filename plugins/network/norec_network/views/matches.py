"""The possible matches of the register's import, for an adviser to decide one by one:
the file's row beside each person it may be."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import flash, paginate, process_form
from norec_network import matches
from norec_network.forms import SOMEONE_ELSE, match_schema
from norec_network.i18n import _
from norec_network.models import Alumnus, PossibleMatch
from norec_network.permissions import MANAGE

T = "norec_network:templates/"


@view_config(route_name="network.matches", renderer=T + "matches.pt", permission=MANAGE)
def waiting(request):
    decided = request.GET.get("decided") == "1"
    query = (
        select(PossibleMatch)
        .options(selectinload(PossibleMatch.run), selectinload(PossibleMatch.person))
        .where(PossibleMatch.decision.is_not(None) if decided else PossibleMatch.decision.is_(None))
        .order_by(
            PossibleMatch.decided_at.desc() if decided else PossibleMatch.found_at,
            PossibleMatch.id,
        )
    )
    return {
        "page_title": _("Possible matches to decide") if not decided else _("Decided matches"),
        "decided": decided,
        "page": paginate(request, query),
        "waiting": matches.waiting_count(request.dbsession),
    }


@view_config(route_name="network.match", renderer=T + "match.pt", permission=MANAGE)
def decide(request):
    match = request.context
    session = request.dbsession
    people = matches.candidates(session, match)
    alumni = {
        a.person_id: a
        for a in session.scalars(
            select(Alumnus)
            .where(Alumnus.person_id.in_([p.id for p in people]))
            .options(selectinload(Alumnus.exchanges))
        )
    }
    values = {
        "page_title": _("A possible match"),
        "match": match,
        "people": people,
        "alumni": alumni,
        "form": "",
    }
    if match.decision is not None:
        return values
    schema = match_schema(match, people)
    result = process_form(request, schema, formid="match", submit_title=_("Decide"))
    if not result.valid:
        return {**values, "form": result.html}
    choice = result.data["decision"]
    try:
        if choice == SOMEONE_ELSE:
            person = matches.someone_else(session, match, request.identity)
            flash(request, _("Added as a new person."))
        else:
            person = next(p for p in people if str(p.id) == choice)
            matches.same_person(
                session, match, person, result.data.get("take_address", False), request.identity
            )
            flash(request, _("The row's exchanges were added to this person."))
    except matches.MatchError as refused:
        request.response.status = 409
        flash(request, refused.args[0], "error")
        return {**values, "form": result.again()}
    following = session.scalars(
        select(PossibleMatch.id)
        .where(PossibleMatch.decision.is_(None))
        .order_by(PossibleMatch.found_at, PossibleMatch.id)
        .limit(1)
    ).first()
    if following is not None:
        return HTTPFound(request.route_path("network.match", id=following))
    return HTTPFound(request.route_path("network.matches"))
