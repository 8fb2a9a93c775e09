"""The network's figures: invited, joined and the join rate per country and per wave,
members over time, and activities per month against the aim of one a month."""

from __future__ import annotations

import datetime

from sqlalchemy import func, select

from norec_core import Chart, Person, chart_section, now
from norec_network import activities
from norec_network.i18n import _
from norec_network.models import Alumnus, Invitation, Member, Wave


def per_country(session) -> list[tuple[str, int, int]]:
    """(country, invited, joined) for each country invited, the most invited first."""
    rows = session.execute(
        select(Person.country, func.count(Invitation.id), func.count(Invitation.accepted_at))
        .select_from(Invitation)
        .join(Alumnus, Alumnus.id == Invitation.alumnus_id)
        .join(Person, Person.id == Alumnus.person_id)
        .where(Invitation.sent_at.is_not(None))
        .group_by(Person.country)
        .order_by(func.count(Invitation.id).desc(), Person.country)
    )
    return [(country or "", invited, joined) for country, invited, joined in rows]


def per_wave(session) -> list[tuple[Wave, int, int]]:
    """(wave, invited, joined) for each wave, the newest first."""
    rows = session.execute(
        select(Wave, func.count(Invitation.sent_at), func.count(Invitation.accepted_at))
        .join(Invitation, Invitation.wave_id == Wave.id, isouter=True)
        .group_by(Wave.id)
        .order_by(Wave.created_at.desc())
    )
    return [(wave, invited, joined) for wave, invited, joined in rows]


def rate(invited: int, joined: int) -> int:
    """The join rate in whole per cent."""
    return round(100 * joined / invited) if invited else 0


def members_over_time(session, quarters: int = 8) -> list[tuple[datetime.date, int]]:
    """How many members the network had at the end of each of the last `quarters`."""
    today = now().date()
    ends = []
    year, quarter = today.year, (today.month - 1) // 3
    for _n in range(quarters):
        end = datetime.date(year + (quarter == 3), (quarter + 1) % 4 * 3 + 1, 1)
        ends.append(min(end - datetime.timedelta(days=1), today))
        year, quarter = (year, quarter - 1) if quarter else (year - 1, 3)
    ends.reverse()
    joined = sorted(j.date() for j in session.scalars(select(Member.joined_at)))
    return [(end, sum(1 for j in joined if j <= end)) for end in ends]


def join_rate_chart(request, order: int):
    layout = request.layout
    return chart_section(
        _("Join rate per country"),
        order,
        Chart(
            _("Join rate per country"),
            _("The share of those invited from each country who have joined, in per cent."),
            _("Country"),
            _("Joined (%)"),
            tuple((layout.country(c), rate(i, j)) for c, i, j in per_country(request.dbsession)),
        ),
    )


def members_chart(request, order: int):
    layout = request.layout
    return chart_section(
        _("Members over time"),
        order,
        Chart(
            _("Members over time"),
            _("Members of the network at the end of each quarter."),
            _("Quarter ending"),
            _("Members"),
            tuple((layout.date(end), n) for end, n in members_over_time(request.dbsession)),
        ),
    )


def activities_chart(request, order: int):
    layout = request.layout
    return chart_section(
        _("Activities per month"),
        order,
        Chart(
            _("Activities per month"),
            _(
                "Network activities that began in each month; the aim is at least ${goal} a month.",
                mapping={"goal": activities.GOAL_PER_MONTH},
            ),
            _("Month"),
            _("Activities"),
            tuple((layout.month(m), n) for m, n in activities.per_month(request.dbsession)),
        ),
    )
