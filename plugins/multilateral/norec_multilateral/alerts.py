"""Alerts: a candidate's saved search (programme, organisation, field, duty station) and
the mail it sends when a matching post is published, once per post."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from norec_core import action_link, now, recipient_language, send_mail
from norec_multilateral.i18n import _
from norec_multilateral.models import Alert, AlertSent, MultilateralPost

STOP = "multilateral.alert.stop"


def _contains(wanted: str, *texts: str) -> bool:
    return not wanted or wanted.casefold() in " ".join(texts).casefold()


def matches(alert: Alert, post: MultilateralPost) -> bool:
    """Whether `post` is what `alert` looks for; an empty criterion matches anything, a
    word matches anywhere in its field (the field of work or the title; the duty station
    or the country)."""
    return (
        alert.programme in ("", post.programme)
        and alert.organisation_id in (None, post.organisation_id)
        and _contains(alert.field, post.field, post.title)
        and _contains(alert.duty_station, post.duty_station, post.country or "")
    )


def announce(request, post: MultilateralPost) -> int:
    """Mail the owner of every alert that matches the newly published `post` and has not
    been told of it; returns how many mails were queued."""
    if not post.published or post.deadline < now():
        return 0
    session = request.dbsession
    told = select(AlertSent.alert_id).where(AlertSent.post_id == post.id)
    candidates = session.scalars(
        select(Alert)
        .where(
            Alert.id.not_in(told),
            or_(Alert.programme == "", Alert.programme == post.programme),
            or_(Alert.organisation_id.is_(None), Alert.organisation_id == post.organisation_id),
        )
        .options(selectinload(Alert.person))
    )
    sent = 0
    for alert in candidates:
        if not matches(alert, post) or not alert.person.email:
            continue
        send_mail(
            request,
            alert.person.email,
            _("New post: ${title}", mapping={"title": post.title}),
            _(
                "A post that matches your alert is open for applications:\n\n"
                "${title}, ${organisation}, ${station}\n${link}\n\n"
                "To stop this alert, open this link:\n${stop}",
                mapping={
                    "title": post.title,
                    "organisation": post.organisation.name,
                    "station": post.duty_station,
                    "link": request.route_url("multilateral.post", id=post.id),
                    "stop": action_link(
                        request, STOP, person=alert.person, data={"alert": alert.id}
                    ),
                },
            ),
            locale=recipient_language(request, person=alert.person),
        )
        session.add(AlertSent(alert_id=alert.id, post_id=post.id))
        sent += 1
    session.flush()
    return sent


def stop(request, link):
    """The action link's work: the alert is removed (if it still is there)."""
    alert = request.dbsession.get(Alert, link.data.get("alert"))
    if alert is not None and alert.person_id == link.person_id:
        request.dbsession.delete(alert)
    return _("The alert is stopped. You get no more mail from it.")
