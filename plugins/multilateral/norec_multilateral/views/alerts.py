"""A candidate's alerts: saved searches that mail them when a matching post opens."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import ACCOUNT, flash, parse_id, process_form
from norec_multilateral.forms.alerts import AlertSchema
from norec_multilateral.i18n import _
from norec_multilateral.models import Alert
from norec_multilateral.rounds import PROGRAMMES
from norec_multilateral.views.profile import no_person


@view_config(
    route_name="multilateral.alerts",
    renderer="norec_multilateral:templates/alerts.pt",
    permission=ACCOUNT,
)
def alerts(request):
    person = request.identity.person
    if person is None:
        return no_person(request)
    result = process_form(request, AlertSchema(), submit_title=_("Save the alert"), formid="alert")
    if result.valid:
        request.dbsession.add(Alert(person_id=person.id, **result.data))
        flash(request, _("The alert is saved: you get a mail when a matching post opens."))
        return HTTPFound(request.route_path("multilateral.alerts"))
    return {
        "page_title": _("My alerts"),
        "alerts": request.dbsession.scalars(
            select(Alert)
            .where(Alert.person_id == person.id)
            .order_by(Alert.id)
            .options(selectinload(Alert.organisation))
        ).all(),
        "programmes": PROGRAMMES,
        "any_programme": _("Any programme"),
        "form": result.html,
    }


@view_config(route_name="multilateral.alert.remove", permission=ACCOUNT)
def remove(request):
    if request.method != "POST":
        return HTTPFound(request.route_path("multilateral.alerts"))
    alert_id = parse_id(request.matchdict["id"])
    alert = request.dbsession.get(Alert, alert_id) if alert_id else None
    person = request.identity.person
    if alert is None or person is None or alert.person_id != person.id:
        raise HTTPNotFound()
    request.dbsession.delete(alert)
    flash(request, _("The alert is removed."))
    return HTTPFound(request.route_path("multilateral.alerts"))
