"""Who may apply for a post, checked rule by rule and explained: citizenship, the age
limit at the deadline (a JPO must not be over 32, as a rule), the degree, the years of
work experience and the languages at working level. And the gaps of more than three
months between a candidate's periods of study and work, which the UN Personal History
form asks to be explained.

Each check keeps what was asked and what was found, as plain values (`explanations` puts
them in words for an adviser or the candidate, in the reader's language), so that a
candidate sees why, and an adviser can override with a reason where the rule's spirit is
met (the workflow's steps "…, overriding the rules").
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from norec_multilateral.i18n import _

DEGREES = {
    "bachelor": _("Bachelor's degree"),
    "master": _("Master's degree"),
    "doctorate": _("Doctorate"),
    "other": _("Other education"),
}
RANK = {"other": 0, "bachelor": 1, "master": 2, "doctorate": 3}
# The levels of the Common European Framework of Reference, by their names.
LEVELS = {
    "A1": _("A1, beginner"),
    "A2": _("A2, elementary"),
    "B1": _("B1, intermediate"),
    "B2": _("B2, upper intermediate"),
    "C1": _("C1, advanced"),
    "C2": _("C2, proficient"),
    "native": _("Mother tongue"),
}
WORKING_LEVELS = ("C1", "C2", "native")  # "fluent", as the UN's vacancy notices ask
GAP = 92  # days: a gap longer than three months is flagged


@dataclass(frozen=True)
class Check:
    """One rule of a post against a candidate: met or not, and the plain values it was
    judged on (codes, numbers), which `explanations.explain` puts in words for the
    reader: an adviser or the candidate, in their language."""

    rule: str  # citizenship, age, degree, experience, language:<code>
    ok: bool
    values: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"rule": self.rule, "ok": self.ok, "values": self.values}


def age_on(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _days(periods: list[tuple[datetime.date, datetime.date]]) -> int:
    """Days covered by the periods, overlaps counted once."""
    days, end = 0, None
    for start, stop in sorted(periods):
        if end is not None and start <= end:
            if stop > end:
                days += (stop - end).days
                end = stop
            continue
        days += (stop - start).days
        end = stop
    return days


def experience_days(candidate, until: datetime.date) -> int:
    periods = [
        (w.started_on, min(w.ended_on or until, until))
        for w in candidate.work
        if w.started_on <= until
    ]
    return _days(periods)


def _age(post, person, deadline) -> Check:
    if person.birth_date is None:
        return Check("age", False, {"limit": post.max_age, "age": None})
    age = age_on(person.birth_date, deadline)
    return Check("age", age <= post.max_age, {"limit": post.max_age, "age": age})


def check(post, person, candidate) -> list[Check]:
    """Each of the post's rules against the candidate's profile, on the closing date."""
    deadline = post.deadline.date()
    checks = []
    if post.citizenship:
        values = {"wanted": list(post.citizenship), "found": person.citizenship}
        checks.append(Check("citizenship", person.citizenship in post.citizenship, values))
    if post.max_age is not None:
        checks.append(_age(post, person, deadline))
    if post.min_degree:
        done = [e for e in candidate.education if e.finished_on and e.finished_on <= deadline]
        best = max(done, key=lambda e: RANK.get(e.degree, 0), default=None)
        found = best.degree if best is not None else None
        ok = best is not None and RANK.get(found, 0) >= RANK[post.min_degree]
        checks.append(Check("degree", ok, {"wanted": post.min_degree, "found": found}))
    if post.min_experience_years:
        days = experience_days(candidate, deadline)
        years = post.min_experience_years
        # A year is 365 days here: a leap day never costs a candidate the post.
        checks.append(Check("experience", days >= 365 * years, {"years": years, "days": days}))
    levels = {skill.code: skill.level for skill in candidate.languages}
    for code in post.languages:
        level = levels.get(code)
        checks.append(
            Check(f"language:{code}", level in WORKING_LEVELS, {"code": code, "level": level})
        )
    return checks


def assess(candidacy) -> None:
    """Check the application's post against the candidate's profile as it is now, and
    keep the result on the application."""
    candidate = candidacy.candidate
    checks = check(candidacy.post, candidate.person, candidate)
    candidacy.checks = [c.as_json() for c in checks]
    candidacy.eligible = all(c.ok for c in checks)


def gaps(candidate, today: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The spells of more than three months between periods of study and work, from the
    first period to today."""
    periods = sorted(
        [(e.started_on, e.finished_on or today) for e in candidate.education]
        + [(w.started_on, w.ended_on or today) for w in candidate.work]
    )
    found, end = [], None
    for start, stop in periods:
        if end is not None and (start - end).days > GAP:
            found.append((end, start))
        end = stop if end is None else max(end, stop)
    if end is not None and (today - end).days > GAP:
        found.append((end, today))
    return found
