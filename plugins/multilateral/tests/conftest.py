"""What the multilateral plugin's tests share: an organisation's post, a candidate with
a login, and a recruitment adviser's browser."""

from __future__ import annotations

import datetime

import pytest

from norec_core import Organisation, now
from norec_multilateral.models import Candidacy, Candidate, MultilateralPost


@pytest.fixture
def make_post(db_session):
    def make(**kw):
        organisation = kw.pop("organisation", None) or Organisation(
            name="UNICEF", country="US", kind="international"
        )
        values = {
            "programme": "jpo",
            "title": "Health Officer",
            "duty_station": "Geneva",
            "country": "CH",
            "field": "health",
            "deadline": now() + datetime.timedelta(days=20),
            "published": True,
        }
        post = MultilateralPost(organisation=organisation, **(values | kw))
        db_session.add(post)
        db_session.flush()
        return post

    return make


@pytest.fixture
def make_candidacy(db_session, make_person, make_user):
    """An application of a new candidate with a login (their e-mail, USER_PASSWORD)."""

    def make(post, state="submitted", **person):
        found = make_person(**person)
        make_user(found.email, person=found)
        candidacy = Candidacy(
            post=post,
            candidate=Candidate(person=found),
            person_id=found.id,
            motivation="I know the field.",
            eligible=True,
            checks=[],
            state=state,
        )
        db_session.add(candidacy)
        db_session.flush()
        return candidacy

    return make


@pytest.fixture
def recruiter(client, make_user):
    return client(make_user("recruiter@example.org", roles=["recruitment_adviser"]).email)
