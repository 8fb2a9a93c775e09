"""The demo's crowd: the hundreds of partner organisations, former participants,
partnerships in every state and activities past and coming that a visitor of a working
agency would see. Made from a fixed seed, so every demo is the same."""

from __future__ import annotations

import datetime
import random
import zoneinfo

from sqlalchemy.orm import Session

from norec_core import clock
from norec_core.domain.models import Activity, Organisation, Partnership, Person, Registration
from norec_core.domain.profiles import MEMBERS, PUBLIC

# Partner countries: (code, cities, time zone, given names, family names, languages).
COUNTRIES = [
    (
        "NO",
        ["Bergen", "Oslo", "Trondheim", "Førde", "Tromsø", "Stavanger"],
        "Europe/Oslo",
        ["Ingrid", "Ola", "Kari", "Sigrid", "Eirik", "Solveig", "Håkon", "Marte"],
        ["Haugen", "Nilsen", "Bakken", "Lien", "Solberg", "Øvrebø", "Aasen", "Hovland"],
        ["nb", "nn", "en"],
    ),
    (
        "KE",
        ["Nairobi", "Kisumu", "Mombasa", "Eldoret"],
        "Africa/Nairobi",
        ["Wanjiru", "Otieno", "Achieng", "Kiprono", "Njeri", "Mwangi"],
        ["Kamau", "Odhiambo", "Wekesa", "Chebet", "Mutua", "Kariuki"],
        ["sw", "en"],
    ),
    (
        "UG",
        ["Kampala", "Gulu", "Mbarara", "Kamuli"],
        "Africa/Kampala",
        ["Nakato", "Okello", "Apio", "Mugisha", "Atim"],
        ["Namubiru", "Ssempala", "Akello", "Byaruhanga"],
        ["lg", "en"],
    ),
    (
        "TZ",
        ["Arusha", "Dodoma", "Moshi", "Mwanza"],
        "Africa/Dar_es_Salaam",
        ["Neema", "Baraka", "Rehema", "Juma", "Zawadi"],
        ["Mushi", "Massawe", "Lyimo", "Mrema"],
        ["sw", "en"],
    ),
    (
        "MW",
        ["Lilongwe", "Blantyre", "Mzuzu"],
        "Africa/Blantyre",
        ["Chikondi", "Thoko", "Mphatso", "Limbani"],
        ["Banda", "Phiri", "Mwale", "Chirwa"],
        ["ny", "en"],
    ),
    (
        "NP",
        ["Kathmandu", "Pokhara", "Biratnagar"],
        "Asia/Kathmandu",
        ["Bishnu", "Sita", "Ramesh", "Anita", "Prakash"],
        ["Thapa", "Gurung", "Shrestha", "Rai"],
        ["ne", "en"],
    ),
    (
        "IN",
        ["Vellore", "Chennai", "Pune", "Kolkata"],
        "Asia/Kolkata",
        ["Priya", "Arjun", "Lakshmi", "Rahul", "Deepa"],
        ["Raman", "Iyer", "Das", "Kulkarni"],
        ["ta", "hi", "en"],
    ),
    (
        "BD",
        ["Dhaka", "Sylhet", "Khulna"],
        "Asia/Dhaka",
        ["Farzana", "Rafiq", "Nusrat", "Tanvir"],
        ["Rahman", "Hossain", "Akter", "Chowdhury"],
        ["bn", "en"],
    ),
    (
        "ZA",
        ["Cape Town", "Durban", "Pretoria"],
        "Africa/Johannesburg",
        ["Thandiwe", "Sipho", "Lerato", "Pieter"],
        ["Nkosi", "Dlamini", "van Wyk", "Mokoena"],
        ["zu", "af", "en"],
    ),
    (
        "GT",
        ["Guatemala City", "Quetzaltenango", "Cobán"],
        "America/Guatemala",
        ["Lucía", "Mateo", "Ana", "Diego"],
        ["García", "López", "Xicará", "Pérez"],
        ["es"],
    ),
]
KINDS = {
    "health": ["University Hospital", "District Hospital", "Mission Hospital", "Health Centre"],
    "education": [
        "Teachers College",
        "Folk High School",
        "University College",
        "Vocational School",
    ],
    "ngo": ["Youth Network", "Women's Association", "Red Cross branch", "Farmers' Union"],
    "public": ["Municipality", "County Council"],
    "faith": ["Diocese", "Church Council"],
    "private": ["Cooperative Bank", "Solar Cooperative"],
}
EXPERTISE = [
    "nursing",
    "midwifery",
    "public health",
    "teacher training",
    "agronomy",
    "journalism",
    "renewable energy",
    "youth leadership",
    "accounting",
    "community radio",
    "paediatrics",
    "water and sanitation",
    "music education",
    "disability rights",
    "microfinance",
]
EMPLOYERS = [
    "district hospital",
    "teachers college",
    "county council",
    "youth network",
    "radio station",
]
STATES = ["approved"] * 5 + ["proposed"] * 2 + ["ended"] * 2 + ["rejected"]
ACTIVITIES = [
    ("Norec Network gathering", "meeting", "Alumni of the exchanges meet, share and plan."),
    ("Preparatory course for participants", "course", "Culture, safety and the work ahead."),
    (
        "Homecoming seminar",
        "course",
        "Participants back from their exchange share what they learnt.",
    ),
    ("Partner forum", "meeting", "Partner organisations plan next year's exchanges."),
    ("Webinar: reciprocity in exchange", "meeting", "How partners both send and receive."),
]


# The same, as the agency gives them in nynorsk and bokmål.
ACTIVITIES_IN = {
    "Norec Network gathering": {
        "nn": ("Samling i Norec-nettverket", "Tidlegare deltakarar møtest, deler og planlegg."),
        "nb": ("Samling i Norec-nettverket", "Tidligere deltakere møtes, deler og planlegger."),
    },
    "Preparatory course for participants": {
        "nn": ("Førebuingskurs for deltakarar", "Kultur, tryggleik og arbeidet som ventar."),
        "nb": ("Forberedelseskurs for deltakere", "Kultur, sikkerhet og arbeidet som venter."),
    },
    "Homecoming seminar": {
        "nn": ("Heimkomstseminar", "Deltakarar heim frå utvekslinga deler det dei lærte."),
        "nb": ("Hjemkomstseminar", "Deltakere hjemme fra utvekslingen deler det de lærte."),
    },
    "Partner forum": {
        "nn": ("Partnarforum", "Partnarorganisasjonane planlegg utvekslingane neste år."),
        "nb": ("Partnerforum", "Partnerorganisasjonene planlegger utvekslingene neste år."),
    },
    "Webinar: reciprocity in exchange": {
        "nn": ("Webinar: gjensidig utveksling", "Korleis partnarar både sender og tek imot."),
        "nb": ("Webinar: gjensidig utveksling", "Hvordan partnere både sender og tar imot."),
    },
}


def load_scale_demo(session: Session, people: int = 420, organisations: int = 110) -> None:
    # Seeded, for the same demo each time; 1963, the year Norec (then Fredskorpset) began.
    rng = random.Random(1963)  # noqa: S311 (no secret is drawn)
    orgs = _organisations(session, rng, organisations)
    crowd = _people(session, rng, people)
    session.flush()
    _partnerships(session, rng, orgs)
    _activities(session, rng, crowd)


def _organisations(session: Session, rng: random.Random, count: int) -> list[Organisation]:
    made, names = [], set()
    while len(made) < count:
        code, cities, *_rest = rng.choice(COUNTRIES)
        kind = rng.choice(list(KINDS))
        name = f"{rng.choice(cities)} {rng.choice(KINDS[kind])}"
        if name in names:
            continue
        names.add(name)
        org = Organisation(
            name=name,
            country=code,
            kind=kind,
            description=f"A {kind} partner in {_city(name, cities)} exchanging staff.",
        )
        session.add(org)
        made.append(org)
    return made


def _city(name: str, cities: list[str]) -> str:
    return next(c for c in cities if name.startswith(c))


def _people(session: Session, rng: random.Random, count: int) -> list[Person]:
    made = []
    for n in range(count):
        code, cities, _zone, given, family, languages = rng.choice(COUNTRIES)
        g, f = rng.choice(given), rng.choice(family)
        # Many chose to be found by members or by everyone; the rest stay private.
        shown = rng.choice([PUBLIC, MEMBERS, MEMBERS, None])
        person = Person(
            given_name=g,
            family_name=f,
            email=f"{g}.{f}.{n}@example.org".lower()
            .replace(" ", "")
            .replace("ø", "o")
            .replace("å", "a"),
            country=code,
            city=rng.choice(cities),
            employer=f"{rng.choice(cities)} {rng.choice(EMPLOYERS)}",
            expertise=rng.sample(EXPERTISE, 2),
            consent_contact=rng.random() < 0.8,
            consent_newsletter=rng.random() < 0.6,
            consent_directory=shown is not None,
            visibility=(
                {
                    "name": shown,
                    "country": shown,
                    "city": shown,
                    "employer": shown,
                    "expertise": shown,
                }
                if shown
                else {}
            ),
        )
        person.languages = rng.sample(languages, min(2, len(languages)))
        session.add(person)
        made.append(person)
    return made


def _partnerships(session: Session, rng: random.Random, orgs: list[Organisation]) -> None:
    norwegian = [o for o in orgs if o.country == "NO"]
    southern = [o for o in orgs if o.country != "NO"]
    for n in range(90):
        north = n % 3 != 2
        first = rng.choice(norwegian if north else southern)
        second = rng.choice([o for o in southern if o.country != first.country])
        start = datetime.date(2017 + n % 10, rng.choice([1, 8]), 1)
        state = STATES[n % len(STATES)]
        if state == "ended":
            start = datetime.date(2016 + n % 5, 8, 1)
        session.add(
            Partnership(
                title=f"{first.name} – {second.name}",
                direction="north-south" if north else "south-south",
                starts_on=start,
                ends_on=start.replace(year=start.year + rng.choice([2, 3]))
                - datetime.timedelta(days=1),
                reciprocal=rng.random() < 0.85,
                state=state,
                description=(
                    f"Exchange of {rng.choice(EXPERTISE)} staff between {first.name} and "
                    f"{second.name}."
                ),
                organisations=[first, second],
            )
        )


def _activities(session: Session, rng: random.Random, crowd: list[Person]) -> None:
    today = clock.now().replace(hour=0, minute=0, second=0, microsecond=0)
    for n in range(36):
        title, kind, description = ACTIVITIES[n % len(ACTIVITIES)]
        code, cities, zone, *_rest = COUNTRIES[n % len(COUNTRIES)]
        local = (today + datetime.timedelta(days=(n - 24) * 21)).astimezone(zoneinfo.ZoneInfo(zone))
        starts = local.replace(hour=9) if n % 4 else local.replace(hour=14)
        city = rng.choice(cities)
        activity = Activity(
            title=f"{title}, {city} {starts.year}",
            kind=kind,
            description=description,
            text_language="en",
            translations={
                language: {"title": f"{name}, {city} {starts.year}", "description": text}
                for language, (name, text) in ACTIVITIES_IN[title].items()
            },
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=rng.choice([2, 6, 30])),
            timezone=zone,
            place=city,
            country=code,
            capacity=rng.choice([20, 40, 80, None]),
        )
        session.add(activity)
        past, confirmed = starts < clock.now(), 0
        for person in rng.sample(crowd, rng.randint(5, 30)):
            status = rng.choice(["confirmed"] * 8 + ["cancelled"])
            if status == "confirmed" and activity.capacity and confirmed >= activity.capacity:
                status = "waitlisted"  # as registering does when the seats are taken
            confirmed += status == "confirmed"
            attendance = None
            if past and status == "confirmed":
                attendance = rng.choice(["attended"] * 6 + ["absent", "excused"])
            session.add(
                Registration(activity=activity, person=person, status=status, attendance=attendance)
            )
