"""Demonstration data of the network and the careers: JPOs and UNVs placed since 2016
with their later careers (so the retention figures have something to tell), about two
hundred Norwegians in international organisations across New York, Geneva, Nairobi,
Rome and Washington, the 6 May network meeting, and the advisers' information pages."""

from __future__ import annotations

import datetime
import random

from norec_core import (
    Activity,
    Person,
    demo_subscription,
    now,
    register,
    save_user,
    site,
)
from norec_multilateral import members
from norec_multilateral.demo_pages import PAGES
from norec_multilateral.models import CareerStep, InfoPage, NetworkMember, Placement

STATIONS = (
    ("New York", "US", ("UNDP", "UNICEF", "UN Women")),
    ("Geneva", "CH", ("WHO", "UNHCR")),
    ("Nairobi", "KE", ("UNDP", "UNICEF", "UNV")),
    ("Rome", "IT", ("WFP", "FAO")),
    ("Washington", "US", ("World Bank",)),
    ("Abidjan", "CI", ("AfDB",)),
    ("Bangkok", "TH", ("UNDP", "FAO")),
    ("Amman", "JO", ("UNHCR", "WFP")),
)
WEIGHTS = (42, 46, 36, 30, 26, 8, 10, 8)  # members per duty station, about two hundred
GIVEN = (
    "Kari",
    "Per",
    "Anne",
    "Lars",
    "Marit",
    "Knut",
    "Hilde",
    "Erik",
    "Siri",
    "Bjørn",
    "Liv",
    "Tor",
    "Randi",
    "Odd",
    "Astrid",
    "Geir",
    "Tone",
    "Arne",
    "Gro",
    "Rune",
)
FAMILY = (
    "Nordmann",
    "Hauge",
    "Aasen",
    "Myhre",
    "Sandvik",
    "Holm",
    "Foss",
    "Rønning",
    "Nygaard",
    "Lien",
    "Sæther",
    "Halvorsen",
    "Bråten",
    "Løken",
    "Ødegård",
)
POSITIONS = (
    "Programme officer",
    "Policy specialist",
    "Operations manager",
    "Senior adviser",
    "Economist",
    "Country director",
    "Communications officer",
)
GRADES = ("P-2", "P-3", "P-4", "P-5", "D-1", "GF", "GG", "NO-B")
CONTRACTS = ("staff", "staff", "staff", "jpo", "unv", "secondment", "consultant")
TITLES = {
    "jpo": "Junior Professional Officer",
    "unv": "UN Volunteer",
    "senior": "Seconded senior adviser",
}
CAREER_EMPLOYERS = ("Norad", "Ministry of Foreign Affairs", "Norwegian Refugee Council", "DNB")


def load(dbsession, organisations) -> None:
    rng = random.Random(11)  # noqa: S311 (no secret is drawn)
    people = _members(dbsession, organisations, rng)
    _placements(dbsession, organisations, rng)
    _meetings(dbsession, organisations, people, rng)
    for n, (slug, titles, texts) in enumerate(PAGES):
        dbsession.add(
            InfoPage(slug=slug, position=n, titles=titles, texts=texts, updated_by="demonstration")
        )
    dbsession.flush()


def _members(dbsession, organisations, rng) -> list[Person]:
    people = []
    n = 0
    for (station, country, agencies), count in zip(STATIONS, WEIGHTS, strict=True):
        for _ in range(count):
            given, family = GIVEN[n % len(GIVEN)], FAMILY[(n * 3) % len(FAMILY)]
            email = f"{given.lower()}.{family.lower()}.{n}@un.example.org".replace("ø", "o")
            email = email.replace("æ", "ae").replace("å", "a")
            status = "member" if n % 40 not in (7, 19, 33) else "pending"
            member = NetworkMember(
                given_name=given,
                family_name=family,
                email=email,
                organisation=organisations[rng.choice(agencies)],
                position=rng.choice(POSITIONS),
                grade=rng.choice(GRADES),
                duty_station=station,
                country=country,
                contract=rng.choice(CONTRACTS),
                listed=rng.random() < 0.75,
                status=status,
                created_at=now() - datetime.timedelta(days=rng.randint(3, 500)),
            )
            if status == "member":
                person = Person(
                    given_name=given,
                    family_name=family,
                    email=email,
                    country=country,
                    city=station,
                    employer=member.organisation.name,
                    consent_directory=member.listed,
                )
                dbsession.add(person)
                dbsession.flush()
                member.person_id, member.decided_at = person.id, member.created_at
                demo_subscription(
                    dbsession,
                    person,
                    members.MAILING_LIST.name,
                    members.MAILING_LIST.text.interpolate(),
                    members.MAILING_LIST.version,
                )
                people.append(person)
            dbsession.add(member)
            n += 1
    first = people[0]
    save_user(
        dbsession, first.email, "demo-member", display_name=first.full_name
    ).person_id = first.id
    return people


def _placements(dbsession, organisations, rng) -> None:
    """JPOs, UNVs and secondments placed each of the ten years before this one, and where
    they went after: most JPOs stay in the system, fewer UNVs do."""
    agencies = ("UNDP", "UNICEF", "WFP", "UNHCR", "WHO", "FAO", "UN Women")
    n = 0
    this_year = now().date().year
    for year in range(this_year - 10, this_year):
        for programme, count in (("jpo", 6), ("unv", 4), ("senior", 1)):
            for _ in range(count):
                started = datetime.date(year, 1 + n % 12, 1)
                length = {"jpo": 3, "unv": 1, "senior": 2}[programme]
                ended = started.replace(year=year + length)
                person = Person(
                    given_name=GIVEN[(n + 7) % len(GIVEN)],
                    family_name=FAMILY[(n + 2) % len(FAMILY)],
                    email=f"placed.{n}@example.no",
                    country="NO",
                )
                agency = "UNV" if programme == "unv" else rng.choice(agencies)
                placement = Placement(
                    person=person,
                    programme=programme,
                    organisation=organisations[agency],
                    title=TITLES[programme],
                    duty_station=rng.choice(("Nairobi", "Geneva", "New York", "Rome", "Dhaka")),
                    started_on=started,
                    ended_on=ended if ended < now().date() else None,
                )
                stays = rng.random() < (0.75 if programme == "jpo" else 0.45)
                if placement.ended_on is not None:
                    placement.steps.append(
                        CareerStep(
                            employer=organisations[rng.choice(agencies)].name
                            if stays
                            else rng.choice(CAREER_EMPLOYERS),
                            title=rng.choice(POSITIONS),
                            in_system=stays,
                            started_on=ended + datetime.timedelta(days=rng.randint(1, 90)),
                            ended_on=None,
                        )
                    )
                dbsession.add(placement)
                n += 1


def _days_ahead(days: int, hour: int) -> datetime.datetime:
    """A whole hour (UTC) `days` after the day the demonstration is loaded."""
    day = now() + datetime.timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def _meetings(dbsession, organisations, people, rng) -> None:
    """The first digital meeting, on 6 May, drew more than fifty; the next one is in
    Geneva."""
    first = Activity(
        title="Digital meeting of Norwegians in international organisations",
        kind=members.MEETING,
        starts_at=datetime.datetime(2026, 5, 6, 12, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 5, 6, 13, 30, tzinfo=datetime.UTC),
        timezone=site().timezone.key,
        online_url="https://meet.example.org/norwegians-in-the-un",
        capacity=300,
        organisation=organisations["UNV"],
        description="News on JPO and UNV recruitment, the rules for Norwegians abroad, and "
        "how to stay in the system after a junior post.",
    )
    geneva = Activity(
        title="Network gathering in Geneva",
        kind=members.MEETING,
        starts_at=_days_ahead(75, 17),
        ends_at=_days_ahead(75, 19),
        timezone="Europe/Zurich",
        place="Permanent Mission of Norway, Geneva",
        capacity=60,
        organisation=organisations["WHO"],
        description="An evening with colleagues from WHO, UNHCR and the other Geneva agencies.",
    )
    information = Activity(
        title="Information meeting: the JPO round open for applications",
        kind="information_meeting",
        # Two weeks after the demonstration is loaded: before the open JPO round closes.
        starts_at=_days_ahead(14, 14),
        ends_at=_days_ahead(14, 15),
        timezone=site().timezone.key,
        online_url="https://meet.example.org/jpo-round",
        capacity=200,
        organisation=organisations["UNV"],
        description="How the JPO programme works, who may apply, and how Norec screens.",
    )
    dbsession.add_all([first, geneva, information])
    dbsession.flush()
    for person in rng.sample(people, 56):
        register(dbsession, first, person)
    geneva_people = [p for p in people if p.city == "Geneva"]
    for person in rng.sample(geneva_people, 22):
        register(dbsession, geneva, person)
