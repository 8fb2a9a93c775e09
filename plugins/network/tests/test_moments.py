"""A network webinar (an activity of the core, of the network's kind) keeps its start and
end however often its form is saved, in a venue's zone with daylight saving time."""

from __future__ import annotations

import datetime
import zoneinfo

from norec_core import now


def test_a_webinar_s_times_stay_across_saves(admin_app, make_activity, db_session):
    starts = datetime.datetime(now().year + 1, 7, 1, 15, tzinfo=zoneinfo.ZoneInfo("America/Lima"))
    activity = make_activity(
        kind="webinar",
        timezone="America/Santiago",  # in winter in July, on daylight saving time in January
        starts_at=starts,
        ends_at=starts + datetime.timedelta(days=190),
        place=None,
        online_url="https://webinar.example.org/alumni",
    )
    admin_app.resave(f"/activities/{activity.id}/edit", "norec-form")
    db_session.expire_all()
    assert (activity.starts_at, activity.ends_at) == (starts, starts + datetime.timedelta(days=190))
