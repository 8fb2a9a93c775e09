"""A post's and a round's deadline stay the same moment however often their forms are
saved."""

from __future__ import annotations

import datetime

import pytest

from norec_core import SITE_TIMEZONE, now
from norec_multilateral.models import RecruitmentRound

# Noon in the site's zone in summer (daylight saving time) and in winter.
MOMENTS = [
    datetime.datetime(now().year + 1, month, 1, 12, tzinfo=SITE_TIMEZONE) for month in (6, 1)
]


@pytest.mark.parametrize("moment", MOMENTS, ids=["summer", "winter"])
def test_a_post_s_deadline_stays_across_saves(recruiter, make_post, db_session, moment):
    post = make_post(deadline=moment)
    recruiter.resave(f"/multilateral/posts/{post.id}/edit", "post")
    db_session.expire_all()
    assert post.deadline == moment


@pytest.mark.parametrize("moment", MOMENTS, ids=["summer", "winter"])
def test_a_round_s_deadline_stays_across_saves(recruiter, db_session, moment):
    recruitment_round = RecruitmentRound(programme="jpo", title="JPO round", deadline=moment)
    db_session.add(recruitment_round)
    db_session.flush()
    recruiter.resave(f"/multilateral/rounds/{recruitment_round.id}/edit", "norec-form")
    db_session.expire_all()
    assert recruitment_round.deadline == moment
