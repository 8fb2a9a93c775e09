"""Mentoring: a member asks a mentor; the mentor accepts within their capacity or
declines; a request nobody answers expires; either side may end the relation.

Both sides learn of each step by mail, with a link to their mentoring page; neither sees
the other's address unless the other shows it.
"""

from __future__ import annotations

import datetime

from pyramid.request import Request
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from norec_core import notify, now
from norec_network.i18n import _
from norec_network.models import Member, Mentoring

LIFETIME = datetime.timedelta(days=14)
OPEN = ("requested", "accepted")
STATUS_TITLES = {
    "requested": _("waiting for an answer"),
    "accepted": _("mentoring"),
    "declined": _("declined"),
    "withdrawn": _("withdrawn"),
    "expired": _("expired unanswered"),
    "ended": _("ended"),
}


class Refused(ValueError):
    """Why the step cannot be taken, in words for the member."""


def taken(session, mentor: Member) -> int:
    """How many mentees the mentor has now."""
    return session.scalar(
        select(func.count())
        .select_from(Mentoring)
        .where(Mentoring.mentor_id == mentor.id, Mentoring.status == "accepted")
    )


def may_mentor(session, mentor: Member) -> bool:
    return "mentor" in mentor.offers and taken(session, mentor) < mentor.mentor_capacity


def _between(session, mentee: Member, mentor: Member) -> Mentoring | None:
    return session.scalars(
        select(Mentoring).where(
            Mentoring.mentee_id == mentee.id,
            Mentoring.mentor_id == mentor.id,
            Mentoring.status.in_(OPEN),
        )
    ).first()


def _tell(request: Request, member: Member, subject, body, mapping: dict) -> None:
    person = member.person
    url = request.route_url("network.mentoring")
    notify(
        request,
        "network.mentoring",
        person,
        subject,
        _(body, mapping={"name": person.given_name, "url": url, **mapping}),
        url=url,
    )


def ask(request: Request, mentee: Member, mentor: Member, message: str) -> Mentoring:
    session = request.dbsession
    if mentee.id == mentor.id:
        raise Refused(_("You cannot be your own mentor."))
    if "mentor" not in mentor.offers:
        raise Refused(_("This member does not offer mentoring."))
    if _between(session, mentee, mentor) is not None:
        raise Refused(_("You have already asked this mentor, or they mentor you."))
    if not may_mentor(session, mentor):
        raise Refused(_("This mentor has as many mentees as they can take. Try again later."))
    mentoring = Mentoring(
        mentee=mentee, mentor=mentor, message=message, expires_at=now() + LIFETIME
    )
    session.add(mentoring)
    session.flush()
    _tell(
        request,
        mentor,
        _("A member asks you for mentoring"),
        _(
            "Dear ${name},\n\n${mentee} asks you to be their mentor in ${agency} Network:\n\n"
            "${message}\n\nAnswer within two weeks on your mentoring page:\n${url}"
        ),
        {"mentee": mentee.person.full_name, "message": message},
    )
    return mentoring


def answer(request: Request, mentoring: Mentoring, accepted: bool) -> None:
    if mentoring.status != "requested":
        raise Refused(_("This request has already been answered."))
    if accepted and taken(request.dbsession, mentoring.mentor) >= mentoring.mentor.mentor_capacity:
        raise Refused(_("You have as many mentees as your capacity: raise it on your profile."))
    mentoring.status = "accepted" if accepted else "declined"
    mentoring.answered_at = now()
    if accepted:
        subject = _("Your mentor has said yes")
        body = _(
            "Dear ${name},\n\n${mentor} has accepted to be your mentor. Write to each "
            "other from your mentoring page:\n${url}"
        )
    else:
        subject = _("Your request for mentoring")
        body = _(
            "Dear ${name},\n\n${mentor} cannot be your mentor now. Other mentors are in "
            "the resource bank:\n${url}"
        )
    _tell(request, mentoring.mentee, subject, body, {"mentor": mentoring.mentor.person.full_name})


def close(request: Request, mentoring: Mentoring, by: Member) -> None:
    """The mentee withdraws a request not yet answered, or either side ends a relation."""
    if mentoring.status == "requested" and by.id == mentoring.mentee_id:
        mentoring.status = "withdrawn"
    elif mentoring.status == "accepted" and by.id in (mentoring.mentee_id, mentoring.mentor_id):
        mentoring.status = "ended"
        other = mentoring.mentor if by.id == mentoring.mentee_id else mentoring.mentee
        _tell(
            request,
            other,
            _("A mentoring has ended"),
            _(
                "Dear ${name},\n\n${other} has ended your mentoring in ${agency} Network. "
                "Thank you for it.\n\n${url}"
            ),
            {"other": by.person.full_name},
        )
    else:
        raise Refused(_("This mentoring cannot be closed now."))
    mentoring.ended_at = now()


def expire(request: Request) -> None:
    """Daily: requests unanswered for two weeks expire, and the mentee is told."""
    due = request.dbsession.scalars(
        select(Mentoring)
        .where(Mentoring.status == "requested", Mentoring.expires_at < now())
        .options(selectinload(Mentoring.mentee).selectinload(Member.person))
    ).all()
    for mentoring in due:
        mentoring.status = "expired"
        _tell(
            request,
            mentoring.mentee,
            _("Your request for mentoring expired"),
            _(
                "Dear ${name},\n\nYour mentor did not answer within two weeks. Ask another "
                "mentor from the resource bank:\n${url}"
            ),
            {},
        )


def relations(session, member: Member) -> list[Mentoring]:
    """The member's requests and relations, on both sides, the newest first."""
    return session.scalars(
        select(Mentoring)
        .where(or_(Mentoring.mentee_id == member.id, Mentoring.mentor_id == member.id))
        .options(
            selectinload(Mentoring.mentee).selectinload(Member.person),
            selectinload(Mentoring.mentor).selectinload(Member.person),
        )
        .order_by(Mentoring.created_at.desc(), Mentoring.id.desc())
    ).all()
