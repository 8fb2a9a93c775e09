"""Posts Norway funds or reserves in international organisations, the candidates' profiles
(shaped on the UN Personal History form) and their applications."""

from __future__ import annotations

import datetime

from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from norec_core import Base, Organisation, Person, now


class MultilateralPost(Base):
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

    organisation: Mapped[Organisation] = relationship()


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


class Candidacy(Base):
    """A candidate's application for a post, with the eligibility check made when it
    came in (each rule, met or not, and why)."""

    __tablename__ = "multilateral_application"
    __table_args__ = (UniqueConstraint("post_id", "candidate_id"),)

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
