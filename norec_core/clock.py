"""The platform's one time source.

Everything that stamps or compares a moment asks `now()`, so that there is a single place
that decides what "now" is (and a single place a test or a future time-zone change looks).
"""

from __future__ import annotations

import datetime
import zoneinfo

# The zone the site shows moments in, and new activities' zone unless one is chosen.
DEFAULT_TIMEZONE = "Europe/Oslo"
# The same as a zone: a time typed into a form without one (a call's deadline) is read in it.
SITE_TIMEZONE = zoneinfo.ZoneInfo(DEFAULT_TIMEZONE)


def now() -> datetime.datetime:
    """The current moment, aware of its zone (UTC), as the models' columns give moments."""
    return datetime.datetime.now(datetime.UTC)
