"""Members the network's tests share: people who joined, with profiles and choices of
who sees what, indexed for the directory as the profile form does."""

from __future__ import annotations

import pytest

from norec_core.testing import USER_PASSWORD
from norec_network import directory
from norec_network.models import Member


@pytest.fixture
def make_member(db_session, make_person, make_user):
    """A member: `visibility` maps fields to levels, `account=True` gives them a login
    (their e-mail, USER_PASSWORD); other keywords go to the person or the member."""

    def make(visibility=None, account=False, listed=True, **kw):
        member_fields = {
            k: kw.pop(k)
            for k in ("sectors", "offers", "availability", "about", "mentor_capacity")
            if k in kw
        }
        person = make_person(consent_directory=listed, **kw)
        member = Member(person=person, visibility=visibility or {}, **member_fields)
        db_session.add(member)
        db_session.flush()
        if account:
            make_user(person.email, person=person)
        directory.index(db_session, [member])
        db_session.flush()
        return member

    make.password = USER_PASSWORD
    return make
