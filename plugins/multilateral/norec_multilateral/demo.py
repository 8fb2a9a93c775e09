"""Demonstration data, dated from the day it is loaded: a JPO round closed (every post
filled or not), a JPO round in screening (posts at UNDP, UNICEF and five other agencies,
some 150 candidates with applications in every state, one post filled and two shortlists
with the organisations), a JPO round open for applications, the UNV round open too, the
next JPO round being reserved, a senior post at the World Bank, the talent pool and
candidates' alerts. `demo_network` adds the placements of earlier years, the network and
the pages."""

from __future__ import annotations

import datetime

from sqlalchemy import select

from norec_core import SITE_TIMEZONE, Organisation, demo_organisation, now, save_user
from norec_multilateral import demo_applications, demo_candidates, demo_network
from norec_multilateral.models import MultilateralPost, RecruitmentRound

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
    ("jpo_open", "UNICEF", "Nutrition Officer", "Geneva", "CH", "P-2", "health"),
    ("jpo_open", "UNDP", "Digital Governance Analyst", "Bangkok", "TH", "P-2", "governance"),
    ("jpo_open", "WFP", "Supply Chain Officer", "Nairobi", "KE", "P-2", "logistics"),
    ("jpo_open", "UNHCR", "Associate Protection Officer", "Geneva", "CH", "P-2", "protection"),
    ("jpo_closed", "UNICEF", "WASH Officer", "Maputo", "MZ", "P-2", "water"),
    ("jpo_closed", "FAO", "Food Security Analyst", "Rome", "IT", "P-2", "food"),
    ("jpo_closed", "UNDP", "Anti-corruption Analyst", "Addis Ababa", "ET", "P-2", "governance"),
    ("jpo28", "UNICEF", "Child Protection Officer", "Dar es Salaam", "TZ", "P-2", "protection"),
    ("jpo28", "FAO", "Fisheries Officer", "Rome", "IT", "P-2", "fisheries"),
    ("jpo28", "UNDP", "Energy Transition Analyst", "Hanoi", "VN", "P-2", "energy"),
    (None, "World Bank", "Senior Energy Economist", "Washington", "US", "GG", "energy"),
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


def _round(programme: str, title: str, published: int | None, deadline: int, notes: str = ""):
    """A round published `published` days from today (None: not yet) with its deadline
    `deadline` days from today, titled by the deadline's month."""
    today = now().astimezone(SITE_TIMEZONE).date()
    closing = _noon(deadline)
    return RecruitmentRound(
        programme=programme,
        title=f"{title}, {closing:%B %Y}",
        published_on=today + datetime.timedelta(days=published) if published is not None else None,
        deadline=closing,
        notes=notes,
    )


def _reserved(recruitment_round, n: int, today) -> datetime.date:
    """Posts are reserved with the agencies a month or two before their round opens."""
    opened = recruitment_round.published_on or today
    return opened - datetime.timedelta(days=30 + n % 20)


def _rounds() -> dict[str, RecruitmentRound]:
    return {
        "jpo_closed": _round(
            "jpo", "JPO round", -330, -300, "Three posts; the agencies decided in the spring."
        ),
        "jpo27": _round(
            "jpo",
            "JPO round",
            -70,
            -40,
            "Eight posts reserved with the agencies. Interviews on Teams.",
        ),
        "jpo_open": _round("jpo", "JPO round", -10, 30, "Four posts, open for applications."),
        "unv27": _round("unv", "UN Volunteers", -5, 35),
        "jpo28": _round(
            "jpo",
            "JPO round",
            None,
            150,
            "Reservations under discussion with UNICEF, FAO and UNDP.",
        ),
    }


def load(dbsession) -> None:
    organisations = {key: _organisation(dbsession, key) for key in ORGANISATIONS}
    organisations["UNV"] = demo_organisation(dbsession, "United Nations Volunteers (UNV)")
    today = now().astimezone(SITE_TIMEZONE).date()
    rounds = _rounds()
    dbsession.add_all(rounds.values())
    posts = []
    for n, (key, agency, title, station, country, grade, field) in enumerate(POSTS):
        programme = rounds[key].programme if key else "senior"
        jpo = programme == "jpo"
        published = key != "jpo28"
        posts.append(
            MultilateralPost(
                round=rounds[key] if key else None,
                reserved_on=_reserved(rounds[key], n, today) if key else None,
                programme=programme,
                organisation=organisations[agency],
                title=title,
                duty_station=station,
                country=country,
                grade=grade,
                field=field,
                description=f"{title} in {station}, funded by Norway for two years, with a "
                "possible third. The post reports to the head of the programme.",
                # As the UN advertises it, the title stays in English; the description is
                # given in the candidates' languages too.
                text_language="en",
                translations={
                    "nn": {
                        "description": f"{title} i {station}, finansiert av Noreg i to år, "
                        "med høve til eit tredje. Stillinga rapporterer til leiaren for "
                        "programmet."
                    },
                    "nb": {
                        "description": f"{title} i {station}, finansiert av Norge i to år, "
                        "med mulighet for et tredje. Stillingen rapporterer til lederen for "
                        "programmet."
                    },
                },
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
    candidates = demo_candidates.candidates(dbsession, today)
    demo_applications.apply(dbsession, candidates, rounds, today)
    demo_applications.pool_and_alerts(dbsession, candidates, organisations)
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
