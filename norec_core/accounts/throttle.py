"""Login throttling: repeated failures slow an attacker down without locking the real
owner out.

Failures are counted per e-mail address from one network address (someone guessing at
one account), per network address (someone trying many accounts), and per e-mail address
from everywhere (guessing spread over many machines, allowed far more). Only the last
can refuse the real owner, who then logs in by the link that "forgot your password"
mails, which no throttle refuses.
"""

from __future__ import annotations

import datetime

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from norec_core import clock
from norec_core.accounts.models import LoginFailure, RegistrationAttempt


class Throttle:
    def __init__(self, settings: dict):
        self.per_email = int(settings.get("norec.login.max_failures", 5))
        # An address is shared by many people behind one office's router: allow more.
        self.per_address = int(settings.get("norec.login.max_failures_per_address", 50))
        self.per_email_everywhere = int(settings.get("norec.login.max_failures_everywhere", 100))
        self.window = datetime.timedelta(
            minutes=int(settings.get("norec.login.lockout_minutes", 15))
        )

    def blocked(self, session: Session, email: str, address: str) -> bool:
        since = clock.now() - self.window
        email = email.strip().lower()
        here, by_address, everywhere = session.execute(
            select(
                func.count().filter(LoginFailure.email == email, LoginFailure.address == address),
                func.count().filter(LoginFailure.address == address),
                func.count().filter(LoginFailure.email == email),
            ).where(
                LoginFailure.at >= since,
                or_(LoginFailure.email == email, LoginFailure.address == address),
            )
        ).one()
        return (
            here >= self.per_email
            or by_address >= self.per_address
            or everywhere >= self.per_email_everywhere
        )

    def failed(self, session: Session, email: str, address: str) -> None:
        session.add(LoginFailure(email=email.strip().lower(), address=address))
        session.flush()

    def succeeded(self, session: Session, email: str) -> None:
        session.execute(delete(LoginFailure).where(LoginFailure.email == email.strip().lower()))


def may_register(session: Session, settings: dict, address: str) -> bool:
    """Record a registration from `address`; False if it has sent too many this hour."""
    limit = int(settings.get("norec.register.max_per_address", 20))
    since = clock.now() - datetime.timedelta(hours=1)
    sent = session.scalar(
        select(func.count())
        .select_from(RegistrationAttempt)
        .where(RegistrationAttempt.address == address, RegistrationAttempt.at >= since)
    )
    if sent >= limit:
        return False
    session.add(RegistrationAttempt(address=address))
    return True


def purge(session: Session) -> None:
    """Forget failures and attempts older than a day: no throttle looks back that far."""
    day_ago = clock.now() - datetime.timedelta(days=1)
    session.execute(delete(LoginFailure).where(LoginFailure.at < day_ago))
    session.execute(delete(RegistrationAttempt).where(RegistrationAttempt.at < day_ago))
