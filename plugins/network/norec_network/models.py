"""The network's register of former participants: who they are (people of the core) and
the exchanges they were on, and the imports that brought them in."""

from __future__ import annotations

import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from norec_core import Base, Person, User, now


class Alumnus(Base):
    """A former participant in the network's register (not yet necessarily a member)."""

    __tablename__ = "network_alumnus"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), unique=True)
    # Where the record came from: "import" (a file of Norec's archive) or "grants" (an
    # exchange completed under a grant, announced through the core's event).
    source: Mapped[str] = mapped_column(String(20), default="import")
    created_at: Mapped[datetime.datetime] = mapped_column(default=now)

    person: Mapped[Person] = relationship()
    exchanges: Mapped[list[PastExchange]] = relationship(
        cascade="all, delete-orphan", order_by="PastExchange.year", back_populates="alumnus"
    )


class PastExchange(Base):
    """One exchange a former participant was on, as the archive records it."""

    __tablename__ = "network_exchange"
    __table_args__ = (UniqueConstraint("alumnus_id", "year", "sending", "receiving"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alumnus_id: Mapped[int] = mapped_column(
        ForeignKey("network_alumnus.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int]
    sending: Mapped[str] = mapped_column(String(300), default="")
    receiving: Mapped[str] = mapped_column(String(300), default="")
    profession: Mapped[str] = mapped_column(String(200), default="")

    alumnus: Mapped[Alumnus] = relationship(back_populates="exchanges")


class ImportRun(Base):
    """An import of the register from a file, with what it did."""

    __tablename__ = "network_import_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime.datetime] = mapped_column(default=now)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    rows: Mapped[int] = mapped_column(default=0)
    created: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    merged: Mapped[int] = mapped_column(default=0)  # by name: runs before possible matches
    to_review: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    rejected: Mapped[int] = mapped_column(default=0)

    by: Mapped[User | None] = relationship()


class PossibleMatch(Base):
    """A row of an imported file that may be someone already on the platform: the same
    name and country, but another e-mail address or none. An adviser decides whether it is
    that person (perhaps with a new address) or someone else; until then the row waits
    here whole, so nothing the file held is lost or merged on a name alone."""

    __tablename__ = "network_possible_match"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The row as the import compares it (names, address, country): the same row in a
    # later file finds this match, waiting or decided, instead of asking again.
    key: Mapped[str] = mapped_column(String(64), index=True)
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("network_import_run.id", ondelete="SET NULL")
    )
    row_number: Mapped[int]
    values: Mapped[dict] = mapped_column(JSON)  # the row's fields, cleaned as imported
    exchanges: Mapped[list] = mapped_column(
        JSON, default=list
    )  # [year, sending, receiving, profession]
    candidate_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    found_at: Mapped[datetime.datetime] = mapped_column(default=now)
    # "same" (the row is the person `person_id`) or "different" (`person_id` was created
    # from the row); None while it waits.
    decision: Mapped[str | None] = mapped_column(String(20), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime.datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    run: Mapped[ImportRun | None] = relationship()
    person: Mapped[Person | None] = relationship()
    decided_by: Mapped[User | None] = relationship()


class Wave(Base):
    """An invitation wave: the register's people in some countries, up to a cap, invited
    to join the network (Norec invites country by country, to answer all who reply)."""

    __tablename__ = "network_wave"

    id: Mapped[int] = mapped_column(primary_key=True)
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    cap: Mapped[int]
    created_at: Mapped[datetime.datetime] = mapped_column(default=now)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    # The background job sending it (its page shows the progress).
    job_id: Mapped[int | None]

    invitations: Mapped[list[Invitation]] = relationship(
        back_populates="wave", order_by="Invitation.id"
    )


class Invitation(Base):
    """One former participant invited in a wave: never two invitations for one person,
    so that nobody is invited twice by accident."""

    __tablename__ = "network_invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(
        ForeignKey("network_wave.id", ondelete="CASCADE"), index=True
    )
    alumnus_id: Mapped[int] = mapped_column(
        ForeignKey("network_alumnus.id", ondelete="CASCADE"), unique=True
    )
    email: Mapped[str] = mapped_column(String(320))
    sent_at: Mapped[datetime.datetime | None]
    expires_at: Mapped[datetime.datetime | None]
    opened_at: Mapped[datetime.datetime | None]
    accepted_at: Mapped[datetime.datetime | None]
    reminded_at: Mapped[datetime.datetime | None]
    # The outbox's message of the last mail sent, and when its address was refused.
    outbox_id: Mapped[int | None]
    bounced_at: Mapped[datetime.datetime | None]

    wave: Mapped[Wave] = relationship(back_populates="invitations")
    alumnus: Mapped[Alumnus] = relationship()

    def status(self, moment: datetime.datetime) -> str:
        return invitation_status(
            moment,
            self.sent_at,
            self.expires_at,
            self.opened_at,
            self.accepted_at,
            self.bounced_at,
        )


def invitation_status(moment, sent_at, expires_at, opened_at, accepted_at, bounced_at) -> str:
    """Where an invitation stands at `moment`: queued, sent, bounced (the address was
    refused), opened, accepted or expired."""
    if accepted_at is not None:
        return "accepted"
    if sent_at is None:
        return "queued"
    if bounced_at is not None:
        return "bounced"
    if expires_at is not None and expires_at < moment:
        return "expired"
    return "opened" if opened_at is not None else "sent"


class Member(Base):
    """A former participant who joined the network: their profile beyond the core's
    person record, and who may see each of its fields (see `norec_network.profile`)."""

    __tablename__ = "network_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), unique=True)
    joined_at: Mapped[datetime.datetime] = mapped_column(default=now)
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    # What the member offers the resource bank: mentor, lecturer, interpreter, resource.
    offers: Mapped[list[str]] = mapped_column(JSON, default=list)
    availability: Mapped[str] = mapped_column(String(300), default="")
    about: Mapped[str] = mapped_column(Text, default="")
    # How many mentees the member takes at once; 0 while they take none.
    mentor_capacity: Mapped[int] = mapped_column(default=0)
    # Profile field -> "advisers", "members" or "public"; a field not named is seen by the
    # member alone: privacy by default.
    visibility: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # When the directory last read the profile (see `norec_network.directory.refresh`).
    indexed_at: Mapped[datetime.datetime | None]
    # The level of the name as the directory last read it: who may find the member at
    # all. A column of its own, which a search reads and a planner estimates (PostgreSQL
    # guesses 1 % for any condition on JSON, and then reads every member).
    name_level: Mapped[str] = mapped_column(String(10), default="me")

    person: Mapped[Person] = relationship()


# The directory's rows of facets: every field but the text's words. Written out, as SQLite
# uses a partial index only for a query that states its very condition.
FACET_ROWS = "field <> 'word'"


class DirectoryEntry(Base):
    """One searchable value of a member's profile, with the level of its field: the
    directory searches and counts its facets in these rows, so that a hidden field is
    never found, in one query whatever the number of members."""

    __tablename__ = "network_directory_entry"
    __table_args__ = (
        # The members with a value, read from the index alone; by pattern on PostgreSQL,
        # so that a word's LIKE 'prefix%' is a range of it whatever the database's collation.
        Index(
            "ix_network_directory_lookup",
            "field",
            "value",
            "level",
            "member_id",
            postgresql_ops={"value": "text_pattern_ops"},
        ),
        # A member's facets without their words (most of the rows), for counting the
        # facets of the members found from the index alone.
        Index(
            "ix_network_directory_facets",
            "member_id",
            "field",
            "level",
            "value",
            sqlite_where=text(FACET_ROWS),
            postgresql_where=text(FACET_ROWS),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("network_member.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(30))  # a facet, or "word" for the text's words
    value: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(10))


class Mentoring(Base):
    """A member's request to a mentor, and the relation it becomes when accepted."""

    __tablename__ = "network_mentoring"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentee_id: Mapped[int] = mapped_column(
        ForeignKey("network_member.id", ondelete="CASCADE"), index=True
    )
    mentor_id: Mapped[int] = mapped_column(
        ForeignKey("network_member.id", ondelete="CASCADE"), index=True
    )
    message: Mapped[str] = mapped_column(Text, default="")
    # requested, accepted, declined, withdrawn, expired, ended
    status: Mapped[str] = mapped_column(String(20), default="requested", index=True)
    created_at: Mapped[datetime.datetime] = mapped_column(default=now)
    expires_at: Mapped[datetime.datetime]
    answered_at: Mapped[datetime.datetime | None]
    ended_at: Mapped[datetime.datetime | None]

    mentee: Mapped[Member] = relationship(foreign_keys=[mentee_id])
    mentor: Mapped[Member] = relationship(foreign_keys=[mentor_id])


class RelayedMessage(Base):
    """That someone wrote to a member through the platform (the text went by mail and is
    not kept): enough to limit how many a sender may send. The sender is an account (an
    adviser may have no person record) and, for a member, their person."""

    __tablename__ = "network_relayed_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    sender_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    sender_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    recipient_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    sent_at: Mapped[datetime.datetime] = mapped_column(default=now)


class JoinRequest(Base):
    """Someone who says they were on a Norec exchange but got no invitation, or whose
    address on record is wrong; an adviser matches them to the register and answers."""

    __tablename__ = "network_join_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), index=True)
    country: Mapped[str | None] = mapped_column(String(2))
    exchange_year: Mapped[int | None]
    sending: Mapped[str] = mapped_column(String(300), default="")
    receiving: Mapped[str] = mapped_column(String(300), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str | None] = mapped_column(String(2))  # of the page it came from
    created_at: Mapped[datetime.datetime] = mapped_column(default=now)
    # open, invited (matched and sent an invitation), declined (not found in the archive)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    alumnus_id: Mapped[int | None] = mapped_column(
        ForeignKey("network_alumnus.id", ondelete="SET NULL")
    )
    answered_at: Mapped[datetime.datetime | None]
    answered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    answer: Mapped[str] = mapped_column(Text, default="")

    alumnus: Mapped[Alumnus | None] = relationship()


class Post(Base):
    """A post in a country chapter's discussion, or a reply to one (`parent_id`).
    Advisers moderate: a hidden post keeps its place, with the reason, not its text."""

    __tablename__ = "network_post"

    id: Mapped[int] = mapped_column(primary_key=True)
    country: Mapped[str] = mapped_column(String(2), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("network_post.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int] = mapped_column(
        ForeignKey("network_member.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200), default="")  # of a thread's first post
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime.datetime] = mapped_column(default=now, index=True)
    # The thread's last post, for ordering threads by what happened last.
    last_reply_at: Mapped[datetime.datetime] = mapped_column(default=now)
    hidden_at: Mapped[datetime.datetime | None]
    hidden_reason: Mapped[str] = mapped_column(String(300), default="")

    author: Mapped[Member] = relationship()
    # A lambda, not "Post.id": another plugin may have a Post of its own (multilateral).
    replies: Mapped[list[Post]] = relationship(
        order_by=lambda: Post.id, cascade="all, delete-orphan"
    )


class ChapterFollow(Base):
    """A member follows a country chapter: its new posts come in their weekly digest."""

    __tablename__ = "network_chapter_follow"
    __table_args__ = (UniqueConstraint("member_id", "country"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("network_member.id", ondelete="CASCADE"), index=True
    )
    country: Mapped[str] = mapped_column(String(2))


class Newsletter(Base):
    """A monthly issue of the network's newsletter: an adviser's introduction and the
    platform's latest items, to the members of a segment who joined the list."""

    __tablename__ = "network_newsletter"

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[datetime.date]
    subject: Mapped[str] = mapped_column(String(200))
    intro: Mapped[str] = mapped_column(Text, default="")
    # The segment: empty means everyone on the list.
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft, sending, sent
    created_at: Mapped[datetime.datetime] = mapped_column(default=now)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    job_id: Mapped[int | None]
    sent_at: Mapped[datetime.datetime | None]


class NewsletterDelivery(Base):
    """That an issue went to a person: a job that stops and starts again sends each once."""

    __tablename__ = "network_newsletter_delivery"
    __table_args__ = (UniqueConstraint("newsletter_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    newsletter_id: Mapped[int] = mapped_column(
        ForeignKey("network_newsletter.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    sent_at: Mapped[datetime.datetime] = mapped_column(default=now)

    person: Mapped[Person] = relationship()
