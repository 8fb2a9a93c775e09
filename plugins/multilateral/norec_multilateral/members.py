"""The network of Norwegians in international organisations: registering one's interest
on a public form, an adviser accepting (which links the registration to a person), who
sees whom in the members' directory, and messages to the network through the outbox."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from norec_core import (
    MailingList,
    Person,
    join_list,
    list_members,
    now,
    recipient_language,
    send_mail,
)
from norec_multilateral.i18n import _
from norec_multilateral.models import NetworkMember
from norec_multilateral.permissions import MANAGE

CONTRACTS = {
    "staff": _("Staff, fixed-term or permanent"),
    "jpo": _("Junior Professional Officer (JPO)"),
    "unv": _("UN Volunteer (UNV)"),
    "secondment": _("Secondment"),
    "consultant": _("Consultant"),
    "other": _("Other"),
}
MEETING = "io_network_meeting"  # the activity kind of network meetings
# The network's mail: joined when the registration (which asked for this consent) is
# accepted, left with the one-click link in every message.
MAILING_LIST = MailingList(
    "multilateral.network",
    _("News and meetings of the network of Norwegians in international organisations"),
    _("I want news and invitations to meetings from the network by e-mail."),
    "2026-11",
    double_opt_in=False,
)


def register_interest(request, data: dict) -> NetworkMember:
    """Keep a registration from the public form (a second one from the same address
    replaces a pending first) and send its receipt, once: the form is public, and must
    not become a way to send mail to an address again and again."""
    session = request.dbsession
    email = data["email"].strip()
    member = session.scalar(
        select(NetworkMember).where(
            func.lower(NetworkMember.email) == email.lower(),
            NetworkMember.status == "pending",
        )
    )
    new = member is None
    if new:
        member = NetworkMember(status="pending")
        session.add(member)
    for key, value in data.items():
        setattr(member, key, value)
    member.email = email
    session.flush()
    if not new:
        return member
    send_mail(
        request,
        email,
        _("Your registration in the network of Norwegians in international organisations"),
        _(
            "Thank you, ${name}. ${agency}'s advisers will look at your registration and "
            "write to you when you are in the network.",
            mapping={"name": member.given_name},
        ),
    )
    return member


def member_of(request) -> NetworkMember | None:
    """The logged-in user's accepted membership, if they have one."""
    person = request.identity.person if request.identity is not None else None
    if person is None:
        return None
    return request.dbsession.scalar(
        select(NetworkMember).where(
            NetworkMember.person_id == person.id, NetworkMember.status == "member"
        )
    )


def accept(request, member: NetworkMember) -> None:
    """Make the registration a membership of the person with its address (a new person
    if none has it), and tell them how to log in to see the members."""
    session = request.dbsession
    person = session.scalar(select(Person).where(func.lower(Person.email) == member.email.lower()))
    if person is None:
        person = Person(
            given_name=member.given_name,
            family_name=member.family_name,
            email=member.email,
            country=member.country,
            city=member.duty_station,
        )
        session.add(person)
    person.employer = person.employer or (
        member.organisation.name if member.organisation else member.organisation_name
    )
    person.consent_directory = person.consent_directory or member.listed
    session.flush()
    member.person_id, member.status, member.decided_at = person.id, "member", now()
    join_list(request, person, MAILING_LIST.name)
    send_mail(
        request,
        member.email,
        _("Welcome to the network of Norwegians in international organisations"),
        _(
            "Welcome, ${name}. You are now in ${agency}'s network of Norwegians in "
            "international organisations: you hear of its meetings and news.\n\n"
            "To see the other members who chose to be listed, log in with this address, "
            "or create an account with it if you have none:\n${network}\n${register}",
            mapping={
                "name": member.given_name,
                "network": request.route_url("multilateral.network"),
                "register": request.route_url("register"),
            },
        ),
        locale=recipient_language(request, person=person),
    )


def decline(request, member: NetworkMember, reason: str) -> None:
    member.status, member.decided_at = "declined", now()
    send_mail(
        request,
        member.email,
        _("Your registration in the network of Norwegians in international organisations"),
        _(
            "Dear ${name}, thank you for registering. The network is for Norwegians working "
            "in international organisations, and we cannot add you:\n\n${reason}",
            mapping={"name": member.given_name, "reason": reason},
        ),
    )


def visible_members(request):
    """The query of members the viewer may see: advisers all, members those listed."""
    query = (
        select(NetworkMember)
        .where(NetworkMember.status == "member")
        .options(selectinload(NetworkMember.organisation))
        .order_by(NetworkMember.family_name, NetworkMember.given_name, NetworkMember.id)
    )
    if not request.has_permission(MANAGE, request.root):
        query = query.where(NetworkMember.listed.is_(True))
    return query


def message(request, subject: str, body: str, country: str | None = None) -> int:
    """Mail every member on the network's list (of one duty country, if given) through
    the outbox, each with the list's unsubscribe link; returns how many."""
    in_network = select(NetworkMember.person_id).where(NetworkMember.status == "member")
    if country:
        in_network = in_network.where(NetworkMember.country == country)
    query = select(Person).where(
        list_members(request, MAILING_LIST.name),
        Person.email.is_not(None),
        Person.id.in_(in_network),
    )
    people = request.dbsession.scalars(query).all()
    for person in people:
        send_mail(
            request, person.email, subject, body, bulk_for=person, mailing_list=MAILING_LIST.name
        )
    return len(people)
