"""The platform's one time source.

Everything that stamps or compares a moment asks `now()`, so that there is a single place
that decides what "now" is (and a single place a test or a future time-zone change looks).
"""

from __future__ import annotations

import datetime

from norec_core.agency import site


class SiteZone(datetime.tzinfo):
    """The site's zone (`norec.timezone`, Europe/Oslo by default) as a tzinfo: the zone a
    moment is shown in, a day is counted in and a time typed without a zone (a call's
    deadline) is read in. It is the zone of the application being served, looked up at
    each use, so that a form or a task written once reads each agency's own clock."""

    def _zone(self) -> datetime.tzinfo:
        return site().timezone

    def utcoffset(self, dt):
        return self._zone().utcoffset(dt)

    def dst(self, dt):
        return self._zone().dst(dt)

    def tzname(self, dt):
        return self._zone().tzname(dt)

    def fromutc(self, dt):
        zone = self._zone()
        return zone.fromutc(dt.replace(tzinfo=zone)).replace(tzinfo=self)

    def __reduce__(self):
        return SiteZone, ()

    def __repr__(self) -> str:
        return f"SiteZone({self._zone()})"


SITE_TIMEZONE = SiteZone()


def site_timezone_name() -> str:
    """The site zone's IANA name ("Europe/Oslo"): an activity's zone unless one is chosen."""
    return site().timezone.key


def now() -> datetime.datetime:
    """The current moment, aware of its zone (UTC), as the models' columns give moments."""
    return datetime.datetime.now(datetime.UTC)
