"""The eligibility rules, each with what was asked and what was found, and the gaps
between periods of study and work."""

from __future__ import annotations

import datetime
from types import SimpleNamespace as Record

from norec_multilateral import eligibility

D = datetime.date
DEADLINE = datetime.datetime(2027, 3, 1, 12, 0, tzinfo=datetime.UTC)


def _post(**kw):
    values = {
        "citizenship": ["NO"],
        "max_age": 32,
        "min_degree": "master",
        "min_experience_years": 2,
        "languages": ["en", "fr"],
        "deadline": DEADLINE,
    }
    return Record(**(values | kw))


def _candidate(education=(), work=(), languages=()):
    return Record(
        education=[Record(degree=d, started_on=s, finished_on=f) for d, s, f in education],
        work=[Record(started_on=s, ended_on=e) for s, e in work],
        languages=[Record(code=c, level=lv) for c, lv in languages],
    )


ELIGIBLE = _candidate(
    education=[
        ("bachelor", D(2013, 8, 1), D(2016, 6, 1)),
        ("master", D(2016, 8, 1), D(2018, 6, 1)),
    ],
    work=[(D(2018, 9, 1), D(2020, 8, 31)), (D(2020, 9, 1), None)],
    languages=[("en", "C1"), ("fr", "native"), ("sw", "A2")],
)


def _results(post, person, candidate):
    return {c.rule: c.ok for c in eligibility.check(post, person, candidate)}


def test_a_candidate_who_meets_every_rule():
    person = Record(citizenship="NO", birth_date=D(1995, 3, 2))
    assert _results(_post(), person, ELIGIBLE) == {
        "citizenship": True,
        "age": True,
        "degree": True,
        "experience": True,
        "language:en": True,
        "language:fr": True,
    }


def test_each_rule_fails_on_its_own_and_says_why():
    person = Record(citizenship="SE", birth_date=D(1994, 2, 28))  # 33 on the deadline
    results = eligibility.check(_post(languages=["es"]), person, ELIGIBLE)
    failed = {c.rule: c.values for c in results if not c.ok}
    assert set(failed) == {"citizenship", "age", "language:es"}
    assert failed["age"] == {"limit": 32, "age": 33}
    assert failed["citizenship"] == {"wanted": ["NO"], "found": "SE"}


def test_the_age_is_taken_on_the_deadline_day():
    assert eligibility.age_on(D(1994, 3, 1), D(2027, 3, 1)) == 33
    assert eligibility.age_on(D(1994, 3, 2), D(2027, 3, 1)) == 32


def test_a_degree_counts_only_if_finished_by_the_deadline():
    studying = _candidate(education=[("master", D(2025, 8, 1), D(2027, 6, 1))])
    person = Record(citizenship="NO", birth_date=D(2000, 1, 1))
    assert _results(_post(), person, studying)["degree"] is False


def test_overlapping_jobs_count_once_and_a_missing_birth_date_is_asked_for():
    overlapping = _candidate(work=[(D(2024, 1, 1), D(2025, 1, 1)), (D(2024, 6, 1), D(2025, 6, 1))])
    assert (
        eligibility.experience_days(overlapping, D(2027, 3, 1))
        == (D(2025, 6, 1) - D(2024, 1, 1)).days
    )
    two_years = _candidate(work=[(D(2021, 9, 1), D(2023, 9, 1))])  # 730 days, no leap day
    person = Record(citizenship="NO", birth_date=D(1996, 1, 1))
    assert _results(_post(), person, two_years)["experience"] is True
    person = Record(citizenship="NO", birth_date=None)
    (age,) = [c for c in eligibility.check(_post(), person, overlapping) if c.rule == "age"]
    assert not age.ok and age.values == {"limit": 32, "age": None}


def test_gaps_longer_than_three_months_are_flagged():
    candidate = _candidate(
        education=[("master", D(2016, 8, 1), D(2018, 6, 1))],
        work=[(D(2019, 1, 1), D(2021, 1, 1)), (D(2021, 2, 1), D(2022, 1, 1))],
    )
    assert eligibility.gaps(candidate, D(2022, 6, 1)) == [
        (D(2018, 6, 1), D(2019, 1, 1)),  # seven months after the degree
        (D(2022, 1, 1), D(2022, 6, 1)),  # and since the last job
    ]
    assert eligibility.gaps(ELIGIBLE, D(2026, 11, 30)) == []
