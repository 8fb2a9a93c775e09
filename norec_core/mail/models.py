"""The outbox: every e-mail the platform sends, written in the transaction that caused it."""

from __future__ import annotations

import datetime

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from norec_core import clock
from norec_core.db import Base

# "sending": claimed by a worker, which sends it and marks it sent or due again.
STATUSES = ("queued", "sending", "sent", "failed")


class OutboxMessage(Base):
    __tablename__ = "mail_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime.datetime] = mapped_column(default=clock.now)
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    # The language it is written in, shown in the outbox.
    language: Mapped[str | None] = mapped_column(String(5))
    # Set when queued and kept on every retry, so that a receiver can tell duplicates.
    message_id: Mapped[str] = mapped_column(String(250), unique=True)
    headers: Mapped[dict] = mapped_column(JSON, default=dict)
    # Files sent with it, kept in the file store: [{"filename", "content_type", "key"}].
    attachments: Mapped[list] = mapped_column(JSON, default=list)
    bulk: Mapped[bool] = mapped_column(default=False)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime.datetime] = mapped_column(default=clock.now, index=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    claimed_at: Mapped[datetime.datetime | None] = mapped_column()
    sent_at: Mapped[datetime.datetime | None] = mapped_column()
