"""The shared domain model: people, organisations, partnerships, activities and registrations."""

from __future__ import annotations

import datetime

from sqlalchemy import (
    JSON,
    Column,
    Date,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.ext.associationproxy import AssociationProxy, association_proxy
from sqlalchemy.orm import Mapped, mapped_column, relationship
from zope.interface import implementer

from norec_core import clock
from norec_core.db import Base
from norec_core.i18n.texts import Translatable
from norec_core.interfaces import IActivity, IOrganisation, IPartnership, IPerson, IRegistration

ORGANISATION_KINDS = (
    "public",
    "ngo",
    "private",
    "education",
    "health",
    "faith",
    "international",
)
DIRECTIONS = ("north-south", "south-south")
REGISTRATION_STATUSES = ("confirmed", "waitlisted", "cancelled")


class _Timestamps:
    created_at: Mapped[datetime.datetime] = mapped_column(default=clock.now)
    updated_at: Mapped[datetime.datetime] = mapped_column(default=clock.now, onupdate=clock.now)


@implementer(IPerson)
class Person(_Timestamps, Base):
    """Someone the agency knows: a participant, a contact person, a candidate, an author.

    `given_name`, `family_name`, `email` (unique; not the login, which is the account's),
    `country` (where they live, ISO 3166), `expertise` (tags); what several jobs ask of a
    person: `birth_date`, `citizenship`, `gender` (as they state it), `city`, `employer`,
    `orcid`; `correspondence_language` (what `recipient_language` writes to them in);
    `languages` (ISO 639 codes, through `language_links`); `visibility` ({field: "members"
    or "public"}, the rest private); the consents `consent_contact`, `consent_newsletter`
    and `consent_directory` with their `consent_records`; `registrations` for activities;
    `full_name`. `created_at` and `updated_at` are kept by the core.
    """

    __tablename__ = "person"
    # The people list's order, walked in the index: its last page costs about its first.
    __table_args__ = (Index("ix_person_sort_name", "family_name", "given_name", "id"),)
    __audited__ = True
    __audit_collections__ = {"language_links": ("languages", "code")}

    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200), index=True)
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    expertise: Mapped[list[str]] = mapped_column(JSON, default=list)
    # What several jobs ask of a person (an exchange's age limit, a JPO post's citizenship,
    # an author's ORCID), each shown to others only as `visibility` allows.
    birth_date: Mapped[datetime.date | None] = mapped_column(Date)
    citizenship: Mapped[str | None] = mapped_column(String(2))
    gender: Mapped[str | None] = mapped_column(String(100))  # as the person states it
    city: Mapped[str | None] = mapped_column(String(200))
    employer: Mapped[str | None] = mapped_column(String(300))
    correspondence_language: Mapped[str | None] = mapped_column(String(2))
    orcid: Mapped[str | None] = mapped_column(String(19))
    # Profile field name -> "members" or "public"; a field not named is private (seen only
    # by the person and staff): privacy by default.
    visibility: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    consent_contact: Mapped[bool] = mapped_column(default=False)
    consent_newsletter: Mapped[bool] = mapped_column(default=False)
    consent_directory: Mapped[bool] = mapped_column(default=False)

    language_links: Mapped[list[PersonLanguage]] = relationship(
        cascade="all, delete-orphan", order_by="PersonLanguage.code"
    )
    languages: AssociationProxy[list[str]] = association_proxy(
        "language_links", "code", creator=lambda code: PersonLanguage(code=code)
    )
    registrations: Mapped[list[Registration]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )
    # Written by norec_core.privacy.consent, deleted with the person by the database.
    consent_records: Mapped[list[ConsentRecord]] = relationship(
        order_by="ConsentRecord.id.desc()", viewonly=True
    )

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class PersonLanguage(Base):
    __tablename__ = "person_language"

    # The code is part of the key so that re-saving a person's languages updates in place.
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(3), primary_key=True, index=True)


partnership_organisation = Table(
    "partnership_organisation",
    Base.metadata,
    Column("partnership_id", ForeignKey("partnership.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True),
)


@implementer(IOrganisation)
class Organisation(_Timestamps, Base):
    """A partner or a host: `name`, `country`, `kind` (one of ORGANISATION_KINDS: public, ngo,
    education, health...), `website`, `description`, `ror` (Research Organization Registry
    id), `org_number` (its national registry number), and its `partnerships`."""

    __tablename__ = "organisation"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    country: Mapped[str] = mapped_column(String(2), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    website: Mapped[str | None] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    ror: Mapped[str | None] = mapped_column(String(9))  # Research Organization Registry id
    org_number: Mapped[str | None] = mapped_column(String(30))  # national registry number

    partnerships: Mapped[list[Partnership]] = relationship(
        secondary=partnership_organisation, back_populates="organisations"
    )


@implementer(IPartnership)
class Partnership(_Timestamps, Base):
    """Organisations exchanging staff: `title`, `direction` (north-south or
    south-south), `starts_on` and `ends_on`, `reciprocal`, `description`, its `state` in
    the core's partnership workflow (proposed, approved, rejected, ended), and its
    `organisations`."""

    __tablename__ = "partnership"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300), index=True)
    direction: Mapped[str] = mapped_column(String(20))
    starts_on: Mapped[datetime.date]
    ends_on: Mapped[datetime.date]
    reciprocal: Mapped[bool] = mapped_column(default=True)
    description: Mapped[str] = mapped_column(Text, default="")
    # Moved by the partnership workflow (norec_core.domain.partnership_workflow).
    state: Mapped[str] = mapped_column(String(30), default="proposed", index=True)

    organisations: Mapped[list[Organisation]] = relationship(
        secondary=partnership_organisation,
        back_populates="partnerships",
        order_by="Organisation.name",
    )


@implementer(IActivity)
class Activity(_Timestamps, Translatable, Base):
    """Something people register for: a course, a gathering, a webinar. `title` and
    `description` (in `text_language`, with `translations`), `kind` (a declared
    `ActivityKind`), `starts_at` and `ends_at` (aware) in its venue's `timezone`, `place`,
    `country`, `online_url` (shown only to those with a seat), `capacity` (None: no
    limit), its `organisation`, and its `registrations`."""

    __tablename__ = "activity"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(50), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    # Moments (stored in UTC), shown and entered in the venue's zone, an IANA name.
    starts_at: Mapped[datetime.datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime.datetime]
    timezone: Mapped[str] = mapped_column(String(64), default=clock.site_timezone_name)
    place: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2), index=True)  # the venue's
    online_url: Mapped[str | None] = mapped_column(String(500))
    capacity: Mapped[int | None]
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )

    organisation: Mapped[Organisation | None] = relationship()
    registrations: Mapped[list[Registration]] = relationship(
        back_populates="activity",
        cascade="all, delete-orphan",
        order_by="Registration.id",
    )


@implementer(IRegistration)
class Registration(Base):
    """A person's seat at an activity: `status` "confirmed", "waitlisted" or "cancelled"
    (the first on the waiting list takes a freed seat), `attendance` once it has begun
    ("attended", "absent", "excused"), `created_at`."""

    __tablename__ = "registration"
    __audited__ = True
    __table_args__ = (UniqueConstraint("activity_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    # Recorded after the activity: see domain.registrations.ATTENDANCE.
    attendance: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime.datetime] = mapped_column(default=clock.now)

    activity: Mapped[Activity] = relationship(back_populates="registrations")
    person: Mapped[Person] = relationship(back_populates="registrations")

    @property
    def __parent__(self) -> Person:
        # A registration belongs to its person: whoever owns the person may cancel it.
        return self.person


class ConsentRecord(Base):
    """A consent given or withdrawn (see `norec_core.privacy.consent`)."""

    __tablename__ = "consent_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    granted: Mapped[bool]
    text_version: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime.datetime] = mapped_column(default=clock.now)
    actor: Mapped[str] = mapped_column(String(320), default="")


class ActionLink(Base):
    """A single-use, expiring link mailed to someone who may have no account: join the
    network, confirm interest, confirm being a partner's contact. The link carries a
    random token whose hash is here; what opening it does is its `purpose`'s (declared
    by a plugin with `norec_action_purposes`)."""

    __tablename__ = "action_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(60), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str | None] = mapped_column(String(320))
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime.datetime] = mapped_column(default=clock.now)
    expires_at: Mapped[datetime.datetime]
    used_at: Mapped[datetime.datetime | None]

    person: Mapped[Person | None] = relationship()


class ListSubscription(Base):
    """A person's place on a plugin's mailing list (see `norec_core.mail.mailing_lists`)."""

    __tablename__ = "list_subscription"
    __table_args__ = (UniqueConstraint("person_id", "list_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    list_name: Mapped[str] = mapped_column(String(60), index=True)
    # pending (asked, waiting for the e-mailed link), subscribed, unsubscribed
    status: Mapped[str] = mapped_column(String(20))
    changed_at: Mapped[datetime.datetime] = mapped_column(default=clock.now)
