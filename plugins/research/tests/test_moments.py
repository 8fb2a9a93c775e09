"""A moment an editor typed (an embargo, a commission's deadline) stays the same moment
however often its form is saved: the form shows it in the zone it reads it in."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from norec_core import SITE_TIMEZONE, now
from norec_research.models import Commission, Publication, PublicationText

# Midnight in the site's zone in summer (daylight saving time) and in winter.
MOMENTS = [datetime.datetime(now().year + 1, month, 1, tzinfo=SITE_TIMEZONE) for month in (6, 1)]


@pytest.fixture
def editor(client, make_user):
    return client(make_user("moments-editor@example.org", roles=["editor"]).email)


@pytest.mark.parametrize("moment", MOMENTS, ids=["summer", "winter"])
def test_the_embargo_stays_to_the_minute_across_saves(editor, db_session, moment):
    publication = Publication(
        type="report",
        embargo_until=moment,
        texts=[PublicationText(language="en", title="Groundwater in Dodoma")],
    )
    db_session.add(publication)
    db_session.flush()
    page = editor.get(f"/research/publications/{publication.id}/edit")
    assert page.forms["publication"]["embargo_until"].value == moment.strftime("%Y-%m-%dT%H:%M")
    editor.resave(f"/research/publications/{publication.id}/edit", "publication")
    db_session.expire_all()
    assert publication.embargo_until == moment


@pytest.mark.parametrize("moment", MOMENTS, ids=["summer", "winter"])
def test_a_commission_s_deadline_stays_across_saves(editor, db_session, moment):
    commission = Commission(
        title="Think tanks", call="Proposals.", deadline=moment, budget=Decimal("400000")
    )
    db_session.add(commission)
    db_session.flush()
    editor.resave(f"/research/commissions/{commission.id}/edit", "norec-form")
    db_session.expire_all()
    assert commission.deadline == moment
