"""Invitation waves: former participants in the register are invited country by country,
each by a single-use link that expires; the wave's statistics follow each invitation
from sent to opened, accepted or expired, and those who do not answer are reminded once.
"""

from __future__ import annotations

import datetime

from pyramid.httpexceptions import HTTPFound
from pyramid.request import Request
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from norec_core import (
    Person,
    User,
    action_link,
    delivery_statuses,
    enqueue_job,
    now,
    recipient_language,
    send_mail,
    spend_action_link,
)
from norec_network import profile
from norec_network.i18n import _
from norec_network.models import Alumnus, Invitation, Wave, invitation_status

PURPOSE = "network.join"
JOINING = "network.joining"  # the session's key: whose invitation was just accepted
LIFETIME = datetime.timedelta(days=30)
REMIND_AFTER = datetime.timedelta(days=14)
STATUSES = ("queued", "sent", "bounced", "opened", "accepted", "expired")
BATCH = 200  # invitations sent between two progress reports (each commits)


def candidates(countries: list[str]) -> Select:
    """The register's people in `countries` who have an address and were never invited."""
    return (
        select(Alumnus)
        .join(Person, Person.id == Alumnus.person_id)
        .where(
            Person.country.in_(countries),
            Person.email.is_not(None),
            ~select(Invitation.id).where(Invitation.alumnus_id == Alumnus.id).exists(),
        )
        .order_by(Person.family_name, Person.given_name, Alumnus.id)
    )


def create(request: Request, countries: list[str], cap: int) -> Wave:
    """A wave of at most `cap` invitations, sent by a background job after the commit."""
    chosen = request.dbsession.scalars(
        candidates(countries).options(selectinload(Alumnus.person)).limit(cap)
    ).all()
    user = request.identity
    wave = Wave(countries=sorted(countries), cap=cap, created_by_id=user.id if user else None)
    wave.invitations = [Invitation(alumnus=a, email=a.person.email) for a in chosen]
    request.dbsession.add(wave)
    request.dbsession.flush()
    wave.job_id = enqueue_job(request, "network.send_wave", wave_id=wave.id).id
    return wave


def send_one(request: Request, invitation: Invitation, reminder: bool = False) -> None:
    """Mail the invitation (or its reminder) with a new single-use link."""
    person = invitation.alumnus.person
    url = action_link(request, PURPOSE, person=person, data={"invitation": invitation.id})
    if reminder:
        subject = _("A reminder: ${agency} Network is waiting for you")
    else:
        subject = _("You are invited to ${agency} Network")
    body = _(
        "Dear ${name},\n\nYou took part in a ${agency} exchange. ${agency} Network gathers the "
        "people who did, to meet, share and help each other: mentors, lecturers, "
        "interpreters, resource persons.\n\nJoin here (the link works once, for 30 days):\n"
        "${url}\n\nIf you do not want to join, do nothing: we will not write again after "
        "one reminder.",
        mapping={"name": person.given_name, "url": url},
    )
    language = recipient_language(request, person=person)
    message = send_mail(request, invitation.email, subject, body, locale=language)
    invitation.outbox_id = message.id
    moment = now()
    invitation.expires_at = moment + LIFETIME
    if reminder:
        invitation.reminded_at = moment
    else:
        invitation.sent_at = moment


def send_wave(job, wave_id: int) -> str:
    """The job: mail every invitation of the wave not sent yet, a batch between two
    progress reports (each commits what it sent, so a stopped job goes on from there)."""
    unsent = select(Invitation).where(Invitation.wave_id == wave_id, Invitation.sent_at.is_(None))
    total = job.dbsession.scalar(select(func.count()).select_from(unsent.subquery()))
    done = 0
    while True:
        batch = job.dbsession.scalars(
            unsent.options(selectinload(Invitation.alumnus).selectinload(Alumnus.person))
            .order_by(Invitation.id)
            .limit(BATCH)
        ).all()
        if not batch:
            break
        for invitation in batch:
            send_one(job.request, invitation)
        done += len(batch)
        job.progress(done, total)
    return f"{done} invitations sent"


def account_of(session: Session, person: Person) -> User | None:
    """The account of the person, or of their address."""
    return session.scalars(
        select(User).where(
            (User.person_id == person.id) | (func.lower(User.email) == (person.email or "").lower())
        )
    ).first()


def accept(request: Request, link) -> object:
    """The link's purpose. Joining is one step that cannot be half done: the member and
    the accepted invitation are made only with the account (the password chosen, in
    `views.membership.join`) or for the invitee logged in to theirs. Until then the link
    stays good, so that someone who closed the tab comes back by the same link."""
    person = link.person
    invitation_id = link.data.get("invitation")
    identity = request.identity
    if identity is not None and identity.person_id == person.id:
        joined(request, person, invitation_id)
        spend_action_link(request, link.id)
        return HTTPFound(request.route_path("network.profile"))
    # Not done yet: the purpose is finished later, so the link stays good until then.
    if account_of(request.dbsession, person) is not None:
        # They log in, and are brought back to this link to confirm as themselves.
        return HTTPFound(request.route_path("login", _query={"came_from": request.path}))
    request.session[JOINING] = {"person": person.id, "invitation": invitation_id, "link": link.id}
    return HTTPFound(request.route_path("network.join"))


def joined(request: Request, person: Person, invitation_id: int | None) -> None:
    """The person is a member, and their invitation accepted."""
    invitation = request.dbsession.get(Invitation, invitation_id or 0)
    if invitation is not None and invitation.accepted_at is None:
        invitation.accepted_at = now()
    profile.join(request.dbsession, person)


def invitation_for(request: Request, alumnus: Alumnus, email: str) -> Invitation:
    """The alumnus's invitation, to `email`, ready to send again (a wave of one made for
    it if they were never invited): one invitation a person, whatever happened to it."""
    session = request.dbsession
    invitation = session.scalars(
        select(Invitation).where(Invitation.alumnus_id == alumnus.id)
    ).first()
    if invitation is None:
        user = request.identity
        country = alumnus.person.country
        wave = Wave(
            countries=[country] if country else [], cap=1, created_by_id=user.id if user else None
        )
        invitation = Invitation(alumnus=alumnus, email=email)
        wave.invitations = [invitation]
        session.add(wave)
    invitation.email = email
    invitation.bounced_at = invitation.opened_at = invitation.reminded_at = None
    # Accepted without an account (a link spent before the password was chosen) is not
    # accepted: the new link finishes it.
    invitation.accepted_at = None
    session.flush()
    return invitation


def invite_again(request: Request, person: Person) -> Invitation:
    """A new link for a member or alumnus with no account, to the address on record."""
    alumnus = request.dbsession.scalars(
        select(Alumnus).where(Alumnus.person_id == person.id)
    ).first()
    if alumnus is None:
        alumnus = Alumnus(person=person, source="import")
        request.dbsession.add(alumnus)
        request.dbsession.flush()
    invitation = invitation_for(request, alumnus, person.email)
    send_one(request, invitation)
    return invitation


def opened(request: Request, data: dict) -> None:
    invitation = request.dbsession.get(Invitation, data.get("invitation"))
    if invitation is not None and invitation.opened_at is None:
        invitation.opened_at = now()


def remind(request: Request) -> None:
    """Daily: one reminder, with a new link, to those who have not answered in two weeks."""
    moment = now()
    due = request.dbsession.scalars(
        select(Invitation)
        .where(
            Invitation.accepted_at.is_(None),
            Invitation.reminded_at.is_(None),
            Invitation.bounced_at.is_(None),
            Invitation.sent_at <= moment - REMIND_AFTER,
        )
        .options(selectinload(Invitation.alumnus).selectinload(Alumnus.person))
    ).all()
    for invitation in due:
        send_one(request, invitation, reminder=True)


def statistics(session: Session, wave: Wave, moment=None) -> dict[str, int]:
    """How many of the wave's invitations are in each status at `moment` (now)."""
    moment = moment or now()
    counts = dict.fromkeys(STATUSES, 0)
    rows = session.execute(
        select(
            Invitation.sent_at,
            Invitation.expires_at,
            Invitation.opened_at,
            Invitation.accepted_at,
            Invitation.bounced_at,
        ).where(Invitation.wave_id == wave.id)
    )
    for row in rows:
        counts[invitation_status(moment, *row)] += 1
    return counts


def record_bounces(request, wave: Wave | None = None) -> int:
    """Mark the invitations whose address the receiving server refused (hourly, and
    when a wave's page is opened); returns how many were found."""
    query = select(Invitation).where(
        Invitation.outbox_id.is_not(None),
        Invitation.bounced_at.is_(None),
        Invitation.accepted_at.is_(None),
        Invitation.sent_at > now() - 2 * LIFETIME,
    )
    if wave is not None:
        query = query.where(Invitation.wave_id == wave.id)
    pending = request.dbsession.scalars(query).all()
    statuses = delivery_statuses(request.dbsession, [i.outbox_id for i in pending])
    bounced = [i for i in pending if statuses.get(i.outbox_id) == "bounced"]
    for invitation in bounced:
        invitation.bounced_at = now()
    return len(bounced)
