"""The talent pool: strong past candidates kept for later posts. An adviser proposes; the
candidate is kept only once they consent through the link mailed to them; a month before
the retention period ends they are asked to renew, and if they do not, their data is
erased through the core's erasure, which every plugin answers."""

from __future__ import annotations

import datetime
import logging

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import (
    action_link,
    erase_person,
    now,
    recipient_language,
    record_consent,
    send_mail,
)
from norec_multilateral.careers import years_after
from norec_multilateral.i18n import _
from norec_multilateral.models import Candidacy, Candidate, PoolEntry
from norec_multilateral.rounds import today
from norec_multilateral.workflow import OPEN

log = logging.getLogger(__name__)

PURPOSE = "multilateral.pool.consent"
CONSENT_KIND = "multilateral:talent_pool"
VERSION = "2026-11"
YEARS = 2
WARNING = datetime.timedelta(days=30)
STATUSES = {
    "proposed": _("asked, no answer yet"),
    "active": _("in the pool"),
    "withdrawn": _("left the pool"),
}
TEXT = _(
    "${agency} may keep my candidate profile and applications for two years, to consider me "
    "for later posts in international organisations. When the two years are over, my data "
    "on the platform is erased, unless I renew."
)


def _retain_until(start: datetime.date) -> datetime.date:
    return years_after(start, YEARS)


def propose(request, candidate: Candidate, reason: str) -> PoolEntry:
    """Ask `candidate` to be kept in the pool: the entry waits for their consent."""
    session = request.dbsession
    entry = session.scalar(select(PoolEntry).where(PoolEntry.candidate_id == candidate.id))
    if entry is None:
        entry = PoolEntry(candidate_id=candidate.id, status="proposed")
        session.add(entry)
    entry.proposed_by = request.identity.email
    entry.proposed_at, entry.reason = now(), reason
    session.flush()
    _ask(request, candidate, _("${agency} would like to keep you in its talent pool"))
    return entry


def _ask(request, candidate: Candidate, subject) -> None:
    person = candidate.person
    link = action_link(request, PURPOSE, person=person, data={"candidate": candidate.id})
    send_mail(
        request,
        person.email,
        subject,
        _(
            "${agency}'s advisers found you a strong candidate, and would like to consider you "
            "for later posts in international organisations. If you agree to this:\n\n"
            "${text}\n\nopen this link and confirm:\n${link}\n\n"
            "If you do nothing, nothing is kept for this purpose.",
            mapping={"text": request.localizer.translate(TEXT), "link": link},
        ),
        locale=recipient_language(request, person=person),
    )


def consent(request, link):
    """The action link's work: the candidate agrees, for two years from today."""
    session = request.dbsession
    entry = session.scalar(
        select(PoolEntry).where(PoolEntry.candidate_id == link.data.get("candidate"))
    )
    if entry is None or entry.candidate.person_id != link.person_id:
        return _("This proposal is no longer open.")
    entry.status, entry.consented_at = "active", now()
    entry.retain_until, entry.reminded_at = _retain_until(today()), None
    record_consent(
        session, link.person, CONSENT_KIND, True, request.localizer.translate(TEXT), VERSION
    )
    return _(
        "Thank you: you are in ${agency}'s talent pool until ${date}.",
        mapping={"date": request.layout.date(entry.retain_until)},
    )


def withdraw(request, entry: PoolEntry) -> None:
    """The candidate takes back their consent: they leave the pool at once."""
    entry.status, entry.retain_until = "withdrawn", None
    record_consent(
        request.dbsession,
        entry.candidate.person,
        CONSENT_KIND,
        False,
        request.localizer.translate(TEXT),
        VERSION,
    )


def remind(request) -> int:
    """Daily: ask those whose period ends within a month whether to renew it."""
    due = request.dbsession.scalars(
        select(PoolEntry)
        .where(
            PoolEntry.status == "active",
            PoolEntry.retain_until <= today() + WARNING,
            PoolEntry.reminded_at.is_(None),
        )
        .options(selectinload(PoolEntry.candidate).selectinload(Candidate.person))
    ).all()
    for entry in due:
        _ask(request, entry.candidate, _("Your place in ${agency}'s talent pool is ending"))
        entry.reminded_at = now()
    return len(due)


def expire(request) -> int:
    """Daily: erase everyone whose period ran out unrenewed, unless an application of
    theirs is still open (the recruitment needs it; they are erased when it closes)."""
    session = request.dbsession
    open_application = (
        select(Candidacy.id)
        .where(Candidacy.candidate_id == PoolEntry.candidate_id, Candidacy.state.in_(OPEN))
        .exists()
    )
    due = session.scalars(
        select(PoolEntry).where(
            PoolEntry.status == "active", PoolEntry.retain_until < today(), ~open_application
        )
    ).all()
    for entry in due:
        person = entry.candidate.person
        log.info(
            "talent pool: erasing person %s, retention ended %s", person.id, entry.retain_until
        )
        erase_person(request, person, f"talent pool retention ended {entry.retain_until}")
    return len(due)
