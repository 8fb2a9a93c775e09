"""The monthly newsletter: an adviser's introduction, the network's coming activities and
what the other installed plugins announce (open calls, new publications) through the
core's digest hook; sent by a background job, each reader in their own language, to the
members of a segment (countries, spoken languages, sectors) who joined the list with
double opt-in, each mail with its one-click unsubscribe."""

from __future__ import annotations

import datetime

from pyramid.i18n import TranslationString
from pyramid.request import Request
from sqlalchemy import Select, func, or_, select

from norec_core import (
    MailingList,
    Person,
    digest_items,
    enqueue_job,
    list_members,
    now,
    recipient_language,
    send_mail,
)
from norec_network import activities, profile
from norec_network.i18n import _
from norec_network.models import DirectoryEntry, Member, Newsletter, NewsletterDelivery

LIST = "network.newsletter"
MAILING_LIST = MailingList(
    LIST,
    _("${agency} Network's monthly newsletter"),
    _("Send me ${agency} Network's newsletter once a month"),
    "2026-11",
)
BATCH = 200
ITEM_TITLES = {
    "activity": _("Activities"),
    "call": _("Open calls"),
    "publication": _("New publications"),
}


def recipients(request: Request, issue: Newsletter) -> Select:
    """The people the issue goes to, not yet sent: members on the list, in the segment.
    A sector counts only where the member shows it at least to advisers."""
    query = (
        select(Person)
        .join(Member, Member.person_id == Person.id)
        .where(list_members(request, LIST), Person.email.is_not(None))
        .where(
            ~select(NewsletterDelivery.id)
            .where(
                NewsletterDelivery.newsletter_id == issue.id,
                NewsletterDelivery.person_id == Person.id,
            )
            .exists()
        )
    )
    if issue.countries:
        query = query.where(Person.country.in_(issue.countries))
    if issue.languages:
        query = query.where(or_(*(Person.languages.contains(c) for c in issue.languages)))
    if issue.sectors:
        query = query.where(
            Member.id.in_(
                select(DirectoryEntry.member_id).where(
                    DirectoryEntry.field == "sectors",
                    DirectoryEntry.value.in_(issue.sectors),
                    DirectoryEntry.level != profile.ME,
                )
            )
        )
    return query.order_by(Person.id)


def count(request: Request, issue: Newsletter) -> int:
    return request.dbsession.scalar(
        select(func.count()).select_from(recipients(request, issue).order_by(None).subquery())
    )


def compose(request: Request, issue: Newsletter, language: str):
    """The issue's text for readers of `language`: the introduction, the network's coming
    activities, and the other plugins' items of the month."""
    since = datetime.datetime.combine(issue.month, datetime.time(), datetime.UTC)
    until = now()
    sections = []
    coming = activities.upcoming(request.dbsession, limit=10)
    if coming:
        lines = "\n".join(
            f"- {a.title} ({a.starts_at.date().isoformat()}): "
            f"{request.route_url('activities.detail', id=a.id)}"
            for a in coming
        )
        sections.append(_("Coming activities in the network:\n${lines}", mapping={"lines": lines}))
    others: dict[str, list] = {}
    for item in digest_items(request, since, until, audience="members", language=language):
        if item.kind != "activity":
            others.setdefault(item.kind, []).append(item)
    for kind, items in others.items():
        lines = "\n".join(
            f"- {i.title}{f' ({i.summary})' if i.summary else ''}: {i.url}" for i in items
        )
        title = ITEM_TITLES.get(kind, kind)
        sections.append(_("${title}:\n${lines}", mapping={"title": title, "lines": lines}))
    body = "\n\n".join(["${intro}"] + [f"${{section{n}}}" for n in range(len(sections))])
    mapping = {"intro": issue.intro} | {f"section{n}": s for n, s in enumerate(sections)}
    # The frame is no message to translate; its parts are, in the reader's language.
    return TranslationString(body, mapping=mapping)


def send(request: Request, issue: Newsletter) -> None:
    issue.status = "sending"
    issue.job_id = enqueue_job(request, "network.send_newsletter", newsletter_id=issue.id).id


def send_issue(job, newsletter_id: int) -> str:
    """The job: mail the issue to everyone in its segment not sent yet, a batch between
    two progress reports (each commits, so a stopped job goes on from there)."""
    request, session = job.request, job.dbsession
    issue = session.get(Newsletter, newsletter_id)
    total = count(request, issue)
    bodies: dict[str, object] = {}
    done = 0
    while True:
        batch = session.scalars(recipients(request, issue).limit(BATCH)).all()
        if not batch:
            break
        for person in batch:
            language = recipient_language(request, person=person)
            if language not in bodies:
                bodies[language] = compose(request, issue, language)
            send_mail(
                request,
                person.email,
                issue.subject,
                bodies[language],
                locale=language,
                bulk_for=person,
                mailing_list=LIST,
            )
            session.add(NewsletterDelivery(newsletter_id=issue.id, person_id=person.id))
        session.flush()
        done += len(batch)
        job.progress(done, total)
    issue.status, issue.sent_at = "sent", now()
    return f"{done} newsletters sent"


def sent_count(session, issue: Newsletter) -> int:
    return session.scalar(
        select(func.count())
        .select_from(NewsletterDelivery)
        .where(NewsletterDelivery.newsletter_id == issue.id)
    )
