"""The platform's one time source.

Everything that stamps or compares a moment asks `now()`, so that there is a single place
that decides what "now" is (and a single place a test or a future time-zone change looks).
"""

from __future__ import annotations

import datetime


def now() -> datetime.datetime:
    """The current moment in UTC, as stored in the database's timestamp columns."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
