"""Registering people for activities, with a waiting list once the seats are taken."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from norec_core.domain.models import Activity, Person, Registration
from norec_core.i18n import _

# What is recorded of a confirmed registration after the activity, with its title.
ATTENDANCE = {
    "attended": _("attended"),
    "absent": _("absent"),
    "excused": _("excused"),
}


class AlreadyRegistered(ValueError):
    """The person already holds a registration (confirmed or waiting) for the activity."""


def confirmed_count(session: Session, activity: Activity) -> int:
    return session.scalar(
        select(func.count())
        .select_from(Registration)
        .where(Registration.activity_id == activity.id, Registration.status == "confirmed")
    )


def _lock(session: Session, activity: Activity) -> None:
    # Row lock on the activity serialises seat counting between concurrent requests on
    # PostgreSQL; SQLite serialises writers by itself and ignores FOR UPDATE.
    session.execute(select(Activity.id).where(Activity.id == activity.id).with_for_update())


def register(session: Session, activity: Activity, person: Person) -> Registration:
    """Confirm the person if a seat is free, otherwise put them on the waiting list."""
    _lock(session, activity)
    existing = session.scalar(
        select(Registration).where(
            Registration.activity_id == activity.id, Registration.person_id == person.id
        )
    )
    if existing is not None and existing.status != "cancelled":
        raise AlreadyRegistered(existing.status)
    capacity = activity.capacity
    full = capacity is not None and confirmed_count(session, activity) >= capacity
    status = "waitlisted" if full else "confirmed"
    if existing is not None:
        # Re-registering after a cancellation goes to the back of the queue.
        session.delete(existing)
        session.flush()
    registration = Registration(activity=activity, person=person, status=status)
    session.add(registration)
    session.flush()
    return registration


def cancel_registration(session: Session, registration: Registration) -> Registration | None:
    """Cancel a registration; a freed seat goes to the first waiting, who is returned."""
    activity = registration.activity
    _lock(session, activity)
    was_confirmed = registration.status == "confirmed"
    registration.status = "cancelled"
    session.flush()
    if not was_confirmed:
        return None
    promoted = session.scalar(
        select(Registration)
        .where(Registration.activity_id == activity.id, Registration.status == "waitlisted")
        .order_by(Registration.id)
        .limit(1)
    )
    if promoted is not None:
        promoted.status = "confirmed"
        session.flush()
    return promoted
