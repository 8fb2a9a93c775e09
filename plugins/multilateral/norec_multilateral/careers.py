"""Careers after a placement, and retention: of those placed in each organisation, per
programme (JPO, UNV, senior post), how many still worked in the UN system or the
development banks one, three and five years after their placement ended.

Counted from the end, not the start: a JPO's contract runs two or three years, so "still
in the system a year after it began" would be every one of them, and say nothing. A
placement counts at a horizon only once that long has passed since it ended, and each
share is given with the numbers behind it."""

from __future__ import annotations

import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import Chart, chart_section
from norec_multilateral.i18n import _
from norec_multilateral.models import Placement
from norec_multilateral.rounds import PROGRAMMES as NAMES
from norec_multilateral.rounds import today

HORIZONS = (1, 3, 5)
HORIZON_TITLES = {
    1: _("one year after the end"),
    3: _("three years after the end"),
    5: _("five years after the end"),
}
PROGRAMMES = ("jpo", "unv", "senior")  # in this order


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


def measured_on(placement: Placement, years: int) -> datetime.date | None:
    """The day the placement is measured at `years`: that long after it ended (None while
    it runs)."""
    return years_after(placement.ended_on, years) if placement.ended_on else None


def retention(session, on: datetime.date | None = None) -> list[dict]:
    """Per programme and organisation (by name): for each horizon, (still in the system,
    placements measured). A placement is measured at a horizon once that long has passed
    since it ended."""
    on = on or today()
    placements = session.scalars(
        select(Placement).options(
            selectinload(Placement.steps), selectinload(Placement.organisation)
        )
    ).all()
    rows: dict[tuple[str, str], dict[int, list[int]]] = {}
    for placement in placements:
        key = (placement.programme, placement.organisation.name)
        row = rows.setdefault(key, {h: [0, 0] for h in HORIZONS})
        for years in HORIZONS:
            day = measured_on(placement, years)
            if day is not None and day <= on:
                row[years][1] += 1
                row[years][0] += in_system(placement, day)
    order = {p: n for n, p in enumerate(PROGRAMMES)}
    return [
        {"programme": programme, "organisation": name, **{h: tuple(c[h]) for h in HORIZONS}}
        for (programme, name), c in sorted(
            rows.items(), key=lambda i: (order.get(i[0][0], 9), i[0])
        )
    ]


def totals(rows: list[dict]) -> list[dict]:
    """Each programme's organisations added up."""
    found: dict[str, dict] = {}
    for row in rows:
        total = found.setdefault(
            row["programme"], {"programme": row["programme"], **{h: (0, 0) for h in HORIZONS}}
        )
        for h in HORIZONS:
            total[h] = (total[h][0] + row[h][0], total[h][1] + row[h][1])
    return list(found.values())


def share(counts: tuple[int, int]) -> int | None:
    still, total = counts
    return round(100 * still / total) if total else None


def figure(counts: tuple[int, int]):
    """A share with the numbers behind it: "75 % (3 of 4)"; None where none is measured."""
    if not counts[1]:
        return None
    return _(
        "${share} % (${still} of ${total})",
        mapping={"share": share(counts), "still": counts[0], "total": counts[1]},
    )


def retention_chart(request, rows: list[dict]):
    """One bar per programme and horizon: the share still in the system, in per cent, the
    numbers behind it in the label."""
    translate = request.localizer.translate
    values = tuple(
        (
            f"{translate(NAMES[t['programme']])}, {translate(HORIZON_TITLES[h])}: "
            f"{translate(figure(t[h]))}",
            share(t[h]),
        )
        for t in totals(rows)
        for h in HORIZONS
        if t[h][1]
    )
    return chart_section(
        _("Still in the system after a placement"),
        30,
        Chart(
            title=_("Still in the UN system after a placement, by programme"),
            description=_(
                "Of those whose placement ended at least one, three or five years ago, the "
                "share who then worked in the UN system or a development bank, with the "
                "numbers behind each share."
            ),
            label_title=_("Programme and time since the placement ended"),
            value_title=_("Per cent"),
            values=values,
        ),
    )
