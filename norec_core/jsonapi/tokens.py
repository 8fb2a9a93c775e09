"""Making personal API tokens and finding the user behind one."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from norec_core import clock
from norec_core.accounts.models import User
from norec_core.jsonapi.models import ApiToken

PREFIX = "nrc_"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(session: Session, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; the plain token is returned this once and never stored."""
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user=user, name=name, prefix=token[:10], token_hash=_hash(token))
    session.add(row)
    session.flush()
    return row, token


def user_for(session: Session, authorization: str | None) -> User | None:
    """The active user whose unrevoked token is in the `Authorization: Bearer` header."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip().startswith(PREFIX):
        return None
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _hash(token.strip())))
    if row is None or row.revoked_at is not None or not row.user.active:
        return None
    now = clock.now()
    # Noted at most once a minute: reading should not mean writing on every call.
    if row.last_used_at is None or now - row.last_used_at > datetime.timedelta(minutes=1):
        row.last_used_at = now
    return row.user
