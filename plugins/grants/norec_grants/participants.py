"""The people exchanged under a grant: their age and period checked against the scheme,
their courses (pre-departure and homecoming for participants, the leaders' course for
leaders) followed, and their completed exchanges announced to the other plugins."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from pyramid.request import Request
from sqlalchemy import select

from norec_core import Activity, Exchange, Registration, exchange_completed, now
from norec_grants.i18n import _, ngettext
from norec_grants.models import Participant

# Which course each role must attend, and whether before leaving or after coming home.
COURSES = {
    "participant": (("pre_departure_course", "before"), ("homecoming_course", "after")),
    "leader": (("leaders_course", "before"),),
}
COURSE_NAMES = {
    "pre_departure_course": _("pre-departure course"),
    "homecoming_course": _("homecoming seminar"),
    "leaders_course": _("leaders' course"),
}
# How long before departure a missing pre-departure course is flagged.
WARN_BEFORE = datetime.timedelta(days=30)


def age_on(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole months from `start` to the day after `end` (1 Jan to 30 Jun is six)."""
    after = end + datetime.timedelta(days=1)
    return (after.year - start.year) * 12 + after.month - start.month - (after.day < start.day)


def problems(application, role: str, birth, starts_on, ends_on) -> dict[str, object]:
    """What the scheme and the partnership refuse about a participant, by form field."""
    scheme, partnership = application.call.scheme, application.partnership
    found: dict[str, object] = {}
    if ends_on <= starts_on:
        found["ends_on"] = _("The exchange must end after it starts.")
    elif starts_on < partnership.starts_on or ends_on > partnership.ends_on:
        found["starts_on"] = _(
            "The partnership runs from ${first} to ${last}; the exchange must fit in it.",
            mapping={"first": partnership.starts_on, "last": partnership.ends_on},
        )
    elif role == "participant":
        months = months_between(starts_on, ends_on)
        if not scheme.min_months <= months <= scheme.max_months:
            found["ends_on"] = ngettext(
                "The exchange lasts ${months} month; the scheme funds ${min} to ${max}.",
                "The exchange lasts ${months} months; the scheme funds ${min} to ${max}.",
                months,
                {"months": months, "min": scheme.min_months, "max": scheme.max_months},
            )
    if role == "participant" and birth is not None:
        age = age_on(birth, starts_on)
        if not scheme.min_age <= age <= scheme.max_age:
            found["birth_date"] = _(
                "The participant is ${age} when the exchange starts; the scheme is for "
                "${min} to ${max}.",
                mapping={"age": age, "min": scheme.min_age, "max": scheme.max_age},
            )
    return found


@dataclass(frozen=True)
class Course:
    kind: str
    when: str  # "before" departure or "after" coming home
    status: str  # attended, waived, registered, missing
    flagged: bool  # missing when it is due: departure a month away or less, or home again


def courses(request: Request, participants: list[Participant], today=None) -> dict[int, list]:
    """Each participant's required courses and where they stand, by participant id: one
    query for all of them."""
    today = today or now().date()
    people = {p.person_id for p in participants}
    rows = request.dbsession.execute(
        select(Registration.person_id, Activity.kind, Registration.status, Registration.attendance)
        .join(Activity, Activity.id == Registration.activity_id)
        .where(
            Registration.person_id.in_(people),
            Activity.kind.in_([k for c in COURSES.values() for k, _w in c]),
        )
    ).all()
    best: dict[tuple[int, str], str] = {}
    for person_id, kind, status, attendance in rows:
        if attendance == "attended":
            best[(person_id, kind)] = "attended"
        elif status == "confirmed" and attendance is None:
            best.setdefault((person_id, kind), "registered")
    found = {}
    for p in participants:
        items = []
        for kind, when in COURSES.get(p.role, ()):
            status = best.get((p.person_id, kind), "missing")
            if status != "attended" and kind in p.waived:
                status = "waived"
            due = p.starts_on - WARN_BEFORE <= today if when == "before" else p.ends_on < today
            items.append(Course(kind, when, status, status == "missing" and due))
        found[p.id] = items
    return found


def not_completable(request: Request, participant: Participant, today=None):
    """Why the exchange cannot be marked completed yet, or None: it has ended, and each
    of its courses is attended or waived with a reason."""
    today = today or now().date()
    if participant.completed_at is not None or participant.ends_on >= today:
        return _("Only an exchange that has ended can be marked completed.")
    for course in courses(request, [participant], today)[participant.id]:
        if course.status not in ("attended", "waived"):
            return _(
                "${name} has not attended the ${course}: the exchange is completed when "
                "each course is attended, or waived with a reason.",
                mapping={
                    "name": participant.person.given_name,
                    "course": request.localizer.translate(COURSE_NAMES[course.kind]),
                },
            )
    return None


def complete(request: Request, participant: Participant) -> None:
    """Mark the exchange completed and tell the other plugins (the alumni network invites)."""
    participant.completed_at = now()
    application = participant.application
    exchange_completed(
        request,
        Exchange(
            person=participant.person,
            sending_organisation=participant.sending,
            receiving_organisation=participant.receiving,
            country=participant.receiving.country,
            starts_on=participant.starts_on,
            ends_on=participant.ends_on,
            partnership=application.partnership,
        ),
    )
