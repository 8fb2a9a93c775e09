"""Unsubscribe links in bulk mail: signed, so they need no login, and one click is enough
(RFC 8058), so that leaving a mailing list is as easy as joining it."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPNotFound
from pyramid.request import Request
from webob.cookies import SignedSerializer

from norec_core.domain.models import Person


def _serializer(secret: str) -> SignedSerializer:
    return SignedSerializer(secret, salt="norec.unsubscribe")


def token(secret: str, person_id: int, mailing_list: str | None = None) -> str:
    data = {"person": person_id} | ({"list": mailing_list} if mailing_list else {})
    return _serializer(secret).dumps(data).decode()


def url(request: Request, person: Person, mailing_list: str | None = None) -> str:
    """The link that takes `person` off `mailing_list` (off the newsletter if None)."""
    secret = request.registry.settings["norec.session_secret"]
    return request.route_url("unsubscribe", token=token(secret, person.id, mailing_list))


def read(request: Request) -> tuple[Person, str | None]:
    """The person and the list (None: the newsletter) the link in the URL is for."""
    secret = request.registry.settings["norec.session_secret"]
    try:
        data = _serializer(secret).loads(request.matchdict["token"].encode())
    except ValueError:
        raise HTTPNotFound() from None
    person = request.dbsession.get(Person, data.get("person", 0))
    if person is None:
        raise HTTPNotFound()
    return person, data.get("list")
