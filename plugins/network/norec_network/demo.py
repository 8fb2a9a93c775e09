"""Demonstration data: a network as it stands a year and a half after its start."""

import datetime
import random
import zoneinfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import (
    Activity,
    Organisation,
    Person,
    demo_person,
    demo_subscription,
    now,
    register,
    save_user,
)
from norec_network import chapters, directory, mentoring, newsletter, profile, waves
from norec_network.models import (
    Alumnus,
    ChapterFollow,
    Invitation,
    JoinRequest,
    Member,
    Mentoring,
    Newsletter,
    NewsletterDelivery,
    PastExchange,
    Post,
    Wave,
)

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
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
        starts_at=datetime.datetime(2027, 2, 10, 13, 0, tzinfo=OSLO),
        ends_at=datetime.datetime(2027, 2, 10, 14, 30, tzinfo=OSLO),
        online_url="https://meet.example.org/norec-network",
        capacity=300,
    )
    dbsession.add_all([nairobi, nepal, webinar, *_monthly()])
    _register(dbsession)
    _waves(dbsession)
    dbsession.flush()
    _members(dbsession)
    _seats(dbsession)
    _requests(dbsession)
    _discussions(dbsession)
    _newsletter(dbsession)
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
    moment = now().astimezone(OSLO).replace(hour=15, minute=0, second=0, microsecond=0)
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
                timezone="Europe/Oslo",
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


SECTORS = ("health", "education", "agriculture", "media", "finance", "engineering", "culture")
CITIES = {"KE": ("Nairobi", "Kisumu", "Mombasa"), "NP": ("Kathmandu", "Pokhara")}
AVAILABLE = ("Two evenings a month, online", "Weekends", "A week a year, travelling", "")


def _members(dbsession) -> None:
    """Those who accepted an invitation joined, each with a profile shown as they chose;
    some mentor, some are mentored; Wanjiru Kamau logs in with "demo-member"."""
    rng = random.Random(1400)  # noqa: S311 (no secret is drawn)
    accepted = dbsession.scalars(
        select(Invitation)
        .where(Invitation.accepted_at.is_not(None))
        .options(selectinload(Invitation.alumnus).selectinload(Alumnus.person))
        .order_by(Invitation.id)
    ).all()
    # Those who joined at the Nairobi gathering of May 2023, before the waves.
    early = dbsession.scalars(
        select(Alumnus)
        .where(~select(Invitation.id).where(Invitation.alumnus_id == Alumnus.id).exists())
        .options(selectinload(Alumnus.person))
        .order_by(Alumnus.id)
    ).all()
    start = datetime.datetime(2023, 5, 25, 12, 0, tzinfo=NAIROBI)
    joined = [(i.alumnus.person, i.accepted_at) for i in accepted] + [
        (a.person, start + datetime.timedelta(days=rng.randint(0, 500)))
        for a in early
        if rng.random() < 0.5
    ]
    members = []
    for person, at in joined:
        offers = [o for o in profile.OFFERS if rng.random() < 0.3]
        shown = rng.choice((profile.MEMBERS, profile.MEMBERS, profile.PUBLIC, profile.ADVISERS))
        member = Member(
            person=person,
            joined_at=at,
            sectors=rng.sample(SECTORS, rng.choice((1, 1, 2))),
            offers=offers,
            availability=rng.choice(AVAILABLE) if offers else "",
            mentor_capacity=rng.choice((1, 2, 3)) if "mentor" in offers else 0,
            visibility={
                field: shown for field in profile.FIELDS if field != "email" and rng.random() < 0.85
            }
            | {"name": shown},
        )
        person.city = person.city or rng.choice(CITIES.get(person.country, ("",))) or None
        person.consent_directory = rng.random() < 0.9
        person.consent_contact = rng.random() < 0.6
        members.append(member)
    wanjiru = demo_person(dbsession, "wanjiru.kamau@example.org")
    if all(m.person is not wanjiru for m in members):
        members.append(Member(person=wanjiru))
    mine = next(m for m in members if m.person is wanjiru)
    mine.offers, mine.mentor_capacity = ["mentor", "lecturer"], 2
    mine.about = "Public health nurse; exchange to Haukeland in 2009."
    mine.visibility = dict.fromkeys(profile.FIELDS, profile.MEMBERS) | {"email": profile.ME}
    wanjiru.consent_directory = wanjiru.consent_contact = True
    dbsession.add_all(members)
    user = save_user(dbsession, wanjiru.email, "demo-member", display_name=wanjiru.full_name)
    user.person = wanjiru
    dbsession.flush()
    directory.index(dbsession, members)
    _mentoring(dbsession, rng, members)


def _mentoring(dbsession, rng, members) -> None:
    # Wanjiru Kamau, whom the demonstration's visitors log in as, has her places free.
    mentors = [m for m in members if "mentor" in m.offers and m.person.given_name != "Wanjiru"]
    mentees = [m for m in members if "mentor" not in m.offers]
    moment = now()
    for n, status in enumerate(
        ["accepted"] * 8 + ["requested"] * 4 + ["declined", "expired", "ended", "withdrawn"]
    ):
        mentor, mentee = mentors[n % len(mentors)], mentees[n]
        asked = moment - datetime.timedelta(
            days=rng.randint(3 if status == "requested" else 20, 90)
        )
        dbsession.add(
            Mentoring(
                mentor=mentor,
                mentee=mentee,
                status=status,
                message="I would like advice on leading a team after my exchange.",
                created_at=asked,
                expires_at=asked + mentoring.LIFETIME,
                answered_at=asked + datetime.timedelta(days=2)
                if status in ("accepted", "declined", "ended")
                else None,
                ended_at=asked + datetime.timedelta(days=40) if status == "ended" else None,
            )
        )


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


THREADS = (
    (
        "KE",
        "Meeting up in Nairobi after the gathering",
        "Shall we meet in Nairobi before the next gathering? I can book a room at my hospital.",
        ("Yes, count me in.", "Friday works for me."),
    ),
    (
        "KE",
        "Looking for a nurse educator in Kisumu",
        "Our college needs a guest lecturer on infection control for two days in March.",
        ("I can do it; I will write to you.",),
    ),
    (
        "NP",
        "Using the exchange in local government",
        "How have others used what they learnt in Norway in their municipality?",
        ("We started a youth council after mine.",),
    ),
    (
        "TZ",
        "Arusha gathering: who is coming?",
        "The gathering in Arusha is nearly full: register soon.",
        ("Registered!", "On the waiting list, hoping."),
    ),
)


def _discussions(dbsession) -> None:
    """A few threads in the Kenyan, Nepali and Tanzanian chapters, one reply hidden by an
    adviser; members of those chapters follow them."""
    members = dbsession.scalars(
        select(Member)
        .join(Person, Person.id == Member.person_id)
        .options(selectinload(Member.person))
        .order_by(Member.id)
    ).all()
    by_country: dict[str, list[Member]] = {}
    for member in members:
        by_country.setdefault(member.person.country, []).append(member)
    moment = now() - datetime.timedelta(days=20)
    for n, (country, title, body, replies) in enumerate(THREADS):
        people = by_country.get(country) or members
        started = moment + datetime.timedelta(days=3 * n)
        thread = Post(
            country=country,
            author=people[0],
            title=title,
            body=body,
            created_at=started,
            last_reply_at=started,
        )
        for k, text in enumerate(replies):
            at = started + datetime.timedelta(hours=5 * (k + 1))
            thread.replies.append(
                Post(
                    country=country, author=people[(k + 1) % len(people)], body=text, created_at=at
                )
            )
            thread.last_reply_at = at
        dbsession.add(thread)
    dbsession.flush()
    # An advertisement an adviser hid, in the first Kenyan thread.
    first = dbsession.scalars(select(Post).where(Post.country == "KE").order_by(Post.id)).first()
    if first is not None:
        first.replies.append(
            Post(
                country="KE",
                author=by_country.get("KE", members)[-1],
                body="Cheap loans, write to me now!",
                created_at=moment,
                hidden_at=moment,
                hidden_reason="Advertising",
            )
        )
    for country, people in by_country.items():
        for member in people[: len(people) // 3]:
            dbsession.add(ChapterFollow(member_id=member.id, country=country))


def _newsletter(dbsession) -> None:
    """Two thirds of the members on the newsletter list, and the digest for those who
    follow a chapter; last month's issue sent to the list, this month's in draft."""
    members = dbsession.scalars(
        select(Member).options(selectinload(Member.person)).order_by(Member.id)
    ).all()
    followers = set(dbsession.scalars(select(ChapterFollow.member_id)))
    readers = [m for n, m in enumerate(members) if n % 3 and m.person.email]
    for member in readers:
        _subscribe(dbsession, member.person, newsletter.MAILING_LIST)
    for member in members:
        if member.id in followers and member.person.email:
            _subscribe(dbsession, member.person, chapters.DIGEST_LIST)
    this_month = now().date().replace(day=1)
    last_month = (this_month - datetime.timedelta(days=1)).replace(day=1)
    sent = Newsletter(
        month=last_month,
        subject=f"Norec Network – {last_month:%B %Y}",
        intro="Dear members,\n\nThe gathering in Arusha is nearly full, and our mentors "
        "took twelve new mentees this month. Read on for what is coming.",
        status="sent",
        sent_at=now() - datetime.timedelta(days=25),
    )
    dbsession.add(sent)
    dbsession.flush()
    dbsession.add_all(
        NewsletterDelivery(newsletter_id=sent.id, person_id=m.person_id, sent_at=sent.sent_at)
        for m in readers
    )
    dbsession.add(
        Newsletter(
            month=this_month,
            subject=f"Norec Network – {this_month:%B %Y}",
            intro="Dear members,\n\nThis month: a webinar on careers, and the new chapter "
            "discussions.",
            countries=[],
        )
    )


def _subscribe(dbsession, person, mailing_list) -> None:
    text = str(mailing_list.text)  # the English words; a real joining keeps the reader's
    demo_subscription(dbsession, person, mailing_list.name, text, mailing_list.version)
