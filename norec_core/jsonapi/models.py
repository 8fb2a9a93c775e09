"""Personal API tokens: a user's key to the JSON API. Only a hash is stored."""

from __future__ import annotations

import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from norec_core import clock
from norec_core.accounts.models import User
from norec_core.db import Base


class ApiToken(Base):
    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    # The first characters, shown so that the owner can tell tokens apart.
    prefix: Mapped[str] = mapped_column(String(12))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime.datetime] = mapped_column(default=clock.now)
    last_used_at: Mapped[datetime.datetime | None] = mapped_column()
    expires_at: Mapped[datetime.datetime] = mapped_column()
    revoked_at: Mapped[datetime.datetime | None] = mapped_column()

    user: Mapped[User] = relationship()
