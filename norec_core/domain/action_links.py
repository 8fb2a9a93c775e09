"""Action links: single-use, expiring links for people who may have no account, each
doing what a plugin's purpose declares once its holder confirms it."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from pyramid.request import Request
from sqlalchemy import select

from norec_core import clock
from norec_core.audit.recorder import record_audit
from norec_core.domain.models import ActionLink, Person


class UnknownPurpose(LookupError):
    """No installed plugin declares an action purpose by this name."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def action_link(
    request: Request,
    purpose: str,
    person: Person | None = None,
    email: str | None = None,
    data: dict[str, Any] | None = None,
) -> str:
    """A new link for `purpose`, bound to `person` or `email`; absolute, from
    norec.base_url, to put in a mail. Only its hash is stored."""
    declared = request.registry["norec.action_purposes"].get(purpose)
    if declared is None:
        raise UnknownPurpose(purpose)
    if person is None and not email:
        raise ValueError("an action link is for a person or an e-mail address")
    token = secrets.token_urlsafe(32)
    request.dbsession.add(
        ActionLink(
            purpose=purpose,
            token_hash=_hash(token),
            person=person,
            email=email,
            data=data or {},
            expires_at=clock.now() + declared.lifetime,
        )
    )
    request.dbsession.flush()
    return request.route_url("action_link", token=token)


def find(request: Request, token: str) -> ActionLink | None:
    """The unused, unexpired link of `token` whose purpose is still installed, or None."""
    link = request.dbsession.scalar(select(ActionLink).where(ActionLink.token_hash == _hash(token)))
    if link is None or link.used_at is not None or link.expires_at < clock.now():
        return None
    if link.purpose not in request.registry["norec.action_purposes"]:
        return None
    return link


def use(request: Request, link: ActionLink) -> Any:
    """Mark `link` used (unless its purpose finishes later), record it, and do what its
    purpose does."""
    purpose = request.registry["norec.action_purposes"][link.purpose]
    if not purpose.finished_later:
        link.used_at = clock.now()
    who = link.person if link.person is not None else link
    record_audit(request.dbsession, "action_link", who, {"purpose": [None, link.purpose]})
    return purpose.run(request, link)


def spend_action_link(request: Request, link_id: int | None) -> None:
    """Spend the link of a purpose `finished_later`, now that it is finished."""
    link = request.dbsession.get(ActionLink, link_id or 0)
    if link is not None and link.used_at is None:
        link.used_at = clock.now()
