"""An activity's start and end stay the same moments however often its form is saved, in
its venue's zone, with or without daylight saving time on either side."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest

from norec_core import now


@pytest.mark.parametrize("zone", ["Europe/Oslo", "America/New_York", "Africa/Nairobi"])
@pytest.mark.parametrize("month", [6, 1], ids=["june", "january"])
def test_an_activity_s_times_stay_across_saves(admin_app, make_activity, db_session, zone, month):
    starts = datetime.datetime(now().year + 1, month, 1, 9, tzinfo=zoneinfo.ZoneInfo(zone))
    ends = starts + datetime.timedelta(hours=3)
    activity = make_activity(timezone=zone, starts_at=starts, ends_at=ends)
    admin_app.resave(f"/activities/{activity.id}/edit", "norec-form")
    db_session.expire_all()
    assert (activity.starts_at, activity.ends_at) == (starts, ends)
