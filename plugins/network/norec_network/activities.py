"""The network's activities: the kinds it registers in the core, and what its pages and
statistics ask of them. Registration, the waiting list, attendance and the certificate
of attendance are the core's, for every kind."""

from __future__ import annotations

import datetime

from sqlalchemy import func, select

from norec_core import SITE_TIMEZONE, Activity, ActivityKind, now
from norec_network.i18n import _

KINDS = (
    ActivityKind("gathering", _("Physical gathering")),
    ActivityKind("digital", _("Digital gathering")),
    ActivityKind("webinar", _("Webinar")),
    ActivityKind("elearning", _("E-learning course")),
)
NAMES = tuple(k.name for k in KINDS)
GOAL_PER_MONTH = 1  # Norec's aim: at least one activity a month


def of_network(country: str | None = None):
    query = select(Activity).where(Activity.kind.in_(NAMES))
    if country:
        query = query.where(Activity.country == country)
    return query


def upcoming(session, country: str | None = None, limit: int = 50) -> list[Activity]:
    return session.scalars(
        of_network(country)
        .where(Activity.ends_at >= now())
        .order_by(Activity.starts_at)
        .limit(limit)
    ).all()


def past(session, country: str | None = None, limit: int = 50) -> list[Activity]:
    return session.scalars(
        of_network(country)
        .where(Activity.ends_at < now())
        .order_by(Activity.starts_at.desc())
        .limit(limit)
    ).all()


def per_month(session, months: int = 12) -> list[tuple[datetime.date, int]]:
    """How many network activities began in each of the last `months` months, the months
    as the site's zone has them (an activity at 00:30 on 1 May in Oslo is May's)."""
    today = now().astimezone(SITE_TIMEZONE).date()
    index = today.year * 12 + today.month - 1 - (months - 1)
    first = datetime.date(index // 12, index % 12 + 1, 1)
    counts: dict[tuple[int, int], int] = {}
    for (starts,) in session.execute(
        select(Activity.starts_at).where(
            Activity.kind.in_(NAMES),
            Activity.starts_at >= datetime.datetime.combine(first, datetime.time(), SITE_TIMEZONE),
        )
    ):
        starts = starts.astimezone(SITE_TIMEZONE)
        key = (starts.year, starts.month)
        counts[key] = counts.get(key, 0) + 1
    found, month = [], first
    while month <= today:
        found.append((month, counts.get((month.year, month.month), 0)))
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return found


def countries(session) -> list[str]:
    """The countries the network has activities in."""
    return session.scalars(
        select(Activity.country)
        .where(Activity.kind.in_(NAMES), Activity.country.is_not(None))
        .group_by(Activity.country)
        .order_by(func.count().desc())
    ).all()
