"""Demonstration data: a JPO round with posts at UNDP and UNICEF, UNV assignments and a
senior post at the World Bank, candidates with profiles, and the 6 May network meeting."""

from __future__ import annotations

import datetime
import random
import zoneinfo

from sqlalchemy import select

from norec_core import (
    Activity,
    Organisation,
    Person,
    demo_organisation,
    demo_person,
    import_history,
    now,
    register,
)
from norec_multilateral import eligibility
from norec_multilateral.models import (
    Candidacy,
    Candidate,
    Education,
    LanguageSkill,
    MultilateralPost,
    PanelScore,
    Work,
)
from norec_multilateral.workflow import CANDIDACY_WORKFLOW

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
ORGANISATIONS = (
    ("United Nations Development Programme (UNDP)", "US", "https://www.undp.org"),
    ("UNICEF", "US", "https://www.unicef.org"),
    ("World Bank", "US", "https://www.worldbank.org"),
    ("African Development Bank", "CI", "https://www.afdb.org"),
)
POSTS = (
    ("jpo", "UNDP", "Programme Analyst, Climate Resilience", "Nairobi", "KE", "P-2", "climate"),
    ("jpo", "UNDP", "Governance Specialist", "New York", "US", "P-2", "governance"),
    ("jpo", "UNICEF", "Education Officer", "Kathmandu", "NP", "P-2", "education"),
    ("jpo", "UNICEF", "Health Officer, Immunisation", "Geneva", "CH", "P-2", "health"),
    ("unv", "UNV", "Monitoring and Evaluation Specialist", "Rome", "IT", "UNV specialist", "food"),
    ("unv", "UNV", "Youth Volunteer, Communications", "Nairobi", "KE", "UNV youth", "media"),
    ("senior", "World Bank", "Senior Energy Economist", "Washington", "US", "GG", "energy"),
)
NAMES = (
    ("Ingrid", "Solberg"),
    ("Magnus", "Haugen"),
    ("Sofie", "Berg"),
    ("Jonas", "Lie"),
    ("Emma", "Dahl"),
    ("Henrik", "Moen"),
    ("Nora", "Vik"),
    ("Elias", "Strand"),
    ("Sara", "Lund"),
    ("Ola", "Bakke"),
    ("Ida", "Eide"),
    ("Kristian", "Nilsen"),
)


def _organisation(dbsession, name: str, country: str, website: str) -> Organisation:
    found = dbsession.scalars(select(Organisation).where(Organisation.name == name)).first()
    if found is None:
        found = Organisation(name=name, country=country, kind="international", website=website)
        dbsession.add(found)
    return found


def load(dbsession) -> None:
    meeting = Activity(
        title="Digital meeting for Norwegians in UN organisations",
        kind="information_meeting",
        starts_at=datetime.datetime(2027, 5, 6, 14, 0, tzinfo=OSLO),
        ends_at=datetime.datetime(2027, 5, 6, 15, 30, tzinfo=OSLO),
        timezone="Europe/Oslo",
        online_url="https://meet.example.org/norwegians-in-the-un",
        capacity=200,
        organisation=demo_organisation(dbsession, "United Nations Volunteers (UNV)"),
        description="News on JPO and UNV recruitment, and how to stay in the system.",
    )
    dbsession.add(meeting)
    dbsession.flush()
    register(dbsession, meeting, demo_person(dbsession, "kari.nordmann@example.org"))
    organisations = {
        "UNDP": _organisation(dbsession, *ORGANISATIONS[0]),
        "UNICEF": _organisation(dbsession, *ORGANISATIONS[1]),
        "World Bank": _organisation(dbsession, *ORGANISATIONS[2]),
        "UNV": demo_organisation(dbsession, "United Nations Volunteers (UNV)"),
    }
    _organisation(dbsession, *ORGANISATIONS[3])
    deadline = (
        (now() + datetime.timedelta(days=40))
        .astimezone(OSLO)
        .replace(hour=12, minute=0, second=0, microsecond=0)
    )
    posts = []
    for n, (programme, agency, title, station, country, grade, field) in enumerate(POSTS):
        jpo = programme == "jpo"
        posts.append(
            MultilateralPost(
                programme=programme,
                organisation=organisations[agency],
                title=title,
                duty_station=station,
                country=country,
                grade=grade,
                field=field,
                description=f"{title} in {station}, funded by Norway.",
                citizenship=["NO"] if programme != "senior" else [],
                max_age=32 if jpo else None,
                min_degree="master" if programme != "unv" or n == 4 else "bachelor",
                min_experience_years=2 if jpo else (5 if programme == "senior" else 0),
                languages=["en"] + (["fr"] if n == 3 else []),
                deadline=deadline if n != 1 else deadline - datetime.timedelta(days=60),
                published=True,
            )
        )
    dbsession.add_all(posts)
    dbsession.flush()
    _candidates(dbsession, posts)


def _candidates(dbsession, posts) -> None:
    """Twelve candidates with profiles; each applies for two or three posts, some of them
    short of a requirement (too old, a degree not finished, too little experience)."""
    rng = random.Random(6)  # noqa: S311 (no secret is drawn)
    candidacies = []
    for n, (given, family) in enumerate(NAMES):
        born = datetime.date(1991 + n % 8, 1 + n % 12, 1 + n)
        person = Person(
            given_name=given,
            family_name=family,
            email=f"{given.lower()}.{family.lower()}@example.no",
            country="NO",
            citizenship="NO" if n != 5 else "SE",
            birth_date=born,
        )
        graduated = datetime.date(born.year + 25 + n % 3, 6, 15)
        candidate = Candidate(
            person=person,
            education=[
                Education(
                    degree="bachelor",
                    field="Development studies",
                    institution="University of Oslo",
                    country="NO",
                    started_on=datetime.date(born.year + 19, 8, 15),
                    finished_on=datetime.date(born.year + 22, 6, 15),
                ),
                Education(
                    degree="master",
                    field="Economics",
                    institution="NMBU",
                    country="NO",
                    started_on=datetime.date(born.year + 23, 8, 15),
                    finished_on=graduated if n != 7 else None,
                ),
            ],
            work=[
                Work(
                    employer="Norad",
                    title="Adviser",
                    country="NO",
                    started_on=graduated + datetime.timedelta(days=60 + 120 * (n % 4 == 0)),
                    ended_on=None,
                ),
            ],
            languages=[
                LanguageSkill(code="en", level="C1" if n != 9 else "B2"),
                LanguageSkill(code="nb", level="native"),
            ]
            + ([LanguageSkill(code="fr", level="C1")] if n % 3 == 0 else []),
        )
        dbsession.add(candidate)
        dbsession.flush()
        for post in rng.sample(posts, rng.choice((2, 3))):
            checks = eligibility.check(post, person, candidate)
            candidacies.append(
                Candidacy(
                    post=post,
                    candidate=candidate,
                    person_id=person.id,
                    motivation="I have worked with this for years and want to serve in the UN.",
                    submitted_at=now() - datetime.timedelta(days=rng.randint(1, 20)),
                    eligible=all(c.ok for c in checks),
                    checks=[c.as_json(lambda text: text.interpolate()) for c in checks],
                )
            )
    dbsession.add_all(candidacies)
    _steps(dbsession, candidacies)


# How far each application has come, in turn: every state of the workflow is shown.
PATHS = (
    (),
    ("screen_in",),
    ("screen_out",),
    ("screen_in", "longlist"),
    ("screen_in", "longlist", "interview"),
    ("screen_in", "longlist", "interview", "shortlist"),
    ("screen_in", "longlist", "interview", "shortlist", "nominate"),
    ("screen_in", "longlist", "interview", "shortlist", "nominate", "select"),
    ("screen_in", "longlist", "not_select"),
    ("withdraw",),
)
REASONS = {
    "screen_out": "The master's degree is not finished by the deadline.",
    "not_select": "Others came closer to the post's profile.",
}


def _steps(dbsession, candidacies) -> None:
    start = now() - datetime.timedelta(days=15)
    for n, candidacy in enumerate(candidacies):
        steps = PATHS[n % len(PATHS)]
        import_history(  # flushes first: the application has its id for the scores
            dbsession,
            candidacy,
            CANDIDACY_WORKFLOW,
            [
                (
                    name,
                    start + datetime.timedelta(days=2 * k),
                    "Recruitment adviser",
                    REASONS.get(name, ""),
                )
                for k, name in enumerate(steps)
            ],
        )
        if "interview" in steps:
            for panellist, score in (("Kari Nordmann, Norec", 4), ("UNDP HR", 3 + n % 3)):
                dbsession.add(
                    PanelScore(candidacy_id=candidacy.id, panellist=panellist, score=score)
                )
