"""What each person was told, and how each wants to be told."""

from __future__ import annotations

import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from norec_core import clock
from norec_core.db import Base

# How a notice reaches its person besides their notices page: mailed at once, in the
# daily digest, or not by mail.
DELIVERIES = ("now", "digest", "none")


class Notice(Base):
    """One thing one person was told, in their language, as they read it."""

    __tablename__ = "notice"
    __table_args__ = (
        Index("ix_notice_user", "user_id", "id"),
        Index("ix_notice_person", "person_id", "id"),
        Index("ix_notice_digest", "delivery", "mailed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime.datetime] = mapped_column(default=clock.now)
    kind: Mapped[str] = mapped_column(String(80))
    # The account it was for, the person record, or both; erased with either.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    email: Mapped[str | None] = mapped_column(String(320))
    language: Mapped[str] = mapped_column(String(5))
    subject: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    # The record it is about, absolute from norec.base_url.
    url: Mapped[str | None] = mapped_column(String(2000))
    delivery: Mapped[str] = mapped_column(String(10))
    mailed_at: Mapped[datetime.datetime | None] = mapped_column()
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("mail_outbox.id", ondelete="SET NULL")
    )
    read_at: Mapped[datetime.datetime | None] = mapped_column()


class NoticePreference(Base):
    """How one account wants one kind of notice; a kind not named here is mailed at once."""

    __tablename__ = "notice_preference"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(80), primary_key=True)
    delivery: Mapped[str] = mapped_column(String(10))
