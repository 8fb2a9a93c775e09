"""Login throttling: after repeated failures for an e-mail address, or from one network
address, logins are refused for a while, whatever the password."""

from __future__ import annotations

import datetime

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from norec_core import clock
from norec_core.accounts.models import LoginFailure


class Throttle:
    def __init__(self, settings: dict):
        self.per_email = int(settings.get("norec.login.max_failures", 5))
        # An address is shared by many people behind one office's router: allow more.
        self.per_address = int(settings.get("norec.login.max_failures_per_address", 50))
        self.window = datetime.timedelta(
            minutes=int(settings.get("norec.login.lockout_minutes", 15))
        )

    def blocked(self, session: Session, email: str, address: str) -> bool:
        since = clock.now() - self.window
        email = email.strip().lower()
        by_email, by_address = session.execute(
            select(
                func.count().filter(LoginFailure.email == email),
                func.count().filter(LoginFailure.address == address),
            ).where(
                LoginFailure.at >= since,
                or_(LoginFailure.email == email, LoginFailure.address == address),
            )
        ).one()
        return by_email >= self.per_email or by_address >= self.per_address

    def failed(self, session: Session, email: str, address: str) -> None:
        session.add(LoginFailure(email=email.strip().lower(), address=address))
        session.flush()

    def succeeded(self, session: Session, email: str) -> None:
        session.execute(delete(LoginFailure).where(LoginFailure.email == email.strip().lower()))
