"""Posts Norway funds or reserves in international organisations, the candidates' profiles
(shaped on the UN Personal History form) and their applications."""

from __future__ import annotations

import datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint, column, desc
from sqlalchemy.orm import Mapped, mapped_column, relationship

from norec_core import Base, Organisation, Person, Translatable, now


class RecruitmentRound(Base):
    """A round of one programme, as the JPO process runs it: Norway reserves posts with
    the organisations, publishes them nationally on one date with one deadline, Norec
    screens and sends each organisation its shortlist, the organisation selects."""

    __tablename__ = "multilateral_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    published_on: Mapped[datetime.date | None] = mapped_column(Date)
    deadline: Mapped[datetime.datetime | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime.datetime] = mapped_column(default=now)

    posts: Mapped[list[MultilateralPost]] = relationship(
        back_populates="round", order_by=lambda: MultilateralPost.id
    )


class MultilateralPost(Translatable, Base):
    """A post in an international organisation, with who may apply. (Named apart from
    the network's Post and the grants' Application: the plugins share one registry of
    classes.)"""

    __tablename__ = "multilateral_post"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme: Mapped[str] = mapped_column(String(20), index=True)  # jpo, unv, senior
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    duty_station: Mapped[str] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2))
    grade: Mapped[str] = mapped_column(String(20), default="")  # P-2, UNV specialist, …
    field: Mapped[str] = mapped_column(String(200), default="")  # of work: health, finance
    description: Mapped[str] = mapped_column(Text, default="")
    # Eligibility: empty or None means no such rule.
    citizenship: Mapped[list[str]] = mapped_column(JSON, default=list)
    max_age: Mapped[int | None]
    min_degree: Mapped[str | None] = mapped_column(String(20))
    min_experience_years: Mapped[int] = mapped_column(default=0)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)  # at working level
    deadline: Mapped[datetime.datetime] = mapped_column(index=True)
    published: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime.datetime] = mapped_column(default=now)
    # The post's way through its round: reserved with the organisation, shortlist sent,
    # and the organisation's outcome (filled, not_filled, cancelled).
    round_id: Mapped[int | None] = mapped_column(
        ForeignKey("multilateral_round.id", ondelete="SET NULL"), index=True
    )
    reserved_on: Mapped[datetime.date | None] = mapped_column(Date)
    shortlist_sent_on: Mapped[datetime.date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(20))

    organisation: Mapped[Organisation] = relationship()
    round: Mapped[RecruitmentRound | None] = relationship(back_populates="posts")


class Candidate(Base):
    """A person's candidate profile, re-used for every application. (Relationships name
    their order with lambdas: other plugins have classes of the same names.)"""

    __tablename__ = "multilateral_candidate"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), unique=True)
    created_at: Mapped[datetime.datetime] = mapped_column(default=now)

    person: Mapped[Person] = relationship()
    education: Mapped[list[Education]] = relationship(
        cascade="all, delete-orphan", order_by=lambda: Education.started_on
    )
    work: Mapped[list[Work]] = relationship(
        cascade="all, delete-orphan", order_by=lambda: Work.started_on
    )
    languages: Mapped[list[LanguageSkill]] = relationship(
        cascade="all, delete-orphan", order_by=lambda: LanguageSkill.code
    )
    references: Mapped[list[Reference]] = relationship(
        cascade="all, delete-orphan", order_by=lambda: Reference.id
    )


class Education(Base):
    __tablename__ = "multilateral_education"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("multilateral_candidate.id", ondelete="CASCADE"), index=True
    )
    degree: Mapped[str] = mapped_column(String(20))  # bachelor, master, doctorate, other
    field: Mapped[str] = mapped_column(String(200))
    institution: Mapped[str] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2))
    started_on: Mapped[datetime.date] = mapped_column(Date)
    finished_on: Mapped[datetime.date | None] = mapped_column(Date)  # None: not finished


class Work(Base):
    __tablename__ = "multilateral_work"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("multilateral_candidate.id", ondelete="CASCADE"), index=True
    )
    employer: Mapped[str] = mapped_column(String(300))
    title: Mapped[str] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2))
    started_on: Mapped[datetime.date] = mapped_column(Date)
    ended_on: Mapped[datetime.date | None] = mapped_column(Date)  # None: current
    duties: Mapped[str] = mapped_column(Text, default="")


class LanguageSkill(Base):
    __tablename__ = "multilateral_language"
    __table_args__ = (UniqueConstraint("candidate_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("multilateral_candidate.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(3))
    level: Mapped[str] = mapped_column(String(10))  # A1 … C2, native


class Reference(Base):
    """Someone who can speak of the candidate's work, as the Personal History form asks."""

    __tablename__ = "multilateral_reference"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("multilateral_candidate.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    relation: Mapped[str] = mapped_column(String(200))  # former supervisor, …
    organisation: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")


class Candidacy(Base):
    """A candidate's application for a post, with the eligibility check made when it
    came in (each rule, met or not, and why)."""

    __tablename__ = "multilateral_application"
    __table_args__ = (
        UniqueConstraint("post_id", "candidate_id"),
        # A post's applications in the advisers' order (eligible first, then as they
        # came): a page past the first skips the rows before it in this index alone.
        Index(
            "ix_multilateral_application_post_order",
            "post_id",
            desc(column("eligible")),
            "submitted_at",
            "id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(
        ForeignKey("multilateral_post.id", ondelete="CASCADE"), index=True
    )
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("multilateral_candidate.id", ondelete="CASCADE"), index=True
    )
    # The candidate's person, kept here for the workflow: their account owns the record.
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    motivation: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(30), default="submitted", index=True)
    submitted_at: Mapped[datetime.datetime] = mapped_column(default=now)
    eligible: Mapped[bool] = mapped_column(default=False)
    checks: Mapped[list[dict]] = mapped_column(JSON, default=list)

    post: Mapped[MultilateralPost] = relationship()
    candidate: Mapped[Candidate] = relationship()


class CandidacyNote(Base):
    """An adviser's internal note on an application: never shown to the candidate."""

    __tablename__ = "multilateral_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidacy_id: Mapped[int] = mapped_column(
        ForeignKey("multilateral_application.id", ondelete="CASCADE"), index=True
    )
    author: Mapped[str] = mapped_column(String(320))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime.datetime] = mapped_column(default=now)


class PanelScore(Base):
    """One panellist's score of a candidate in an interview round (1 to 5): internal."""

    __tablename__ = "multilateral_panel_score"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidacy_id: Mapped[int] = mapped_column(
        ForeignKey("multilateral_application.id", ondelete="CASCADE"), index=True
    )
    round: Mapped[int] = mapped_column(default=1)
    panellist: Mapped[str] = mapped_column(String(200))
    score: Mapped[int]
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime.datetime] = mapped_column(default=now)


class PoolEntry(Base):
    """A strong past candidate kept for later posts: proposed by an adviser, kept only
    once the candidate consents, and erased when `retain_until` passes unrenewed."""

    __tablename__ = "multilateral_pool"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("multilateral_candidate.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[str] = mapped_column(String(20), default="proposed")  # active, declined
    proposed_by: Mapped[str] = mapped_column(String(320))
    proposed_at: Mapped[datetime.datetime] = mapped_column(default=now)
    reason: Mapped[str] = mapped_column(Text, default="")  # internal, like the notes
    consented_at: Mapped[datetime.datetime | None]
    retain_until: Mapped[datetime.date | None] = mapped_column(Date, index=True)
    reminded_at: Mapped[datetime.datetime | None]

    candidate: Mapped[Candidate] = relationship()


class Alert(Base):
    """A saved search: its owner gets a mail when a matching post is published. An empty
    criterion matches everything."""

    __tablename__ = "multilateral_alert"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    programme: Mapped[str] = mapped_column(String(20), default="")
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE")
    )
    field: Mapped[str] = mapped_column(String(200), default="")
    duty_station: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime.datetime] = mapped_column(default=now)

    person: Mapped[Person] = relationship()
    organisation: Mapped[Organisation | None] = relationship()


class AlertSent(Base):
    """That an alert's mail about a post went: none goes twice, even if the post is
    unpublished and published again."""

    __tablename__ = "multilateral_alert_sent"
    __table_args__ = (UniqueConstraint("alert_id", "post_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(
        ForeignKey("multilateral_alert.id", ondelete="CASCADE"), index=True
    )
    post_id: Mapped[int] = mapped_column(ForeignKey("multilateral_post.id", ondelete="CASCADE"))
    sent_at: Mapped[datetime.datetime] = mapped_column(default=now)


class Placement(Base):
    """A person placed in an international organisation (a JPO, UNV or secondment), and
    the career steps after it, which the retention figures read."""

    __tablename__ = "multilateral_placement"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    candidacy_id: Mapped[int | None] = mapped_column(
        ForeignKey("multilateral_application.id", ondelete="SET NULL")
    )
    programme: Mapped[str] = mapped_column(String(20))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    duty_station: Mapped[str] = mapped_column(String(200), default="")
    started_on: Mapped[datetime.date] = mapped_column(Date)
    ended_on: Mapped[datetime.date | None] = mapped_column(Date)

    person: Mapped[Person] = relationship()
    organisation: Mapped[Organisation] = relationship()
    steps: Mapped[list[CareerStep]] = relationship(
        cascade="all, delete-orphan", order_by=lambda: CareerStep.started_on
    )


class CareerStep(Base):
    """A job after a placement: in the UN system or the development banks, or outside."""

    __tablename__ = "multilateral_career_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("multilateral_placement.id", ondelete="CASCADE"), index=True
    )
    employer: Mapped[str] = mapped_column(String(300))
    title: Mapped[str] = mapped_column(String(300), default="")
    in_system: Mapped[bool] = mapped_column(default=True)
    started_on: Mapped[datetime.date] = mapped_column(Date)
    ended_on: Mapped[datetime.date | None] = mapped_column(Date)


class NetworkMember(Base):
    """A Norwegian working in an international organisation who registered their interest
    in the network: pending until an adviser accepts, then linked to a person."""

    __tablename__ = "multilateral_network_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    given_name: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    organisation_name: Mapped[str] = mapped_column(String(300), default="")  # if not listed
    position: Mapped[str] = mapped_column(String(300))
    grade: Mapped[str] = mapped_column(String(20), default="")
    duty_station: Mapped[str] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    contract: Mapped[str] = mapped_column(String(20))  # staff, jpo, unv, consultant, …
    # Consent to be seen by the other members (advisers always see the register).
    listed: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    created_at: Mapped[datetime.datetime] = mapped_column(default=now)
    decided_at: Mapped[datetime.datetime | None]

    person: Mapped[Person | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()


class InfoPage(Base):
    """A page of information the advisers keep: title and text in each language, the
    English one shown where a translation is missing."""

    __tablename__ = "multilateral_info_page"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    titles: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    texts: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime.datetime] = mapped_column(default=now, onupdate=now)
    updated_by: Mapped[str] = mapped_column(String(320), default="")
