"""Demonstration data: the JPO round of 2027 (posts at UNDP, UNICEF and five other
agencies, some 150 candidates with applications in every state, one post filled and two
shortlists with the organisations), the UNV round open for applications, the JPO round of
2028 being reserved, a senior post at the World Bank, the talent pool and candidates'
alerts. `demo_network` adds the placements of earlier years, the network and the pages."""

from __future__ import annotations

import datetime
import random

from sqlalchemy import select

from norec_core import (
    SITE_TIMEZONE,
    Organisation,
    Person,
    demo_organisation,
    import_history,
    now,
    save_user,
)
from norec_multilateral import demo_network, eligibility
from norec_multilateral.models import (
    Alert,
    Candidacy,
    Candidate,
    Education,
    LanguageSkill,
    MultilateralPost,
    PanelScore,
    Placement,
    PoolEntry,
    RecruitmentRound,
    Reference,
    Work,
)
from norec_multilateral.workflow import CANDIDACY_WORKFLOW

ORGANISATIONS = {
    "UNDP": ("United Nations Development Programme (UNDP)", "US", "https://www.undp.org"),
    "UNICEF": ("UNICEF", "US", "https://www.unicef.org"),
    "WFP": ("World Food Programme (WFP)", "IT", "https://www.wfp.org"),
    "UNHCR": ("UNHCR, the UN Refugee Agency", "CH", "https://www.unhcr.org"),
    "WHO": ("World Health Organization (WHO)", "CH", "https://www.who.int"),
    "FAO": ("Food and Agriculture Organization (FAO)", "IT", "https://www.fao.org"),
    "UN Women": ("UN Women", "US", "https://www.unwomen.org"),
    "World Bank": ("World Bank", "US", "https://www.worldbank.org"),
    "AfDB": ("African Development Bank", "CI", "https://www.afdb.org"),
}
# (round, agency, title, duty station, country, grade, field)
POSTS = (
    ("jpo27", "UNDP", "Programme Analyst, Climate Resilience", "Nairobi", "KE", "P-2", "climate"),
    ("jpo27", "UNICEF", "Education Officer", "Kathmandu", "NP", "P-2", "education"),
    ("jpo27", "UNDP", "Governance Specialist", "New York", "US", "P-2", "governance"),
    ("jpo27", "UNICEF", "Health Officer, Immunisation", "Geneva", "CH", "P-2", "health"),
    ("jpo27", "WFP", "Programme Policy Officer, Cash Transfers", "Rome", "IT", "P-2", "food"),
    ("jpo27", "UNHCR", "Protection Officer", "Kampala", "UG", "P-2", "protection"),
    ("jpo27", "WHO", "Technical Officer, Health Systems", "Geneva", "CH", "P-2", "health"),
    (
        "jpo27",
        "UN Women",
        "Programme Specialist, Economic Empowerment",
        "New York",
        "US",
        "P-2",
        "gender",
    ),
    (
        "unv27",
        "UNV",
        "Monitoring and Evaluation Specialist",
        "Rome",
        "IT",
        "UNV specialist",
        "food",
    ),
    ("unv27", "UNV", "Youth Volunteer, Communications", "Nairobi", "KE", "UNV youth", "media"),
    ("unv27", "UNV", "Data Analyst", "Dhaka", "BD", "UNV specialist", "data"),
    ("unv27", "UNV", "Climate Finance Associate", "Maputo", "MZ", "UNV specialist", "climate"),
    ("unv27", "UNV", "Gender Specialist", "Lilongwe", "MW", "UNV specialist", "gender"),
    ("jpo28", "UNICEF", "Child Protection Officer", "Dar es Salaam", "TZ", "P-2", "protection"),
    ("jpo28", "FAO", "Fisheries Officer", "Rome", "IT", "P-2", "fisheries"),
    ("jpo28", "UNDP", "Energy Transition Analyst", "Hanoi", "VN", "P-2", "energy"),
    (None, "World Bank", "Senior Energy Economist", "Washington", "US", "GG", "energy"),
)
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


def _organisation(dbsession, key: str) -> Organisation:
    name, country, website = ORGANISATIONS[key]
    found = dbsession.scalars(select(Organisation).where(Organisation.name == name)).first()
    if found is None:
        found = Organisation(name=name, country=country, kind="international", website=website)
        dbsession.add(found)
    return found


def _noon(days: int) -> datetime.datetime:
    day = (now() + datetime.timedelta(days=days)).astimezone(SITE_TIMEZONE)
    return day.replace(hour=12, minute=0, second=0, microsecond=0)


def load(dbsession) -> None:
    organisations = {key: _organisation(dbsession, key) for key in ORGANISATIONS}
    organisations["UNV"] = demo_organisation(dbsession, "United Nations Volunteers (UNV)")
    today = now().astimezone(SITE_TIMEZONE).date()
    rounds = {
        "jpo27": RecruitmentRound(
            programme="jpo",
            title="JPO round 2027",
            published_on=today - datetime.timedelta(days=70),
            deadline=_noon(-40),
            notes="Eight posts reserved with the agencies in September. Interviews on Teams.",
        ),
        "unv27": RecruitmentRound(
            programme="unv",
            title="UN Volunteers, spring 2027",
            published_on=today - datetime.timedelta(days=5),
            deadline=_noon(35),
        ),
        "jpo28": RecruitmentRound(
            programme="jpo",
            title="JPO round 2028",
            deadline=_noon(120),
            notes="Reservations under discussion with UNICEF, FAO and UNDP.",
        ),
    }
    dbsession.add_all(rounds.values())
    posts = []
    for n, (key, agency, title, station, country, grade, field) in enumerate(POSTS):
        programme = rounds[key].programme if key else "senior"
        jpo = programme == "jpo"
        published = key != "jpo28"
        posts.append(
            MultilateralPost(
                round=rounds[key] if key else None,
                reserved_on=today - datetime.timedelta(days=100 - n) if key else None,
                programme=programme,
                organisation=organisations[agency],
                title=title,
                duty_station=station,
                country=country,
                grade=grade,
                field=field,
                description=f"{title} in {station}, funded by Norway for two years, with a "
                "possible third. The post reports to the head of the programme.",
                citizenship=["NO"] if programme != "senior" else [],
                max_age=32 if jpo else None,
                min_degree="master" if programme != "unv" or n % 2 else "bachelor",
                min_experience_years=2 if jpo else (5 if programme == "senior" else 0),
                languages=["en"] + (["fr"] if station in ("Geneva",) else []),
                deadline=rounds[key].deadline if key else _noon(25),
                published=published,
            )
        )
    dbsession.add_all(posts)
    dbsession.flush()
    candidates = _candidates(dbsession)
    _apply(dbsession, candidates, [p for p in posts if p.published], today)
    _pool_and_alerts(dbsession, candidates, organisations)
    save_user(
        dbsession,
        "recruitment@example.org",
        "demo-recruitment_adviser",
        display_name="Demo recruitment adviser",
        roles=["recruitment_adviser"],
    )
    first = candidates[0].person
    save_user(
        dbsession, first.email, "demo-candidate", display_name=first.full_name
    ).person_id = first.id
    demo_network.load(dbsession, organisations)


def _candidates(dbsession) -> list[Candidate]:
    """Candidates with whole profiles; some fall short of a rule (too old, a degree not
    finished, too little experience, a language not at working level)."""
    rng = random.Random(6)  # noqa: S311 (no secret is drawn)
    found = []
    for n in range(CANDIDATES):
        given, family = GIVEN[n % len(GIVEN)], FAMILY[(n * 7) % len(FAMILY)]
        born = datetime.date(1990 + n % 10, 1 + n % 12, 1 + n % 28)
        person = Person(
            given_name=given,
            family_name=family,
            email=f"{given.lower()}.{family.lower()}.{n}@example.no",
            country="NO",
            citizenship="NO" if n % 23 else "SE",
            birth_date=born,
        )
        field, institution = STUDIES[n % len(STUDIES)]
        graduated = datetime.date(born.year + 25 + n % 3, 6, 15)
        work_start = graduated + datetime.timedelta(days=60 + 150 * (n % 5 == 0))
        candidate = Candidate(
            person=person,
            education=[
                Education(
                    degree="bachelor",
                    field="Social sciences",
                    institution=institution,
                    country="NO",
                    started_on=datetime.date(born.year + 19, 8, 15),
                    finished_on=datetime.date(born.year + 22, 6, 15),
                ),
                Education(
                    degree="master",
                    field=field,
                    institution=institution,
                    country="NO",
                    started_on=datetime.date(born.year + 23, 8, 15),
                    finished_on=graduated if n % 17 else None,
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


# How far an application has come, by how far its post has come: every state is shown.
SCREENING = (
    (),
    ("screen_in",),
    ("screen_out",),
    ("screen_in", "longlist"),
    ("screen_in", "longlist", "interview"),
    ("screen_in", "longlist", "interview", "shortlist"),
    ("screen_in", "longlist", "not_select"),
    ("withdraw",),
)
SENT = (
    ("screen_out",),
    ("screen_in", "longlist", "not_select"),
    ("screen_in", "longlist", "interview", "not_select"),
    ("screen_in", "longlist", "interview", "shortlist", "nominate"),
)
REASONS = {
    "screen_out": "The master's degree is not finished by the deadline.",
    "not_select": "Others came closer to the post's profile.",
}


def _apply(dbsession, candidates, posts, today) -> None:
    rng = random.Random(7)  # noqa: S311
    jpo27 = [p for p in posts if p.round and p.round.title == "JPO round 2027"]
    filled, sent = jpo27[0], jpo27[:3]
    for candidate in candidates:
        for post in rng.sample(posts, rng.choice((1, 2, 2, 3))):
            checks = eligibility.check(post, candidate.person, candidate)
            candidacy = Candidacy(
                post=post,
                candidate=candidate,
                person_id=candidate.person_id,
                motivation="I have worked with this for years and want to serve in the UN.",
                submitted_at=post.deadline - datetime.timedelta(days=rng.randint(2, 30)),
                eligible=all(c.ok for c in checks),
                checks=[c.as_json(lambda text: text.interpolate()) for c in checks],
            )
            dbsession.add(candidacy)
            if post in sent:
                steps = rng.choice(SENT)
            elif post.deadline < now():
                steps = rng.choice(SCREENING)
            else:
                steps = ("withdraw",) if rng.random() < 0.05 else ()
            _history(dbsession, candidacy, steps, post.deadline, rng)
    for post in sent:
        post.shortlist_sent_on = today - datetime.timedelta(days=10)
    _select(dbsession, filled, today)


def _history(dbsession, candidacy, steps, deadline, rng) -> None:
    start = min(deadline, now()) + datetime.timedelta(days=1)
    import_history(
        dbsession,
        candidacy,
        CANDIDACY_WORKFLOW,
        [
            (
                name,
                start + datetime.timedelta(days=3 * k),
                "Recruitment adviser",
                REASONS.get(name, ""),
            )
            for k, name in enumerate(steps)
        ],
    )
    if "interview" in steps:
        for panellist in ("Kari Nordmann, Norec", "HR, the organisation"):
            dbsession.add(
                PanelScore(candidacy_id=candidacy.id, panellist=panellist, score=rng.randint(2, 5))
            )


def _select(dbsession, post, today) -> None:
    """The organisation chose one of the nominated: the post is filled and placed."""
    nominated = dbsession.scalars(
        select(Candidacy).where(Candidacy.post_id == post.id, Candidacy.state == "nominated")
    ).first()
    if nominated is None:
        return
    import_history(
        dbsession, nominated, CANDIDACY_WORKFLOW, [("select", now(), "Recruitment adviser", "")]
    )
    post.outcome = "filled"
    dbsession.add(
        Placement(
            person_id=nominated.person_id,
            candidacy_id=nominated.id,
            programme=post.programme,
            organisation_id=post.organisation_id,
            title=post.title,
            duty_station=post.duty_station,
            started_on=today + datetime.timedelta(days=60),
        )
    )


def _pool_and_alerts(dbsession, candidates, organisations) -> None:
    rng = random.Random(8)  # noqa: S311
    consented = now() - datetime.timedelta(days=300)
    for n, candidate in enumerate(candidates[10:22]):
        active = n % 4 != 3
        dbsession.add(
            PoolEntry(
                candidate_id=candidate.id,
                status="active" if active else "proposed",
                proposed_by="recruitment@example.org",
                proposed_at=consented - datetime.timedelta(days=3),
                reason="Strong interview in the JPO round 2026.",
                consented_at=consented if active else None,
                retain_until=(consented + datetime.timedelta(days=730 - 40 * n)).date()
                if active
                else None,
            )
        )
    for candidate in rng.sample(candidates, 40):
        dbsession.add(
            Alert(
                person_id=candidate.person_id,
                programme=rng.choice(("", "jpo", "unv")),
                organisation_id=rng.choice(
                    (None, organisations["UNICEF"].id, organisations["UNDP"].id)
                ),
                field=rng.choice(("", "health", "climate", "gender")),
            )
        )
