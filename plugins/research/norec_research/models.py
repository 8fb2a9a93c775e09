"""Publications: the stable record a landing page shows, its texts in each language, its
authors and organisations, and its versions, each with its own files."""

from __future__ import annotations

import datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from norec_core import Amount, Base, Organisation, Person, now, site_currency


class Publication(Base):
    """One work, whatever its versions: the landing page, the citation and the harvesters'
    record all name it. Withdrawn, it keeps its page as a tombstone with the reason."""

    __tablename__ = "research_publication"

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(20), index=True)  # report, study, article, …
    state: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    published_on: Mapped[datetime.date | None] = mapped_column(Date, index=True)
    licence: Mapped[str] = mapped_column(String(40), default="CC-BY-4.0")  # SPDX
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    sdgs: Mapped[list[int]] = mapped_column(JSON, default=list)
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    links: Mapped[list[dict]] = mapped_column(JSON, default=list)  # {"title", "url"}
    doi: Mapped[str | None] = mapped_column(String(200))
    # Files stay closed until this moment, then open by themselves.
    embargo_until: Mapped[datetime.datetime | None]
    withdrawn_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime.datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime.datetime] = mapped_column(default=now, onupdate=now, index=True)

    texts: Mapped[list[PublicationText]] = relationship(
        cascade="all, delete-orphan", order_by=lambda: PublicationText.position
    )
    authors: Mapped[list[Author]] = relationship(
        cascade="all, delete-orphan", order_by=lambda: Author.position
    )
    organisations: Mapped[list[PublicationOrganisation]] = relationship(
        cascade="all, delete-orphan", order_by=lambda: PublicationOrganisation.id
    )
    subjects: Mapped[list[Subject]] = relationship(
        cascade="all, delete-orphan", order_by=lambda: Subject.id
    )
    versions: Mapped[list[Version]] = relationship(
        back_populates="publication", cascade="all, delete-orphan", order_by=lambda: Version.number
    )


class PublicationText(Base):
    """The title, plain-language summary and abstract in one language; the first is the
    publication's own language."""

    __tablename__ = "research_text"
    __table_args__ = (UniqueConstraint("publication_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("research_publication.id", ondelete="CASCADE"), index=True
    )
    language: Mapped[str] = mapped_column(String(3))  # ISO 639-1
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(500))
    summary: Mapped[str] = mapped_column(Text, default="")  # in plain language
    abstract: Mapped[str] = mapped_column(Text, default="")


class Author(Base):
    """An author: a person of the core (with their ORCID iD, where known)."""

    __tablename__ = "research_author"

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("research_publication.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)

    person: Mapped[Person] = relationship()


class PublicationOrganisation(Base):
    """An organisation of the core that contributed to or funded the publication (with
    its ROR id, where known), and for a funder the grant's reference."""

    __tablename__ = "research_organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("research_publication.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20))  # contributor, funder
    grant_reference: Mapped[str] = mapped_column(String(200), default="")

    organisation: Mapped[Organisation] = relationship()


class Version(Base):
    """A version of the publication: what changed, when, and its files (attached to it
    through the core's file store). Every version stays reachable."""

    __tablename__ = "research_version"
    __table_args__ = (UniqueConstraint("publication_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("research_publication.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(default=1)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime.datetime] = mapped_column(default=now)

    publication: Mapped[Publication] = relationship(back_populates="versions")


class Subject(Base):
    """A partnership or an activity of the core that a publication is about: their pages
    show "research about this"."""

    __tablename__ = "research_subject"
    __table_args__ = (
        UniqueConstraint("publication_id", "kind", "record_id"),
        Index("ix_research_subject_record", "kind", "record_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("research_publication.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # partnership, activity
    record_id: Mapped[int]


class Usage(Base):
    """How often a publication's page was read and its files downloaded in one month,
    robots left out (COUNTER's practice)."""

    __tablename__ = "research_usage"
    __table_args__ = (UniqueConstraint("publication_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("research_publication.id", ondelete="CASCADE"), index=True
    )
    month: Mapped[datetime.date] = mapped_column(Date, index=True)  # its first day
    views: Mapped[int] = mapped_column(default=0)
    downloads: Mapped[int] = mapped_column(default=0)


class Commission(Base):
    """A call for research proposals (think tanks in the South on South-South personnel
    exchange, say), its proposals, the one awarded, and the report it led to."""

    __tablename__ = "research_commission"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    call: Mapped[str] = mapped_column(Text)  # what is asked, for whom, how it is assessed
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    deadline: Mapped[datetime.datetime] = mapped_column(index=True)
    budget: Mapped[Decimal] = mapped_column(Amount())
    currency: Mapped[str] = mapped_column(String(3), default=site_currency)
    published: Mapped[bool] = mapped_column(default=False)
    report_id: Mapped[int | None] = mapped_column(
        ForeignKey("research_publication.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime.datetime] = mapped_column(default=now)

    partner: Mapped[Organisation | None] = relationship()
    report: Mapped[Publication | None] = relationship()
    proposals: Mapped[list[Proposal]] = relationship(
        back_populates="commission", order_by=lambda: Proposal.submitted_at
    )


class Proposal(Base):
    """A proposal to a commission, from a person for their organisation; the proposer
    reads it and its decision, never the assessment."""

    __tablename__ = "research_proposal"
    __table_args__ = (UniqueConstraint("commission_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_id: Mapped[int] = mapped_column(
        ForeignKey("research_commission.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    organisation_name: Mapped[str] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2))
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text)
    budget: Mapped[Decimal] = mapped_column(Amount())
    currency: Mapped[str] = mapped_column(String(3), default=site_currency)
    state: Mapped[str] = mapped_column(String(20), default="submitted", index=True)
    score: Mapped[int | None]  # 1 to 5, internal
    assessment: Mapped[str] = mapped_column(Text, default="")  # internal
    submitted_at: Mapped[datetime.datetime] = mapped_column(default=now)

    commission: Mapped[Commission] = relationship(back_populates="proposals")
    person: Mapped[Person] = relationship()
