"""Invitation waves: choose countries and a cap, see who would be invited, send; then
follow each wave's invitations."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from norec_core import (
    Column,
    export_links,
    export_response,
    flash,
    now,
    paginate,
    process_form,
    requested_format,
)
from norec_network import waves
from norec_network.forms import WaveSchema
from norec_network.i18n import _
from norec_network.models import Alumnus, Invitation, Wave
from norec_network.permissions import MANAGE

T = "norec_network:templates/"
PREVIEWED = 100  # names shown in a preview; the count is of them all
STATUS_TITLES = {
    "queued": _("queued"),
    "sent": _("sent"),
    "bounced": _("address refused"),
    "opened": _("opened"),
    "accepted": _("accepted"),
    "expired": _("expired"),
}
BUTTONS = (("preview", _("Preview who would be invited")), ("send", _("Send the invitations")))


@view_config(route_name="network.waves", renderer=T + "waves.pt", permission=MANAGE)
def wave_list(request):
    # Bounces are recorded hourly and when a wave's own page opens, not for every wave
    # on every visit to this list.
    result = process_form(request, WaveSchema(), formid="wave", buttons=BUTTONS)
    preview, count = None, None
    if result.valid:
        countries, cap = sorted(result.data["countries"]), result.data["cap"]
        if result.button == "send":
            wave = waves.create(request, countries, cap)
            flash(
                request,
                _(
                    "${n} invitations are being sent.",
                    mapping={"n": len(wave.invitations)},
                ),
            )
            return HTTPFound(request.route_path("network.wave", id=wave.id))
        everyone = waves.candidates(countries).order_by(None).subquery()
        count = min(cap, request.dbsession.scalar(select(func.count()).select_from(everyone)))
        preview = request.dbsession.scalars(
            waves.candidates(countries)
            # What tells people of one name apart: birth year, exchanges, organisations.
            .options(selectinload(Alumnus.person), selectinload(Alumnus.exchanges))
            .limit(min(cap, PREVIEWED))
        ).all()
    found = request.dbsession.scalars(select(Wave).order_by(Wave.created_at.desc())).all()
    return {
        "page_title": _("Invitation waves"),
        "form": result.again() if result.valid else result.html,
        "preview": preview,
        "count": count,
        "waves": [(w, waves.statistics(request.dbsession, w)) for w in found],
        "statuses": STATUS_TITLES,
    }


def _columns(request):
    moment = now()
    translate = request.localizer.translate
    return [
        Column(_("Given name"), lambda i: i.alumnus.person.given_name),
        Column(_("Family name"), lambda i: i.alumnus.person.family_name),
        Column(_("E-mail"), lambda i: i.email),
        Column(_("Country"), lambda i: i.alumnus.person.country),
        Column(_("Status"), lambda i: translate(STATUS_TITLES[i.status(moment)])),
        Column(_("Sent"), lambda i: i.sent_at),
        Column(_("Opened"), lambda i: i.opened_at),
        Column(_("Accepted"), lambda i: i.accepted_at),
        Column(_("Reminded"), lambda i: i.reminded_at),
        Column(_("Address refused"), lambda i: i.bounced_at),
    ]


@view_config(route_name="network.wave", renderer=T + "wave.pt", permission=MANAGE)
def wave_page(wave, request):
    waves.record_bounces(request, wave)
    query = (
        select(Invitation)
        .where(Invitation.wave_id == wave.id)
        .options(selectinload(Invitation.alumnus).selectinload(Alumnus.person))
        .order_by(Invitation.id)
    )
    if requested_format(request):
        return export_response(request, query, _columns(request), f"wave-{wave.id}")
    return {
        "page_title": _(
            "Invitation wave of ${date}", mapping={"date": request.layout.date(wave.created_at)}
        ),
        "wave": wave,
        "counts": waves.statistics(request.dbsession, wave),
        "page": paginate(request, query),
        "statuses": STATUS_TITLES,
        "now": now(),
        "exports": export_links(request),
    }
