"""Single-use, expiring tokens for links sent by e-mail."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from norec_core import clock
from norec_core.accounts.models import AccountToken, User

LIFETIMES = {
    "confirm": datetime.timedelta(days=2),
    "reset": datetime.timedelta(hours=1),
    "invite": datetime.timedelta(days=7),
    "email": datetime.timedelta(days=1),
}


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(session: Session, user: User, purpose: str, data: dict | None = None) -> str:
    """A new token; earlier unused tokens of the same purpose for the user stop working."""
    now = clock.now()
    session.execute(
        update(AccountToken)
        .where(
            AccountToken.user_id == user.id,
            AccountToken.purpose == purpose,
            AccountToken.used_at.is_(None),
        )
        .values(used_at=now)
    )
    token = secrets.token_urlsafe(32)
    session.add(
        AccountToken(
            user_id=user.id,
            purpose=purpose,
            token_hash=_hash(token),
            data=data or {},
            expires_at=now + LIFETIMES[purpose],
        )
    )
    session.flush()
    return token


def find(session: Session, token: str, purposes: tuple[str, ...]) -> AccountToken | None:
    """The valid (unused, unexpired) token of one of `purposes`, or None."""
    found = session.scalar(
        select(AccountToken).where(
            AccountToken.token_hash == _hash(token), AccountToken.purpose.in_(purposes)
        )
    )
    if found is None or found.used_at is not None or found.expires_at < clock.now():
        return None
    return found


def use(found: AccountToken) -> None:
    found.used_at = clock.now()
