"""Demonstration data at an agency's scale: three schemes with their rates and criteria,
past calls and one open call, exchange rates, and some 230 applications from partnerships
in 25 countries, in every state of the workflow with their history. Seeded: the same
data every time."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from sqlalchemy import select

from norec_core import (
    Activity,
    Organisation,
    Partnership,
    Person,
    demo_organisation,
    demo_person,
    grant_local_role,
    now,
    register,
    save_user,
    site_currency,
)
from norec_grants import demo_texts, matching
from norec_grants.demo_cases import (
    CURRENCY,
    LAST,
    OLD,
    OPEN,
    PROFESSIONS,
    RATES,
    add_application,
    add_nurses,
    oslo_time,
)
from norec_grants.models import (
    Call,
    Criterion,
    ExchangeRate,
    PartnerSearch,
    Rate,
    Scheme,
)

CONTACT_PASSWORD = "demo-contact"  # noqa: S105 (a published demo credential)
ASSESSOR, ASSESSOR_PASSWORD = "assessor@example.org", "demo-assessor"
DECIDER, DECIDER_PASSWORD = "head@example.org", "demo-head"
CONTACTS = [
    ("contact@example.org", "Demo contact, Haukeland", "Haukeland University Hospital"),
    ("vellore@example.org", "Demo contact, Vellore", "Christian Medical College Vellore"),
]

# Norges Bank's rates in the autumn of 2026, near enough for a demonstration.
MORE_PARTNERS = [
    ("Addis Ababa University, School of Public Health", "ET"),
    ("Hawassa Agricultural Cooperative Union", "ET"),
    ("Universidade Eduardo Mondlane", "MZ"),
    ("Zambia Red Cross Society", "ZM"),
    ("University of Ghana Medical School", "GH"),
    ("Tamale Teaching Hospital", "GH"),
    ("ENDA Tiers Monde", "SN"),
    ("Makerere University Business School", "UG"),
    ("Sri Lanka Red Cross Society", "LK"),
    ("Hue Central Hospital", "VN"),
    ("Cambodian Center for Human Rights", "KH"),
    ("Philippine General Hospital", "PH"),
    ("Universitas Gadjah Mada", "ID"),
    ("Universidad Nacional de Colombia", "CO"),
    ("Centro de Estudios Peruanos", "PE"),
    ("Fundación Jubileo", "BO"),
    ("Universidad Centroamericana", "NI"),
    ("Madagascar National Parks", "MG"),
    ("Zimbabwe Farmers Union", "ZW"),
    ("Lao Youth Union", "LA"),
    ("Kathmandu Model Hospital", "NP"),
    ("Dhaka Ahsania Mission", "BD"),
]
NORWEGIAN_PARTNERS = [
    "Oslo University Hospital",
    "Norwegian University of Life Sciences",
    "Norwegian People's Aid",
    "Western Norway University of Applied Sciences",
    "The Norwegian Red Cross",
    "Stavanger University Hospital",
]


def load(dbsession) -> None:
    rng = random.Random(2027)  # noqa: S311 (no secret is drawn)
    today = now()
    _course(dbsession, today)
    _exchange_rates(dbsession, today.date())
    schemes = _schemes(dbsession)
    calls = _calls(dbsession, schemes, today)
    _more_partnerships(dbsession, rng, today.date())
    _contacts(dbsession)
    people = dbsession.scalars(select(Person).order_by(Person.id).limit(300)).all()
    partnerships = dbsession.scalars(select(Partnership).order_by(Partnership.id)).all()
    made = set()
    for n, partnership in enumerate(partnerships):
        scheme = "north" if partnership.direction == "north-south" else "south"
        old, last, current = calls[scheme]
        if partnership.title.startswith("Nurse exchange"):
            add_nurses(dbsession, rng, calls["north"], partnership, people)
            continue
        # A partnership applies to each call that funds years it runs in.
        wanted = [(old, OLD[n % len(OLD)]), (last, LAST[n % len(LAST)])]
        if current is not None:
            wanted.append((current, OPEN[n % len(OPEN)]))
        for call, state in wanted:
            # None: the partnership does not run in the years the call funds.
            if add_application(dbsession, rng, call, partnership, state, people):
                made.add(state)
    _every_state(dbsession, rng, calls["north"], partnerships, people, made)
    _partner_searches(dbsession, rng)
    # Activity-based support: small grants in its past call.
    for n, partnership in enumerate(partnerships[:12]):
        state = ["closed", "in_progress", "rejected", "final_report"][n % 4]
        add_application(
            dbsession, rng, calls["activity"][1], partnership, state, people, small=True
        )
    dbsession.flush()


def _every_state(dbsession, rng, calls, partnerships, people, made) -> None:
    """A case in each state the loop left out, from a partnership that runs then."""
    old, last, current = calls
    for call, states in ((current, OPEN), (last, LAST), (old, OLD)):
        for state in dict.fromkeys(s for s in states if s not in made):
            for partnership in partnerships[::-1]:
                if add_application(dbsession, rng, call, partnership, state, people):
                    made.add(state)
                    break


def _course(dbsession, today) -> None:
    # Norec prepares participants in Førde before they travel.
    starts = (today + datetime.timedelta(days=42)).date()
    course = Activity(
        title="Pre-departure course for exchange participants",
        kind="pre_departure_course",
        starts_at=oslo_time(starts, 9),
        ends_at=oslo_time(starts + datetime.timedelta(days=4), 15),
        place="Førde",
        country="NO",
        capacity=30,
        description="A week on culture, security and learning goals before the exchange.",
    )
    dbsession.add(course)
    dbsession.flush()
    register(dbsession, course, demo_person(dbsession, "ingrid.haugen@example.org"))


def _partner_searches(dbsession, rng) -> None:
    """Some forty organisations looking for a partner, Haukeland among them."""
    organisations = dbsession.scalars(select(Organisation).order_by(Organisation.id)).all()
    chosen = [o for o in organisations if o.kind != "international"][:40]
    offers = [
        "A placement with a mentor, housing near the workplace, and a team used to guests.",
        "Field work in rural districts and a seminar series the guests help to teach.",
        "Training in our methods, and colleagues who want to learn from yours.",
    ]
    for n, organisation in enumerate(chosen):
        sectors = sorted(rng.sample(list(matching.SECTORS), rng.randint(1, 3)))
        if organisation.name == "Haukeland University Hospital":
            sectors = ["health"]
        dbsession.add(
            PartnerSearch(
                organisation=organisation,
                sectors=sectors,
                countries=[] if n % 3 else [rng.choice(["KE", "IN", "TZ", "NP", "UG"])],
                professions=", ".join(rng.sample(PROFESSIONS, 2)),
                offers=rng.choice(offers),
            )
        )


def _exchange_rates(dbsession, today: datetime.date) -> None:
    for months_ago in range(0, 24, 3):
        day = today.replace(day=1) - datetime.timedelta(days=30 * months_ago)
        drift = Decimal(1) - Decimal(months_ago) / Decimal(400)
        for currency, rate in RATES.items():
            value = (Decimal(rate) * drift).quantize(Decimal("0.000001"))
            dbsession.add(
                ExchangeRate(currency=currency, base=site_currency(), rate=value, valid_on=day)
            )


def _scheme(name, description, countries, rates, criteria, **settings) -> Scheme:
    return Scheme(
        name=name,
        description=description,
        text_language="en",
        translations=demo_texts.translations(name=name, description=description),
        countries=countries,
        rates=[
            Rate(category=c, basis=b, amount=Decimal(a), position=n)
            for n, (c, b, a) in enumerate(rates)
        ],
        criteria=[
            Criterion(
                title=t,
                description=d,
                weight=w,
                position=n,
                text_language="en",
                translations=demo_texts.translations(title=t, description=d),
            )
            for n, (t, d, w) in enumerate(criteria)
        ],
        **settings,
    )


CRITERIA = [
    ("Relevance", "The exchange answers needs both organisations have named.", 3),
    ("Learning at home", "What participants learn is used in their own organisation.", 3),
    ("Reciprocity and equality", "Both partners send, receive and decide together.", 2),
    ("Feasibility and budget", "The plan can be carried out with the budget asked for.", 2),
]
SOUTH = sorted(set(CURRENCY) | {c for _n, c in MORE_PARTNERS})


def _schemes(dbsession) -> dict[str, Scheme]:
    schemes = {
        "north": _scheme(
            "North–South exchange",
            "Young professionals exchanged between organisations in Norway and in the "
            "Global South, for six months to a year.",
            ["NO", *SOUTH],
            [
                ("travel", "participant", "12000"),
                ("stay", "participant_month", "9500"),
                ("salary", "participant_month", "8000"),
                ("insurance", "participant_month", "600"),
                ("courses", "participant", "7500"),
            ],
            CRITERIA,
            min_months=6,
            max_months=12,
            min_age=22,
            max_age=35,
        ),
        "south": _scheme(
            "South–South exchange",
            "Young professionals exchanged between organisations in two countries of the "
            "Global South.",
            SOUTH,
            [
                ("travel", "participant", "6000"),
                ("stay", "participant_month", "5500"),
                ("salary", "participant_month", "4000"),
                ("insurance", "participant_month", "400"),
                ("courses", "participant", "5000"),
            ],
            CRITERIA,
            min_months=6,
            max_months=12,
            min_age=22,
            max_age=35,
        ),
        "activity": _scheme(
            "Activity-based support",
            "Small grants to former participants who use what they learnt on their exchange "
            "in a project at home.",
            [],
            [("travel", "participant", "8000"), ("courses", "participant", "15000")],
            [
                ("Use of the exchange", "The project builds on what was learnt abroad.", 2),
                ("Reach", "The project reaches people beyond the applicant.", 1),
            ],
            min_months=1,
            max_months=6,
            min_age=18,
            max_age=99,
            # For former participants: a fact this plugin declares, named like any other.
            eligibility_fact="grants.completed_exchange",
        ),
    }
    dbsession.add_all(schemes.values())
    return schemes


def _calls(dbsession, schemes, today) -> dict[str, list]:
    # The open call closes in two months whenever the demonstration is loaded.
    deadline = (today + datetime.timedelta(days=63)).date()
    found: dict[str, list] = {}
    for key, scheme in schemes.items():
        calls = []
        for years_ago in (2, 1):
            closes = deadline.replace(year=deadline.year - years_ago)
            calls.append(_call(scheme, closes))
        if key == "north":
            calls.append(_call(scheme, deadline))
        elif key == "activity":
            upcoming = _call(scheme, deadline + datetime.timedelta(days=120))
            upcoming.opens_at = oslo_time(deadline + datetime.timedelta(days=30), 8)
            dbsession.add(upcoming)
            calls.append(None)
        else:
            calls.append(None)
        dbsession.add_all(c for c in calls if c is not None)
        found[key] = calls
    return found


def _call(scheme: Scheme, closes: datetime.date) -> Call:
    nn, nb = demo_texts.IN_NORWEGIAN[scheme.name]
    return Call(
        scheme=scheme,
        title=f"{scheme.name} {closes.year}",
        description=(
            f"Partnerships apply for exchanges under the scheme «{scheme.name}». The budget "
            "follows from the planned exchanges and the scheme's rates."
        ),
        text_language="en",
        translations={
            "nn": {
                "title": f"{nn} {closes.year}",
                "description": f"Partnarskap søkjer om utvekslingar under ordninga «{nn}». "
                "Budsjettet følgjer av dei planlagde utvekslingane og satsane i ordninga.",
            },
            "nb": {
                "title": f"{nb} {closes.year}",
                "description": f"Partnerskap søker om utvekslinger under ordningen «{nb}». "
                "Budsjettet følger av de planlagte utvekslingene og satsene i ordningen.",
            },
        },
        opens_at=oslo_time(closes - datetime.timedelta(days=120), 8),
        closes_at=oslo_time(closes),
    )


def _more_partnerships(dbsession, rng, today: datetime.date) -> None:
    norwegian = [Organisation(name=n, country="NO", kind="public") for n in NORWEGIAN_PARTNERS]
    southern = [Organisation(name=n, country=c, kind="ngo") for n, c in MORE_PARTNERS]
    dbsession.add_all(norwegian + southern)
    for n, partner in enumerate(southern):
        for k in range(3):
            first = (
                norwegian[(n + 3 * k) % len(norwegian)]
                if k < 2
                else southern[(n + 5) % len(southern)]
            )
            if first.country == partner.country:
                continue
            # Five years from two or three summers ago: the partnership runs through the
            # years the past, the last and the open call fund.
            starts = datetime.date(today.year - 2 - (n % 2), 8, 1)
            dbsession.add(
                Partnership(
                    title=f"{first.name} – {partner.name}",
                    direction="north-south" if first.country == "NO" else "south-south",
                    starts_on=starts,
                    ends_on=starts.replace(year=starts.year + 5) - datetime.timedelta(days=1),
                    reciprocal=rng.random() < 0.85,
                    state="approved",
                    description=f"Exchange of {rng.choice(PROFESSIONS)} between the partners.",
                    organisations=[first, partner],
                )
            )
    dbsession.flush()


def _contacts(dbsession) -> None:
    for email, name, organisation in CONTACTS:
        user = save_user(dbsession, email, CONTACT_PASSWORD, display_name=name)
        grant_local_role(dbsession, user, demo_organisation(dbsession, organisation), "contact")
    # Four eyes: an outside assessor, and a head of section who decides what the demo
    # caseworker handles (published demo credentials, as the contacts' are).
    save_user(dbsession, ASSESSOR, ASSESSOR_PASSWORD, display_name="Demo assessor")
    save_user(
        dbsession,
        DECIDER,
        DECIDER_PASSWORD,
        display_name="Demo head of section",
        roles=["caseworker"],
    )
