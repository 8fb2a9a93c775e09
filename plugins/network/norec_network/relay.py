"""Members and advisers write to a member through the platform: the message goes by mail
to the member's address, which the sender never sees. A member's own address goes with
it only if they choose so, otherwise the answer comes through the platform too; an
adviser writes for Norec, and the answer goes to their work address.
"""

from __future__ import annotations

import datetime

from pyramid.request import Request
from sqlalchemy import func, select

from norec_core import User, now, recipient_language, send_mail
from norec_network import profile
from norec_network.i18n import _
from norec_network.models import Member, RelayedMessage

PER_DAY = 20  # messages a sender may relay in 24 hours: enough to work, too few to spam


def sender_of(request: Request) -> User | None:
    """The account that writes: a member's, or an adviser's."""
    user = request.identity
    if user is None:
        return None
    if profile.member_of(request) is None and not profile.is_adviser(request):
        return None
    return user


def may_write(request: Request, member: Member) -> bool:
    """A member is written to if they agreed to be contacted, or, by an adviser, if they
    offer something to the resource bank; never by themselves, never without an address."""
    sender = sender_of(request)
    person = member.person
    if sender is None or sender.person_id == person.id or not person.email:
        return False
    if not profile.visible_fields(request, member):
        return False
    return person.consent_contact or (profile.is_adviser(request) and bool(member.offers))


def sent_today(request: Request, sender: User) -> int:
    return request.dbsession.scalar(
        select(func.count())
        .select_from(RelayedMessage)
        .where(
            RelayedMessage.sender_user_id == sender.id,
            RelayedMessage.sent_at > now() - datetime.timedelta(days=1),
        )
    )


def relay(request: Request, member: Member, subject: str, text: str, share: bool) -> None:
    sender = sender_of(request)
    own = profile.member_of(request)
    name = sender.person.full_name if sender.person else sender.display_name or sender.email
    if own is None:  # an adviser, for Norec: answers go to the work address
        share = True
    address = (sender.person.email if own is not None and sender.person else None) or sender.email
    if share:
        reply = _("Answer by replying to this e-mail.")
    else:
        reply = _(
            "${name} did not share an e-mail address. Answer through the platform:\n${url}",
            mapping={"name": name, "url": request.route_url("network.member", id=own.id)},
        )
    body = _(
        "${sender} wrote to you through ${agency} Network:\n\n${text}\n\n-- \n${reply}\n"
        "Your address was not shown to them.",
        mapping={"sender": name, "text": text, "reply": reply},
    )
    send_mail(
        request,
        member.person.email,
        _("${agency} Network: ${subject}", mapping={"subject": subject}),
        body,
        locale=recipient_language(request, person=member.person),
        reply_to=address if share else None,
    )
    request.dbsession.add(
        RelayedMessage(
            sender_user_id=sender.id, sender_id=sender.person_id, recipient_id=member.person_id
        )
    )
