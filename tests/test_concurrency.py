"""Simultaneous registrations for the last seats: each in its own connection and
transaction, committed for real, as fifty requests at once would be."""

import datetime
import threading

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from norec_core import clock
from norec_core.audit.models import AuditEvent
from norec_core.db import make_engine
from norec_core.domain import registrations
from norec_core.domain.models import Activity, ConsentRecord, Person, Registration

RACERS = 50


def test_fifty_registrations_for_the_last_five_seats(migrated_database):
    engine = (
        make_engine(migrated_database["sqlalchemy.url"], pool_size=RACERS, max_overflow=0)
        if (migrated_database["sqlalchemy.url"].startswith("postgresql"))
        else make_engine(migrated_database["sqlalchemy.url"])
    )
    start = datetime.datetime(2030, 5, 1, 10, 0)
    with Session(engine) as session, session.begin():
        activity = Activity(
            title="Norec Network gathering, Nairobi",
            kind="meeting",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=8),
            place="Nairobi",
            capacity=20,
        )
        people = [
            Person(given_name="Racer", family_name=f"{n:03}", email=f"racer{n}@race.example.org")
            for n in range(15 + RACERS)
        ]
        session.add_all([activity, *people])
        session.flush()
        for person in people[:15]:
            session.add(Registration(activity=activity, person=person, status="confirmed"))
        activity_id = activity.id
        racer_ids = [p.id for p in people[15:]]
        all_ids = [p.id for p in people]

    barrier = threading.Barrier(RACERS)
    results, errors = [], []

    def race(person_id):
        try:
            # All start at once; the database decides who waits (a row lock on PostgreSQL,
            # the write lock on SQLite).
            barrier.wait(timeout=30)
            with Session(engine) as session, session.begin():
                activity = session.get(Activity, activity_id)
                person = session.get(Person, person_id)
                results.append(registrations.register(session, activity, person).status)
        except Exception as exc:  # reported below: nothing may be lost silently
            errors.append(exc)

    threads = [threading.Thread(target=race, args=(pid,)) for pid in racer_ids]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert errors == []
        assert sorted(results).count("confirmed") == 5
        assert sorted(results).count("waitlisted") == 45
        with Session(engine) as session:
            counts = dict(
                session.execute(
                    select(Registration.status, func.count())
                    .where(Registration.activity_id == activity_id)
                    .group_by(Registration.status)
                ).all()
            )
        # Nothing lost: every racer holds exactly one registration.
        assert counts == {"confirmed": 20, "waitlisted": 45}
    finally:
        with Session(engine) as session, session.begin():
            session.execute(delete(Registration).where(Registration.activity_id == activity_id))
            session.execute(delete(ConsentRecord).where(ConsentRecord.person_id.in_(all_ids)))
            session.execute(delete(Person).where(Person.id.in_(all_ids)))
            session.execute(delete(Activity).where(Activity.id == activity_id))
            session.execute(
                delete(AuditEvent).where(
                    AuditEvent.resource_type.in_(("person", "registration", "activity")),
                    AuditEvent.at >= clock.now() - datetime.timedelta(hours=1),
                    AuditEvent.actor == "system",
                )
            )
        engine.dispose()
