"""The demonstration's cases in time: each planned exchange fitted into its partnership,
the participants' dates, the courses they attended, and what a case that is over could
not carry out. A case is only as far along as its dates allow, on whatever day the
demonstration is loaded."""

from __future__ import annotations

import datetime

from norec_core import SITE_TIMEZONE, Activity, Person, Registration, now
from norec_grants.models import Participant
from norec_grants.participants import months_between
from norec_grants.rules import add_months

# A report is handed in some weeks after the last participant is home, and the case closes
# some weeks later; an exchange that could not be over by then was not carried out.
REPORT_AFTER = datetime.timedelta(days=30)
CLOSE_AFTER = datetime.timedelta(days=25)
OVER = REPORT_AFTER + CLOSE_AFTER + datetime.timedelta(days=14)
NOT_CARRIED_OUT = (
    "The partners agreed to end the project after the first exchanges: the receiving "
    "organisation could not host participants that year."
)
COURSE_TITLES = {
    "pre_departure_course": "Pre-departure course for exchange participants",
    "homecoming_course": "Homecoming seminar for returned participants",
}


def fitted_months(partnership, year: int, wanted: int) -> int:
    """The longest stay up to `wanted` months that, begun as early as the partnership
    allows in `year`, ends before the partnership does; 0 if the year is outside it."""
    if not partnership.starts_on.year <= year <= partnership.ends_on.year:
        return 0
    start = max(datetime.date(year, 1, 1), partnership.starts_on)
    return min(wanted, months_between(start, partnership.ends_on))


def stay(rng, partnership, exchange) -> tuple[datetime.date, datetime.date]:
    """The dates of a participant of `exchange`: from its start, or some months later
    where the partnership leaves room, for the months planned."""
    earliest = max(datetime.date(exchange.year, 1, 1), partnership.starts_on)
    room = months_between(earliest, partnership.ends_on) - exchange.months
    starts = add_months(earliest, rng.randint(0, max(0, min(room, 7)))) + datetime.timedelta(days=1)
    return starts, add_months(starts, exchange.months)


def over(state: str, ends_on: datetime.date, today: datetime.date) -> bool:
    """Whether an exchange ending `ends_on` can be over in a case in `state`."""
    return state not in ("final_report", "closed") or ends_on <= today - OVER


def anchors(state: str, stays: list[tuple[datetime.date, datetime.date]]) -> dict:
    """The earliest moment of the steps that follow the exchanges: they start when the
    first participant leaves, the report comes after the last is home, then closing."""
    if not stays:
        return {}
    first, last = min(s for s, _e in stays), max(e for _s, e in stays)
    found = {"start": _moment(first - datetime.timedelta(days=10))}
    if state in ("final_report", "closed"):
        found["report"] = _moment(last + REPORT_AFTER)
        found["close"] = _moment(last + REPORT_AFTER + CLOSE_AFTER)
    return found


def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 10, tzinfo=SITE_TIMEZONE)


def courses_of(dbsession, participant, cache: dict) -> None:
    """Register the participant for the pre-departure course the month before leaving
    and the homecoming seminar the month after coming home: attended where it has been
    held, a seat where it is to come."""
    moment = now()
    for kind, day in (
        ("pre_departure_course", participant.starts_on - datetime.timedelta(days=25)),
        ("homecoming_course", participant.ends_on + datetime.timedelta(days=20)),
    ):
        key = (kind, day.year, day.month)
        if key not in cache:
            starts = _moment(day.replace(day=10))
            cache[key] = Activity(
                title=COURSE_TITLES[kind],
                kind=kind,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(days=3, hours=6),
                place="Førde",
                country="NO",
                description="Norec's course for everyone exchanged under a grant.",
            )
            dbsession.add(cache[key])
        course = cache[key]
        dbsession.add(
            Registration(
                activity=course,
                person=participant.person,
                status="confirmed",
                attendance="attended" if course.starts_at <= moment else None,
            )
        )


GIVEN = [
    "Amina",
    "Joseph",
    "Grace",
    "Ravi",
    "Sita",
    "Lars",
    "Ingeborg",
    "Tendai",
    "Chipo",
    "Mariam",
    "Nguyen",
    "Ana",
    "Luis",
    "Fatou",
    "Kofi",
    "Sunita",
    "Ole",
    "Marit",
]
FAMILY = [
    "Okello",
    "Mwangi",
    "Banda",
    "Sharma",
    "Thapa",
    "Berg",
    "Dahl",
    "Moyo",
    "Phiri",
    "Hassan",
    "Tran",
    "Quispe",
    "Diallo",
    "Mensah",
    "Karki",
    "Solberg",
    "Lie",
    "Nyirenda",
]


def stays(rng, application, state) -> dict:
    """The participants' dates for each planned exchange that has them: the first
    year's while a case runs, every year's once it is over (an exchange that could not
    be over by then was not carried out, and says why); none before they leave."""
    today = now().date()
    first_year = min(e.year for e in application.exchanges)
    found = {}
    for exchange in application.exchanges:
        if state in ("agreement", "in_progress") and exchange.year != first_year:
            continue
        dates = [
            stay(rng, application.partnership, exchange) for _n in range(exchange.participants)
        ]
        if not all(over(state, ends, today) for _s, ends in dates):
            exchange.not_carried_out = NOT_CARRIED_OUT
            continue
        if state == "agreement" and any(starts <= today for starts, _e in dates):
            continue  # they register once the agreement is signed, before they leave
        found[exchange] = dates
    return found


def participants(dbsession, rng, application, state, stays) -> None:
    """A participant for each planned place with dates, completed when the case is
    over, each on the courses of their exchange."""
    cache = dbsession.info.setdefault("grants.demo_courses", {})
    for exchange, dates in stays.items():
        for starts, ends in dates:
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            person = Person(
                given_name=given,
                family_name=family,
                email=f"{given}.{family}.{rng.randrange(10**6)}@participants.example.org".lower(),
                country=exchange.sending.country,
                birth_date=datetime.date(starts.year - rng.randint(22, 34), rng.randint(1, 12), 1),
                employer=exchange.sending.name,
            )
            participant = Participant(
                person=person,
                sending=exchange.sending,
                receiving=exchange.receiving,
                starts_on=starts,
                ends_on=ends,
                completed_at=_moment(ends + datetime.timedelta(days=14))
                if state in ("final_report", "closed")
                else None,
            )
            application.participants.append(participant)
            courses_of(dbsession, participant, cache)
