"""Every personal datum the network holds is in the person's export and goes with the
person's erasure: register, membership, mentoring, relayed messages, requests to join."""

from __future__ import annotations

from sqlalchemy import func, select

from norec_network.models import (
    Alumnus,
    DirectoryEntry,
    JoinRequest,
    Member,
    Mentoring,
    PastExchange,
    RelayedMessage,
)


def test_export_then_erase(admin_app, make_member, db_session):
    mentor = make_member(offers=["mentor"], mentor_capacity=1, sectors=["health"])
    member = make_member(account=True, about="Nurse in Kisumu", email="erase.me@example.org")
    person = member.person
    db_session.add_all(
        [
            Alumnus(person=person, exchanges=[PastExchange(year=2004, sending="KNH")]),
            Mentoring(mentor=mentor, mentee=member, message="Help", expires_at=member.joined_at),
            RelayedMessage(sender_id=person.id, recipient_id=mentor.person_id),
            JoinRequest(given_name="E", family_name="M", email="Erase.Me@example.org"),
        ]
    )
    db_session.flush()
    text = str(admin_app.get(f"/people/{person.id}/export.json").json)
    for expected in ("Nurse in Kisumu", "KNH", "Help", "requests_to_join", "messages_sent"):
        assert expected in text, expected

    form = admin_app.get(f"/people/{person.id}/erase").forms["erase"]
    form["reason"] = "Asked by e-mail"
    form["confirm"] = True
    form.submit("submit").follow()
    db_session.expire_all()
    for model in (Member, DirectoryEntry, Mentoring, RelayedMessage, JoinRequest, Alumnus):
        left = db_session.scalar(select(func.count()).select_from(model))
        expected = 1 if model in (Member, DirectoryEntry) else 0  # the mentor's own
        assert (left > 0) == bool(expected), model.__name__
