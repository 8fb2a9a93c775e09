"""Views and downloads per publication per month. Robots are left out by their user
agent, as COUNTER's list of robots does it; a reader who reloads a page is counted again
(no session is kept for anonymous readers: public pages set no cookie)."""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple

from sqlalchemy import case, func, select, update

from norec_core import SITE_TIMEZONE, Chart, chart_section, now
from norec_research.i18n import _
from norec_research.models import Usage

# The commonest words of COUNTER's robots list: crawlers, harvesters, link checkers,
# HTTP libraries and headless browsers.
ROBOTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|harvest|scrap|fetch|monitor|check|preview|"
    r"curl|wget|python|java/|httpclient|okhttp|go-http|libwww|perl|ruby|node-fetch|axios|"
    r"headless|phantomjs|selenium|lighthouse|facebookexternalhit|embedly|zotero|mendeley",
    re.IGNORECASE,
)


def is_robot(user_agent: str | None) -> bool:
    return not user_agent or bool(ROBOTS.search(user_agent))


def _month() -> datetime.date:
    return now().astimezone(SITE_TIMEZONE).date().replace(day=1)


def count(request, publication, what: str) -> None:
    """Count a view or a download of `publication` by a person (not a robot)."""
    if request.method != "GET" or is_robot(request.user_agent):
        return
    session = request.dbsession
    month = _month()
    column = Usage.views if what == "view" else Usage.downloads
    changed = session.execute(
        update(Usage)
        .where(Usage.publication_id == publication.id, Usage.month == month)
        .values({column: column + 1})
    ).rowcount
    if not changed:
        session.add(
            Usage(
                publication_id=publication.id,
                month=month,
                views=int(what == "view"),
                downloads=int(what == "download"),
            )
        )
        session.flush()


def _first_month(months: int) -> datetime.date:
    """The first day of the earliest of the last `months` months, this one included."""
    last = _month()
    index = last.year * 12 + last.month - 1 - (months - 1)
    return datetime.date(index // 12, index % 12 + 1, 1)


class Totals(NamedTuple):
    views: int
    downloads: int
    recent_views: int  # in the last twelve months, this one included
    recent_downloads: int


def totals(session, publication_id: int, months: int = 12) -> Totals:
    """One publication's views and downloads since counting began and in the last
    `months` months: the sums of its monthly rows, in one query."""
    recent = Usage.month >= _first_month(months)
    row = session.execute(
        select(
            func.coalesce(func.sum(Usage.views), 0),
            func.coalesce(func.sum(Usage.downloads), 0),
            func.coalesce(func.sum(case((recent, Usage.views), else_=0)), 0),
            func.coalesce(func.sum(case((recent, Usage.downloads), else_=0)), 0),
        ).where(Usage.publication_id == publication_id)
    ).one()
    return Totals(*(int(n) for n in row))


def per_month(session, months: int = 12) -> list[tuple[datetime.date, int, int]]:
    """(month, views, downloads) over all publications for the last `months` months."""
    last = _month()
    first = _first_month(months)
    found = dict(
        (month, (views, downloads))
        for month, views, downloads in session.execute(
            select(Usage.month, func.sum(Usage.views), func.sum(Usage.downloads))
            .where(Usage.month >= first)
            .group_by(Usage.month)
        )
    )
    result, month = [], first
    while month <= last:
        views, downloads = found.get(month, (0, 0))
        result.append((month, int(views), int(downloads)))
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return result


def charts(request) -> list:
    rows = per_month(request.dbsession)
    layout = request.layout
    return [
        chart_section(
            _("Publications read per month"),
            40,
            Chart(
                title=_("Views of publications' pages per month"),
                description=_(
                    "Views of the publications' pages in the last twelve months, robots left out."
                ),
                label_title=_("Month"),
                value_title=_("Views"),
                values=tuple((layout.month(m), v) for m, v, _d in rows),
            ),
        ),
        chart_section(
            _("Files downloaded per month"),
            41,
            Chart(
                title=_("Downloads of publications' files per month"),
                description=_(
                    "Downloads of the publications' files over twelve months, robots left out."
                ),
                label_title=_("Month"),
                value_title=_("Downloads"),
                values=tuple((layout.month(m), d) for m, _v, d in rows),
            ),
        ),
    ]
