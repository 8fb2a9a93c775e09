"""Activities as an iCalendar feed (RFC 5545): subscribable by URL, without logging in,
in the venue's own time zone."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from pyramid.request import Request

from norec_core.agency import site
from norec_core.domain.models import Activity
from norec_core.i18n import _
from norec_core.urls import base_url


def activities_calendar(request: Request, activities: Iterable[Activity], name: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{site(request.registry).short_name}//Activities//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    host = urlsplit(base_url(request.registry.settings)).hostname
    for activity in activities:
        zone = zoneinfo.ZoneInfo(activity.timezone)
        event = icalendar.Event()
        # Stable across feeds and edits, so that a calendar updates the event it has.
        event.add("uid", f"activity-{activity.id}@{host}")
        event.add("dtstamp", activity.updated_at)
        event.add("last-modified", activity.updated_at)
        event.add("dtstart", activity.starts_at.astimezone(zone))
        event.add("dtend", activity.ends_at.astimezone(zone))
        event.add("summary", activity.title)
        # A meeting's link is for those with a seat, on the activity's page; the feed
        # anyone may subscribe to says only that it is online.
        if activity.place or activity.online_url:
            event.add("location", activity.place or request.localizer.translate(_("Online")))
        event.add("url", request.route_url("activities.detail", id=activity.id))
        if activity.description:
            event.add("description", activity.description)
        calendar.add_component(event)
    # VTIMEZONE for each zone used, as RFC 5545 requires of a TZID.
    calendar.add_missing_timezones()
    return calendar.to_ical()
