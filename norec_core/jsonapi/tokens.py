"""Making personal API tokens and finding the user behind one. A token works until it
expires, is revoked, or its user changes the password or is blocked."""

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


# The lifetimes a user may choose; a token that never expires is not one of them.
LIFETIMES_DAYS = (7, 30, 90, 365)
DEFAULT_LIFETIME_DAYS = 90


def create(
    session: Session, user: User, name: str, days: int = DEFAULT_LIFETIME_DAYS
) -> tuple[ApiToken, str]:
    """A new token for `user`; the plain token is returned this once and never stored."""
    token = PREFIX + secrets.token_urlsafe(32)
    expires_at = clock.now() + datetime.timedelta(days=days)
    row = ApiToken(
        user=user, name=name, prefix=token[:10], token_hash=_hash(token), expires_at=expires_at
    )
    session.add(row)
    session.flush()
    return row, token


def user_for(session: Session, authorization: str | None) -> User | None:
    """The user whose usable token is in the `Authorization: Bearer` header."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip().startswith(PREFIX):
        return None
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _hash(token.strip())))
    now = clock.now()
    if row is None or not usable(row, now):
        return None
    # Noted at most once a minute: reading should not mean writing on every call.
    if row.last_used_at is None or now - row.last_used_at > datetime.timedelta(minutes=1):
        row.last_used_at = now
    return row.user


def usable(row: ApiToken, now: datetime.datetime) -> bool:
    """Not revoked, not expired, its user active, and made since the last password change."""
    changed = row.user.password_changed_at
    return (
        row.revoked_at is None
        and row.expires_at > now
        and row.user.active
        and (changed is None or row.created_at >= changed)
    )
