"""Finding partners: organisations say what they look for, and the platform suggests
those that suit each other, so that Norec can connect them and a match can become a
partnership."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from norec_core import Partnership, now
from norec_grants.i18n import _
from norec_grants.models import PartnerSearch

SECTORS = {
    "health": _("Health"),
    "education": _("Education"),
    "agriculture": _("Agriculture and food"),
    "environment": _("Environment and energy"),
    "media": _("Media and culture"),
    "rights": _("Human rights and democracy"),
    "business": _("Business and finance"),
    "youth": _("Youth and sport"),
    "public": _("Public administration"),
}


@dataclass(frozen=True)
class Match:
    search: PartnerSearch
    score: int
    reasons: tuple


def _words(text: str) -> set[str]:
    return {w for w in re.split(r"[^\w]+", text.casefold()) if len(w) > 2}


def score(a: PartnerSearch, b: PartnerSearch) -> Match | None:
    """How well `b` suits `a`: both must be where the other looks (or look anywhere) and
    in different countries; shared sectors and professions count."""
    here, there = a.organisation.country, b.organisation.country
    if a.organisation_id == b.organisation_id or here == there:
        return None
    if (a.countries and there not in a.countries) or (b.countries and here not in b.countries):
        return None
    sectors = sorted(set(a.sectors) & set(b.sectors))
    professions = sorted(_words(a.professions) & _words(b.professions))
    if not sectors and not professions:
        return None
    reasons = tuple(SECTORS[s] for s in sectors if s in SECTORS) + tuple(professions)
    return Match(b, 2 * len(sectors) + len(professions), reasons)


def matches(session: Session, search: PartnerSearch, limit: int = 10) -> list[Match]:
    others = session.scalars(
        select(PartnerSearch)
        .where(PartnerSearch.active.is_(True), PartnerSearch.id != search.id)
        .options(selectinload(PartnerSearch.organisation))
    ).all()
    found = [m for m in (score(search, other) for other in others) if m is not None]
    return sorted(found, key=lambda m: (-m.score, m.search.organisation.name))[:limit]


def connect(session: Session, search: PartnerSearch, other: PartnerSearch) -> Partnership:
    """Make the match a proposed partnership in the core (for a caseworker to approve);
    both searches are then done."""
    first, second = search.organisation, other.organisation
    starts = (now().date().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    partnership = Partnership(
        title=f"{first.name} – {second.name}",
        direction="north-south" if "NO" in (first.country, second.country) else "south-south",
        starts_on=starts,
        ends_on=starts.replace(year=starts.year + 3) - datetime.timedelta(days=1),
        reciprocal=True,
        description="\n\n".join(f"{s.organisation.name}: {s.offers}" for s in (search, other)),
        organisations=[first, second],
    )
    session.add(partnership)
    session.flush()
    for found in (search, other):
        found.active, found.partnership_id = False, partnership.id
    return partnership
