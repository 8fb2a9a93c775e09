"""A call's opening and deadline stay the same moments however often its form is saved."""

from __future__ import annotations

import datetime

import pytest

from norec_core import SITE_TIMEZONE, now
from norec_grants.models import Call

# Noon in the site's zone in summer (daylight saving time) and in winter.
SUMMER, WINTER = (
    datetime.datetime(now().year + 1, month, 1, 12, tzinfo=SITE_TIMEZONE) for month in (6, 1)
)


@pytest.mark.parametrize(
    ("opens", "closes"), [(WINTER, SUMMER), (SUMMER, SUMMER.replace(month=11))]
)
def test_a_call_s_moments_stay_across_saves(client, make_user, scheme, db_session, opens, closes):
    call = Call(scheme=scheme, title="Call", opens_at=opens, closes_at=closes)
    db_session.add(call)
    db_session.flush()
    caseworker = client(make_user("moments@norec.example.org", roles=["caseworker"]).email)
    caseworker.resave(f"/grants/calls/{call.id}/edit", "norec-form")
    db_session.expire_all()
    assert (call.opens_at, call.closes_at) == (opens, closes)
