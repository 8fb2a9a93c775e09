"""Unsubscribe links in bulk mail: signed, so they need no login, and one click is enough
(RFC 8058), so that leaving a mailing list is as easy as joining it."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPNotFound
from pyramid.request import Request
from pyramid.view import view_config
from webob.cookies import SignedSerializer

from norec_core.domain.models import Person
from norec_core.i18n import _
from norec_core.security import VIEW


def _serializer(secret: str) -> SignedSerializer:
    return SignedSerializer(secret, salt="norec.unsubscribe")


def token(secret: str, person_id: int) -> str:
    return _serializer(secret).dumps({"person": person_id}).decode()


def url(request: Request, person: Person) -> str:
    secret = request.registry.settings["norec.session_secret"]
    return request.route_url("unsubscribe", token=token(secret, person.id))


def _person(request: Request) -> Person:
    secret = request.registry.settings["norec.session_secret"]
    try:
        data = _serializer(secret).loads(request.matchdict["token"].encode())
    except ValueError:
        raise HTTPNotFound() from None
    person = request.dbsession.get(Person, data.get("person", 0))
    if person is None:
        raise HTTPNotFound()
    return person


@view_config(
    route_name="unsubscribe",
    request_method="GET",
    renderer="norec_core:templates/unsubscribe.pt",
    permission=VIEW,
)
def confirm(request):
    _person(request)
    return {"page_title": _("Unsubscribe"), "done": False}


# The link itself is the proof: mail clients post here without a session (one-click).
@view_config(
    route_name="unsubscribe",
    request_method="POST",
    renderer="norec_core:templates/unsubscribe.pt",
    permission=VIEW,
    require_csrf=False,
)
def unsubscribe(request):
    person = _person(request)
    request.dbsession.info["actor"] = (None, "unsubscribe link")
    person.consent_newsletter = False
    return {"page_title": _("Unsubscribe"), "done": True}
