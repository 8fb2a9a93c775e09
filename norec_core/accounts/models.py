"""Accounts: users who log in, and the site roles they hold."""

from __future__ import annotations

import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.ext.associationproxy import AssociationProxy, association_proxy
from sqlalchemy.orm import Mapped, mapped_column, relationship
from zope.interface import implementer

from norec_core import clock
from norec_core.db import Base
from norec_core.domain.models import Person
from norec_core.interfaces import IUser


@implementer(IUser)
class User(Base):
    """An account: who logs in. `email` (the login), `display_name`, `password_hash`
    (argon2), `active`, `person` (the `Person` the account is, if any: a member, an
    applicant; staff may have none), `language` (of the pages and what they are told),
    `roles` (site roles, through `role_links`), `email_confirmed_at`, `last_login_at`,
    `password_changed_at`, `created_at`."""

    __tablename__ = "user_account"
    __audited__ = True
    __audit_secret__ = ("password_hash",)
    __audit_collections__ = {"role_links": ("roles", "role")}

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    # The language the account's holder chose for their mail, notices and letters (see
    # norec_core.i18n.recipients); none chosen: their country decides.
    language: Mapped[str | None] = mapped_column(String(5))
    created_at: Mapped[datetime.datetime] = mapped_column(default=clock.now)
    last_login_at: Mapped[datetime.datetime | None] = mapped_column()
    email_confirmed_at: Mapped[datetime.datetime | None] = mapped_column()
    # Sessions that logged in before this are no longer valid.
    password_changed_at: Mapped[datetime.datetime | None] = mapped_column()
    # When a link or notice about the account was last mailed (see accounts.mails).
    account_mail_at: Mapped[datetime.datetime | None] = mapped_column()

    person: Mapped[Person | None] = relationship()
    role_links: Mapped[list[UserRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="UserRole.role"
    )
    roles: AssociationProxy[list[str]] = association_proxy(
        "role_links", "role", creator=lambda role: UserRole(role=role)
    )


class UserRole(Base):
    __tablename__ = "user_role"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(50), primary_key=True)


class LocalRole(Base):
    """A role a user holds on one object only (see `norec_core.contributions.Role`)."""

    __tablename__ = "local_role"
    __audited__ = True
    __table_args__ = (
        UniqueConstraint("user_id", "resource_type", "resource_id", "role"),
        Index("ix_local_role_resource", "resource_type", "resource_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    resource_type: Mapped[str] = mapped_column(String(60))
    resource_id: Mapped[int]
    role: Mapped[str] = mapped_column(String(50))
    created_at: Mapped[datetime.datetime] = mapped_column(default=clock.now)

    user: Mapped[User] = relationship()


class AccountToken(Base):
    """A single-use, expiring token sent by e-mail: confirm an account, reset a password,
    confirm a new e-mail address. Only its hash is stored."""

    __tablename__ = "account_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # What the link will do: the new address of an e-mail change, the names to give the
    # person record when an account is confirmed.
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime.datetime] = mapped_column(default=clock.now)
    expires_at: Mapped[datetime.datetime] = mapped_column()
    used_at: Mapped[datetime.datetime | None] = mapped_column()

    user: Mapped[User] = relationship()


class LoginFailure(Base):
    """A failed login, counted to slow down password guessing."""

    __tablename__ = "login_failure"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime.datetime] = mapped_column(default=clock.now, index=True)


class RegistrationAttempt(Base):
    """A registration sent from a network address, counted to stop mass registration (and
    written for every registration, so that a known address takes no less time)."""

    __tablename__ = "registration_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime.datetime] = mapped_column(default=clock.now, index=True)


class LoginSession(Base):
    """A logged-in browser. The session cookie holds a random key whose hash is here, so
    that logging out (which deletes the row) makes a copied cookie worthless."""

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime.datetime] = mapped_column(default=clock.now)
    last_seen_at: Mapped[datetime.datetime] = mapped_column(default=clock.now)

    user: Mapped[User] = relationship()
