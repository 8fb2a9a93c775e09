"""Demonstration data of the network's members: their profiles, mentorings, chapter
discussions and the newsletter (the register, waves and activities are in `demo`)."""

import datetime
import random
import zoneinfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import Person, demo_person, demo_subscription, now, save_user
from norec_network import chapters, directory, mentoring, newsletter, profile
from norec_network.models import (
    Alumnus,
    ChapterFollow,
    Invitation,
    Member,
    Mentoring,
    Newsletter,
    NewsletterDelivery,
    Post,
)

NAIROBI = zoneinfo.ZoneInfo("Africa/Nairobi")


SECTORS = ("health", "education", "agriculture", "media", "finance", "engineering", "culture")
CITIES = {"KE": ("Nairobi", "Kisumu", "Mombasa"), "NP": ("Kathmandu", "Pokhara")}
AVAILABLE = ("Two evenings a month, online", "Weekends", "A week a year, travelling", "")


def load_members(dbsession) -> None:
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


def load_discussions(dbsession) -> None:
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


def load_newsletter(dbsession) -> None:
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
