"""Careers after a placement, and retention: of the JPOs and UNVs placed in each
organisation, how many are still in the UN system or the development banks one, three
and five years after their placement began."""

from __future__ import annotations

import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import Chart, chart_section
from norec_multilateral.i18n import _
from norec_multilateral.models import Placement
from norec_multilateral.rounds import today

HORIZONS = (1, 3, 5)
HORIZON_TITLES = {1: _("after one year"), 3: _("after three years"), 5: _("after five years")}
COUNTED = ("jpo", "unv")


def years_after(start: datetime.date, years: int) -> datetime.date:
    """The same day `years` later (28 February for a 29th in a year without one)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def _covers(started: datetime.date, ended: datetime.date | None, day: datetime.date) -> bool:
    return started <= day and (ended is None or ended >= day)


def in_system(placement: Placement, day: datetime.date) -> bool:
    """Whether the placed person worked in the system on `day`: in the placement itself,
    or in a later step inside the system."""
    return _covers(placement.started_on, placement.ended_on, day) or any(
        step.in_system and _covers(step.started_on, step.ended_on, day) for step in placement.steps
    )


def retention(session, on: datetime.date | None = None) -> list[dict]:
    """Per organisation (by name): for each horizon, (still in the system, placements
    old enough to tell). A placement counts at a horizon only once it has passed."""
    on = on or today()
    placements = session.scalars(
        select(Placement)
        .where(Placement.programme.in_(COUNTED))
        .options(selectinload(Placement.steps), selectinload(Placement.organisation))
    ).all()
    rows: dict[str, dict[int, list[int]]] = {}
    for placement in placements:
        row = rows.setdefault(placement.organisation.name, {h: [0, 0] for h in HORIZONS})
        for years in HORIZONS:
            day = years_after(placement.started_on, years)
            if day <= on:
                row[years][1] += 1
                row[years][0] += in_system(placement, day)
    return [
        {"organisation": name, **{h: tuple(counts[h]) for h in HORIZONS}}
        for name, counts in sorted(rows.items())
    ]


def share(counts: tuple[int, int]) -> int | None:
    still, total = counts
    return round(100 * still / total) if total else None


def retention_chart(request, rows: list[dict]):
    """One bar per organisation and horizon: the share still in the system, in per cent."""
    translate = request.localizer.translate
    values = tuple(
        (f"{r['organisation']}, {translate(HORIZON_TITLES[h])}", share(r[h]))
        for r in rows
        for h in HORIZONS
        if share(r[h]) is not None
    )
    return chart_section(
        _("JPOs and UNVs still in the system"),
        30,
        Chart(
            title=_("JPOs and UNVs still in the UN system, by organisation"),
            description=_(
                "The share of those placed in each organisation who still worked in the UN "
                "system or a development bank one, three and five years after their "
                "placement began."
            ),
            label_title=_("Organisation and time since placement"),
            value_title=_("Per cent"),
            values=values,
        ),
    )
