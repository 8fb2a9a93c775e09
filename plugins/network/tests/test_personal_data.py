"""Every personal datum the network holds is in the person's export and goes with the
person's erasure: register, membership, mentoring, relayed messages, requests to join."""

from __future__ import annotations

from sqlalchemy import func, select

from norec_network.models import (
    Alumnus,
    ChapterFollow,
    DirectoryEntry,
    JoinRequest,
    Member,
    Mentoring,
    PastExchange,
    Post,
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
            Post(country="KE", author=member, title="Kisumu nurses", body="Who is here?"),
            ChapterFollow(member_id=member.id, country="KE"),
        ]
    )
    db_session.flush()
    text = str(admin_app.get(f"/people/{person.id}/export.json").json)
    for expected in (
        "Nurse in Kisumu",
        "KNH",
        "Help",
        "requests_to_join",
        "messages_sent",
        "Kisumu nurses",
    ):
        assert expected in text, expected

    form = admin_app.get(f"/people/{person.id}/erase").forms["erase"]
    form["reason"] = "Asked by e-mail"
    form["confirm"] = True
    form.submit("submit").follow()
    db_session.expire_all()
    for model in (
        Member,
        DirectoryEntry,
        Mentoring,
        RelayedMessage,
        JoinRequest,
        Alumnus,
        Post,
        ChapterFollow,
    ):
        left = db_session.scalar(select(func.count()).select_from(model))
        expected = 1 if model in (Member, DirectoryEntry) else 0  # the mentor's own
        assert (left > 0) == bool(expected), model.__name__


def test_merging_two_records_keeps_one_membership_with_both_histories(
    make_member, db_session, app_request
):
    from norec_core import merge_people

    kept = make_member(offers=["mentor"], mentor_capacity=2)
    duplicate = make_member()
    mentor = make_member(offers=["mentor"], mentor_capacity=2)
    db_session.add_all(
        [
            Post(country="KE", author=duplicate, title="From the duplicate", body="Hello"),
            ChapterFollow(member_id=duplicate.id, country="KE"),
            ChapterFollow(member_id=kept.id, country="KE"),
            Mentoring(mentor=mentor, mentee=duplicate, message="Help", expires_at=kept.joined_at),
        ]
    )
    db_session.flush()
    merge_people(app_request, kept.person, duplicate.person)
    db_session.expire_all()
    assert db_session.scalars(select(Member).where(Member.id == duplicate.id)).first() is None
    assert db_session.scalars(select(Post.author_id)).one() == kept.id
    assert db_session.scalars(select(ChapterFollow.member_id)).all() == [kept.id]
    assert db_session.scalars(select(Mentoring.mentee_id)).one() == kept.id
