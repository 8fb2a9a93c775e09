"""Members and advisers write to a member through the platform: the message goes by mail
to the member's address, which the sender never sees; the sender's own address goes
with it only if they choose so, otherwise the member answers through the platform too.
"""

from __future__ import annotations

import datetime

from pyramid.request import Request
from sqlalchemy import func, select

from norec_core import Person, now, send_mail
from norec_network import profile
from norec_network.i18n import _
from norec_network.models import Member, RelayedMessage

PER_DAY = 20  # messages a sender may relay in 24 hours: enough to work, too few to spam


def sender_of(request: Request) -> Person | None:
    """The person the logged-in user writes as: a member, or an adviser with a record."""
    user = request.identity
    if user is None or user.person is None:
        return None
    if profile.member_of(request) is None and not profile.is_adviser(request):
        return None
    return user.person


def may_write(request: Request, member: Member) -> bool:
    """A member is written to if they agreed to be contacted, or, by an adviser, if they
    offer something to the resource bank; never by themselves, never without an address."""
    sender = sender_of(request)
    person = member.person
    if sender is None or sender.id == person.id or not person.email:
        return False
    if not profile.visible_fields(request, member):
        return False
    return person.consent_contact or (profile.is_adviser(request) and bool(member.offers))


def sent_today(request: Request, sender: Person) -> int:
    return request.dbsession.scalar(
        select(func.count())
        .select_from(RelayedMessage)
        .where(
            RelayedMessage.sender_id == sender.id,
            RelayedMessage.sent_at > now() - datetime.timedelta(days=1),
        )
    )


def relay(request: Request, member: Member, subject: str, text: str, share: bool) -> None:
    sender = sender_of(request)
    own = profile.member_of(request)
    reply = (
        _("Answer by replying to this e-mail.")
        if share
        else _(
            "${name} did not share an e-mail address. Answer through the platform:\n${url}",
            mapping={
                "name": sender.full_name,
                "url": request.route_url("network.member", id=own.id)
                if own is not None
                else request.route_url("network.overview"),
            },
        )
    )
    body = _(
        "${sender} wrote to you through Norec Network:\n\n${text}\n\n-- \n${reply}\n"
        "Your address was not shown to them.",
        mapping={
            "sender": sender.full_name,
            "text": text,
            "reply": reply,
        },
    )
    send_mail(
        request,
        member.person.email,
        _("Norec Network: ${subject}", mapping={"subject": subject}),
        body,
        locale=member.person.correspondence_language,
        reply_to=sender.email if share and sender.email else None,
    )
    request.dbsession.add(RelayedMessage(sender_id=sender.id, recipient_id=member.person_id))
