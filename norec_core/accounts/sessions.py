"""Login sessions kept on the server: a session ends for good when its user logs out,
changes or resets the password, is blocked, or stays away too long.

The signed cookie alone could not do this: a copy of it would stay valid until it
expired. So the cookie carries a random key, and the session lives only while the row
holding the key's hash does.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import logging
import secrets

from pyramid.request import Request
from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, joinedload

from norec_core import clock
from norec_core.accounts.models import LoginSession, User
from norec_core.db import UNSTATED, new_session

log = logging.getLogger(__name__)

KEY = "norec.session_key"
# How often the last activity is written: not on every request.
SEEN_EVERY = datetime.timedelta(minutes=5)
FOREVER = datetime.datetime.max.replace(tzinfo=datetime.UTC)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def lifetimes(settings) -> tuple[datetime.timedelta, datetime.timedelta]:
    """How long a session may be idle, and how long it may last at most."""
    idle = int(settings.get("norec.session_timeout", 2 * 3600))
    most = int(settings.get("norec.session_max_age", 12 * 3600))
    return datetime.timedelta(seconds=idle), datetime.timedelta(seconds=most)


def start(request: Request, user: User) -> None:
    """Begin a session for `user` in this browser (its cookie session already fresh)."""
    key = secrets.token_urlsafe(32)
    request.dbsession.add(LoginSession(user=user, key_hash=_hash(key)))
    request.session[KEY] = key


def user_for(request: Request, user_id: int) -> User | None:
    """The user of this browser's session, if the session is still alive.

    It also says, as `request.login_valid_until`, until when the answer holds while no
    stored data changes (the page cache's question): a dead session stays dead, and a live
    one lives until it has been idle too long, grows too old, or is due to be marked seen.
    """
    request.login_valid_until = FOREVER
    key = request.session.get(KEY)
    if not isinstance(key, str):
        return None
    row = (
        request.dbsession.execute(
            select(LoginSession, User)
            .join(User, User.id == LoginSession.user_id)
            .where(LoginSession.key_hash == _hash(key), LoginSession.user_id == user_id)
            # The roles in the same query: every page asks for them.
            .options(joinedload(User.role_links))
        )
        .unique()
        .one_or_none()
    )
    if row is None:
        return None
    login, user = row
    now = clock.now()
    idle, most = lifetimes(request.registry.settings)
    changed = user.password_changed_at
    if (
        not user.active
        or (changed is not None and login.created_at < changed)
        or now - login.created_at > most
        or now - login.last_seen_at > idle
    ):
        return None
    if now - login.last_seen_at > SEEN_EVERY:
        request.add_finished_callback(functools.partial(_mark_seen, login.id, now))
    request.login_valid_until = min(
        login.created_at + most, login.last_seen_at + idle, login.last_seen_at + SEEN_EVERY
    )
    return user


def _mark_seen(login_id: int, moment: datetime.datetime, request: Request) -> None:
    """Write that the session was used, once the request's own transaction has ended.

    Not in that transaction: a page being read writes nothing (on SQLite its read snapshot
    could not become a write once another connection wrote, and the page would fail), and a
    page's answer does not wait on the mark. A mark that cannot be written now is written by
    the next request (the session stays valid long after a mark is due)."""
    session = new_session(request.registry)
    try:
        with session.begin():
            session.execute(
                update(LoginSession)
                .where(LoginSession.id == login_id, LoginSession.last_seen_at < moment)
                .values(last_seen_at=moment),
                execution_options={UNSTATED: True},
            )
    except SQLAlchemyError:
        log.warning("login session %s: the seen mark is left for a later request", login_id)
    finally:
        session.close()


def end(request: Request) -> None:
    """End this browser's session (logging out)."""
    key = request.session.get(KEY)
    if isinstance(key, str):
        request.dbsession.execute(delete(LoginSession).where(LoginSession.key_hash == _hash(key)))


def purge(session: Session, settings) -> int:
    """Delete the sessions that can no longer be used; the number deleted."""
    idle, most = lifetimes(settings)
    now = clock.now()
    result = session.execute(
        delete(LoginSession).where(
            or_(LoginSession.created_at < now - most, LoginSession.last_seen_at < now - idle)
        )
    )
    return result.rowcount
