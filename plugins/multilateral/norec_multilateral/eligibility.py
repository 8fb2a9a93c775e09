"""Who may apply for a post, checked rule by rule and explained: citizenship, the age
limit at the deadline (a JPO must not be over 32, as a rule), the degree, the years of
work experience and the languages at working level. And the gaps of more than three
months between a candidate's periods of study and work, which the UN Personal History
form asks to be explained.

Each check says what was asked and what was found, so that a candidate sees why, and an
adviser can overrule with a reason where the rule's spirit is met.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from norec_multilateral.i18n import _

DEGREES = {
    "bachelor": _("Bachelor's degree"),
    "master": _("Master's degree"),
    "doctorate": _("Doctorate"),
    "other": _("Other education"),
}
RANK = {"other": 0, "bachelor": 1, "master": 2, "doctorate": 3}
LEVELS = {
    "A1": "A1",
    "A2": "A2",
    "B1": "B1",
    "B2": "B2",
    "C1": "C1",
    "C2": "C2",
    "native": _("Mother tongue"),
}
WORKING_LEVELS = ("C1", "C2", "native")  # "fluent", as the UN's vacancy notices ask
GAP = 92  # days: a gap longer than three months is flagged


@dataclass(frozen=True)
class Check:
    rule: str  # citizenship, age, degree, experience, language
    ok: bool
    explanation: object  # a translation string

    def as_json(self, translate) -> dict:
        return {"rule": self.rule, "ok": self.ok, "explanation": translate(self.explanation)}


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


def check(post, person, candidate) -> list[Check]:
    deadline = post.deadline.date()
    checks = []
    if post.citizenship:
        wanted = ", ".join(post.citizenship)
        ok = person.citizenship in post.citizenship
        checks.append(
            Check(
                "citizenship",
                ok,
                _(
                    "Citizenship ${wanted} asked; yours on record: ${found}.",
                    mapping={"wanted": wanted, "found": person.citizenship or "–"},
                ),
            )
        )
    if post.max_age is not None:
        if person.birth_date is None:
            checks.append(
                Check("age", False, _("Give your birth date: the post has an age limit."))
            )
        else:
            age = age_on(person.birth_date, deadline)
            checks.append(
                Check(
                    "age",
                    age <= post.max_age,
                    _(
                        "At most ${limit} years old at the deadline; you will be ${age}.",
                        mapping={"limit": post.max_age, "age": age},
                    ),
                )
            )
    if post.min_degree:
        done = [e for e in candidate.education if e.finished_on and e.finished_on <= deadline]
        best = max((RANK.get(e.degree, 0) for e in done), default=-1)
        checks.append(
            Check(
                "degree",
                best >= RANK[post.min_degree],
                _(
                    "At least a ${degree}, finished by the deadline.",
                    mapping={"degree": DEGREES[post.min_degree]},
                ),
            )
        )
    if post.min_experience_years:
        days = experience_days(candidate, deadline)
        checks.append(
            Check(
                "experience",
                # A year is 365 days here: a leap day never costs a candidate the post.
                days >= 365 * post.min_experience_years,
                _(
                    "At least ${years} years of work; you have ${found} by the deadline.",
                    mapping={
                        "years": post.min_experience_years,
                        "found": f"{days // 365} y {days % 365 * 12 // 365} m",
                    },
                ),
            )
        )
    levels = {skill.code: skill.level for skill in candidate.languages}
    for code in post.languages:
        checks.append(
            Check(
                f"language:{code}",
                levels.get(code) in WORKING_LEVELS,
                _(
                    "${language} at working level (C1, C2 or mother tongue); yours: ${level}.",
                    mapping={"language": code, "level": levels.get(code, "–")},
                ),
            )
        )
    return checks


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
