"""Creating users and checking their passwords."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from norec_core import clock
from norec_core.accounts.models import User
from norec_core.accounts.passwords import (
    hash_password,
    needs_rehash,
    verify_nothing,
    verify_password,
)


def find_user(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def save_user(
    session: Session,
    email: str,
    password: str,
    *,
    display_name: str = "",
    roles: Iterable[str] = (),
) -> User:
    """Create the user, or set the password of an existing one and add the roles."""
    user = find_user(session, email)
    if user is None:
        user = User(email=email.strip())
        session.add(user)
    user.display_name = display_name or user.display_name or ""
    set_password(user, password)
    user.roles = sorted(set(user.roles) | set(roles))
    session.flush()
    return user


def set_password(user: User, password: str) -> None:
    user.password_hash = hash_password(password)
    user.password_changed_at = clock.now()


def authenticate(session: Session, email: str, password: str) -> User | None:
    user = find_user(session, email)
    if user is None or not user.active:
        verify_nothing(password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user
