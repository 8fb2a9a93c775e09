"""Demonstration candidates: some 150 Norwegians with whole profiles shaped on the UN
Personal History form, aged from the day the demonstration is loaded."""

from __future__ import annotations

import datetime
import random

from norec_core import Person
from norec_multilateral.models import Candidate, Education, LanguageSkill, Reference, Work

GIVEN = (
    "Ingrid",
    "Magnus",
    "Sofie",
    "Jonas",
    "Emma",
    "Henrik",
    "Nora",
    "Elias",
    "Sara",
    "Ola",
    "Ida",
    "Kristian",
    "Thea",
    "Sander",
    "Maja",
    "Filip",
    "Hanna",
    "Tobias",
    "Ingeborg",
    "Amir",
    "Leah",
    "Mathias",
    "Aisha",
    "Even",
    "Sigrid",
    "Daniel",
    "Marte",
    "Yusuf",
)
FAMILY = (
    "Solberg",
    "Haugen",
    "Berg",
    "Lie",
    "Dahl",
    "Moen",
    "Vik",
    "Strand",
    "Lund",
    "Bakke",
    "Eide",
    "Nilsen",
    "Hansen",
    "Johansen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Ali",
    "Nguyen",
    "Hussain",
    "Aas",
    "Brekke",
    "Tveit",
)
CANDIDATES = 150
STUDIES = (
    ("Development studies", "University of Oslo"),
    ("Economics", "Norwegian School of Economics (NHH)"),
    ("Public health", "University of Bergen"),
    ("International environment studies", "NMBU"),
    ("Political science", "NTNU"),
    ("Human rights law", "University of Oslo"),
)
EMPLOYERS = (
    "Norad",
    "Norwegian Red Cross",
    "Norwegian Refugee Council",
    "Save the Children Norway",
    "Ministry of Foreign Affairs",
    "Statistics Norway",
    "Norfund",
    "Oxfam",
)


def candidates(dbsession, today) -> list[Candidate]:
    """Candidates with whole profiles, aged 25 to 33 today; some fall short of a rule (too
    old, a degree not finished, too little experience, a language not at working level).
    The first, the demonstration login, misses only English at working level (B2)."""
    rng = random.Random(6)  # noqa: S311 (no secret is drawn)
    found = []
    for n in range(CANDIDATES):
        given, family = GIVEN[n % len(GIVEN)], FAMILY[(n * 7) % len(FAMILY)]
        born = datetime.date(today.year - 25 - n % 9, 1 + n % 12, 1 + n % 28)
        person = Person(
            given_name=given,
            family_name=family,
            email=f"{given.lower()}.{family.lower()}.{n}@example.no",
            country="NO",
            citizenship="NO" if (n + 1) % 23 else "SE",
            birth_date=born,
        )
        field, institution = STUDIES[n % len(STUDIES)]
        graduated = datetime.date(born.year + 23 + n % 2, 6, 15)
        work_start = graduated + datetime.timedelta(days=60 + 150 * (n % 5 == 4))
        candidate = Candidate(
            person=person,
            education=[
                Education(
                    degree="bachelor",
                    field="Social sciences",
                    institution=institution,
                    country="NO",
                    started_on=datetime.date(born.year + 18, 8, 15),
                    finished_on=datetime.date(born.year + 21, 6, 15),
                ),
                Education(
                    degree="master",
                    field=field,
                    institution=institution,
                    country="NO",
                    started_on=datetime.date(born.year + 21, 8, 15),
                    finished_on=graduated if (n + 1) % 17 else None,
                ),
            ],
            work=[
                Work(
                    employer=rng.choice(EMPLOYERS),
                    title=rng.choice(("Adviser", "Project coordinator", "Analyst")),
                    country=rng.choice(("NO", "NO", "KE", "UG", "NP")),
                    started_on=work_start,
                    ended_on=None,
                    duties="Planning and follow-up of projects with partners in the South.",
                )
            ],
            languages=[
                LanguageSkill(code="en", level="C1" if n % 11 else "B2"),
                LanguageSkill(code="nb", level="native"),
                *([LanguageSkill(code="fr", level="C1")] if n % 3 == 0 else []),
            ],
            references=[
                Reference(
                    name=f"{GIVEN[(n + 5) % len(GIVEN)]} {FAMILY[(n + 3) % len(FAMILY)]}",
                    relation="Former supervisor",
                    organisation=rng.choice(EMPLOYERS),
                    email=f"reference.{n}@example.org",
                )
            ],
        )
        dbsession.add(candidate)
        found.append(candidate)
    dbsession.flush()
    return found
