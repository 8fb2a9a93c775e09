"""Demonstration data: a network as it stands a year and a half after its start."""

import datetime
import random
import zoneinfo

from sqlalchemy import select

from norec_core import (
    SITE_TIMEZONE,
    Activity,
    Organisation,
    Person,
    demo_person,
    now,
    register,
    site,
)
from norec_network import demo_members, importing, matches, waves
from norec_network.models import (
    Alumnus,
    Invitation,
    JoinRequest,
    Member,
    PastExchange,
    PossibleMatch,
    Wave,
)

NAIROBI, KATHMANDU = zoneinfo.ZoneInfo("Africa/Nairobi"), zoneinfo.ZoneInfo("Asia/Kathmandu")


def load(dbsession) -> None:
    """The network's gatherings and webinar, its register, two waves, and the members who
    joined from them with their profiles and mentoring."""
    nairobi = Activity(
        title="Norec Network gathering in Nairobi",
        kind="gathering",
        starts_at=datetime.datetime(2023, 5, 23, 9, 0, tzinfo=NAIROBI),
        ends_at=datetime.datetime(2023, 5, 25, 16, 0, tzinfo=NAIROBI),
        timezone="Africa/Nairobi",
        place="Nairobi, Kenya",
        country="KE",
        capacity=120,
        description="Alumni from East Africa meet to share what the exchange led to.",
    )
    nepal = Activity(
        title="Norec Network gathering in Nepal",
        kind="gathering",
        starts_at=datetime.datetime(2024, 11, 14, 9, 0, tzinfo=KATHMANDU),
        ends_at=datetime.datetime(2024, 11, 16, 16, 0, tzinfo=KATHMANDU),
        timezone="Asia/Kathmandu",
        place="Kathmandu, Nepal",
        country="NP",
        capacity=80,
        description="Alumni from South Asia meet in Kathmandu.",
    )
    webinar = Activity(
        title="Webinar: using your exchange experience in your career",
        kind="webinar",
        starts_at=datetime.datetime(2027, 2, 10, 13, 0, tzinfo=SITE_TIMEZONE),
        ends_at=datetime.datetime(2027, 2, 10, 14, 30, tzinfo=SITE_TIMEZONE),
        online_url="https://meet.example.org/norec-network",
        capacity=300,
    )
    dbsession.add_all([nairobi, nepal, webinar, *_monthly()])
    _register(dbsession)
    _archive_import(dbsession)
    _waves(dbsession)
    dbsession.flush()
    demo_members.load_members(dbsession)
    _seats(dbsession)
    _requests(dbsession)
    demo_members.load_discussions(dbsession)
    demo_members.load_newsletter(dbsession)
    for activity, email in (
        (nairobi, "wanjiru.kamau@example.org"),
        (nepal, "bishnu.thapa@example.org"),
        (webinar, "priya.raman@example.org"),
    ):
        seat = register(dbsession, activity, demo_person(dbsession, email))
        if activity is not webinar:
            seat.attendance = "attended"  # gatherings that are over


def _monthly() -> list[Activity]:
    """A year of the monthly programme: digital gatherings, webinars and an e-learning
    course, with two months missed (the statistics show them below the aim), and an
    Arusha gathering to come whose seats are nearly taken."""
    moment = now().astimezone(SITE_TIMEZONE).replace(hour=15, minute=0, second=0, microsecond=0)
    found = []
    topics = (
        ("digital", "Digital gathering: alumni in health"),
        ("webinar", "Webinar: writing a partnership proposal"),
        ("digital", "Digital gathering: alumni in education"),
        ("elearning", "E-learning: intercultural communication"),
    )
    for months_ago in range(11, -1, -1):
        if months_ago in (4, 7):
            continue
        kind, title = topics[months_ago % len(topics)]
        index = moment.year * 12 + moment.month - 1 - months_ago
        starts = moment.replace(year=index // 12, month=index % 12 + 1, day=12)
        found.append(
            Activity(
                title=title,
                kind=kind,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=1, minutes=30),
                timezone=site().timezone.key,
                online_url="https://meet.example.org/norec-network",
                capacity=200,
            )
        )
    arusha = (moment + datetime.timedelta(days=75)).astimezone(
        zoneinfo.ZoneInfo("Africa/Dar_es_Salaam")
    )
    found.append(
        Activity(
            title="Norec Network gathering in Arusha",
            kind="gathering",
            starts_at=arusha.replace(hour=9),
            ends_at=arusha.replace(hour=16) + datetime.timedelta(days=1),
            timezone="Africa/Dar_es_Salaam",
            place="Arusha, Tanzania",
            country="TZ",
            capacity=12,
            description="Alumni from Tanzania and Uganda meet in Arusha.",
        )
    )
    return found


def _seats(dbsession) -> None:
    """Members registered for the Arusha gathering: its twelve seats taken, three waiting."""
    arusha = dbsession.scalars(select(Activity).where(Activity.place == "Arusha, Tanzania")).one()
    people = dbsession.scalars(
        select(Person).join(Member, Member.person_id == Person.id).order_by(Member.id).limit(15)
    ).all()
    for person in people:
        register(dbsession, arusha, person)


def _register(dbsession) -> None:
    """Some three hundred of the demonstration's people in the register, each with one or
    two exchanges between organisations of the demonstration."""
    rng = random.Random(1963)  # noqa: S311 (no secret is drawn)
    people = dbsession.scalars(select(Person).order_by(Person.id).limit(320)).all()
    organisations = dbsession.scalars(select(Organisation.name).order_by(Organisation.id)).all()
    for person in people:
        alumnus = Alumnus(person=person, source="import")
        for year in sorted(rng.sample(range(1995, 2026), rng.choice([1, 1, 2]))):
            sending, receiving = rng.sample(organisations, 2)
            alumnus.exchanges.append(
                PastExchange(year=year, sending=sending, receiving=receiving, profession="")
            )
        dbsession.add(alumnus)


def _archive_import(dbsession) -> None:
    """An import of the archive's file of the 1990s, as an adviser ran it: its new people,
    and rows with the name and country of someone known but another address or none,
    which wait as possible matches; the adviser has decided a few."""
    rng = random.Random(1990)  # noqa: S311 (no secret is drawn)
    known = dbsession.scalars(
        select(Person).where(Person.country.is_not(None)).order_by(Person.id).limit(40)
    ).all()
    records = []
    for n, person in enumerate(known[:24]):
        address = (
            "" if n % 3 == 0 else f"{person.given_name[0]}.{person.family_name}{n}@post.example.org"
        )
        records.append(
            _archive_row(person.given_name, person.family_name, address, person.country, rng)
        )
    for n in range(60):
        given, family = rng.choice(ARCHIVE_GIVEN), rng.choice(ARCHIVE_FAMILY)
        records.append(
            _archive_row(
                given, family, f"{given}.{family}.{n}@archive.example.org".lower(), "KE", rng
            )
        )
    rows = importing.plan(dbsession, records)
    importing.apply(dbsession, rows, "arkiv-1990-talet.csv")
    waiting = dbsession.scalars(select(PossibleMatch).order_by(PossibleMatch.id)).all()
    for match in waiting[:3]:
        matches.same_person(dbsession, match, dbsession.get(Person, match.candidate_ids[0]), False)
    for match in waiting[3:5]:
        matches.someone_else(dbsession, match)


ARCHIVE_GIVEN = ("Akinyi", "Baraka", "Chebet", "Daudi", "Imani", "Jabari", "Kioko", "Nia")
ARCHIVE_FAMILY = ("Mutua", "Otieno", "Wafula", "Njoroge", "Kiplagat", "Achola", "Kimani")


def _archive_row(given, family, email, country, rng) -> dict:
    return {
        "given_name": given,
        "family_name": family,
        "email": email,
        "country": country,
        "exchange_year": str(rng.randrange(1990, 2000)),
        "sending_organisation": "Norec",
        "receiving_organisation": rng.choice(("Kenyatta University", "Haukeland", "KCMC")),
        "profession": rng.choice(("nurse", "teacher", "engineer", "")),
    }


def _waves(dbsession) -> None:
    """Two waves, Kenya's and Nepal's, with their answers as they stand."""
    rng = random.Random(2023)  # noqa: S311 (no secret is drawn)
    start = now() - datetime.timedelta(days=60)
    for n, country in enumerate(("KE", "NP")):
        alumni = dbsession.scalars(
            select(Alumnus)
            .join(Person, Person.id == Alumnus.person_id)
            .where(Person.country == country, Person.email.is_not(None))
            .order_by(Alumnus.id)
        ).all()
        sent = start + datetime.timedelta(days=20 * n)
        wave = Wave(countries=[country], cap=len(alumni), created_at=sent)
        for alumnus in alumni:
            answer = rng.random()
            wave.invitations.append(
                Invitation(
                    alumnus=alumnus,
                    email=alumnus.person.email,
                    sent_at=sent,
                    expires_at=sent + waves.LIFETIME,
                    opened_at=sent + datetime.timedelta(days=2) if answer < 0.7 else None,
                    accepted_at=sent + datetime.timedelta(days=3) if answer < 0.45 else None,
                    reminded_at=sent + waves.REMIND_AFTER if 0.45 <= answer < 0.93 else None,
                    # Many addresses on record are old: some are refused.
                    bounced_at=sent + datetime.timedelta(minutes=5) if answer >= 0.93 else None,
                )
            )
        dbsession.add(wave)


NOT_FOUND = "We did not find an exchange under this name."


def _requests(dbsession) -> None:
    """Requests to join from people no wave reached: some waiting, some answered."""
    rng = random.Random(77)  # noqa: S311 (no secret is drawn)
    names = (
        ("Achieng", "Odhiambo", "KE"),
        ("Sunita", "Gurung", "NP"),
        ("Neema", "Mollel", "TZ"),
        ("Ravi", "Menon", "IN"),
        ("Grace", "Nakato", "UG"),
        ("Tsegaye", "Bekele", "ET"),
        ("Kari", "Nordvik", "NO"),
        ("Joseph", "Banda", "MW"),
        ("Farida", "Akter", "BD"),
        ("Samuel", "Mensah", "GH"),
        ("Lina", "Hoang", "VN"),
        ("Pedro", "Macuácua", "MZ"),
    )
    moment = now()
    for n, (given, family, country) in enumerate(names):
        status = "open" if n < 7 else ("invited" if n < 10 else "declined")
        asked = moment - datetime.timedelta(days=rng.randint(1, 40))
        dbsession.add(
            JoinRequest(
                given_name=given,
                family_name=family,
                email=f"{given.lower()}.{family.lower()}@example.net",
                country=country,
                exchange_year=rng.randint(1998, 2022),
                sending="",
                receiving="",
                message="I never got an invitation; my old work address is closed.",
                language="en",
                created_at=asked,
                status=status,
                answered_at=asked + datetime.timedelta(days=3) if status != "open" else None,
                answer="We did not find an exchange under this name."
                if status == "declined"
                else "",
            )
        )
