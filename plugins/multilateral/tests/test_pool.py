"""The talent pool: kept only with the candidate's consent, asked to renew a month before
the period ends, and erased through the core's erasure when it ends unrenewed."""

from __future__ import annotations

import datetime
import re

from sqlalchemy import select

from norec_core import Person, now
from norec_core.testing import run_due
from norec_multilateral import pool
from norec_multilateral.models import Candidacy, Candidate, PoolEntry
from norec_multilateral.rounds import today


def _link(message) -> str:
    return re.search(r"http://localhost(/act/\S+)", message.get_body(("plain",)).get_content())[1]


def _propose(recruiter, candidacy):
    page = recruiter.get(f"/multilateral/applications/{candidacy.id}")
    form = next(f for f in page.forms.values() if f.id == "pool")
    form["reason"] = "Second in a strong round."
    form.submit("submit").follow()


def test_kept_only_once_the_candidate_consents(
    recruiter, client, make_post, make_candidacy, db_session, mail
):
    candidacy = make_candidacy(make_post(), "not_selected")
    person = candidacy.candidate.person
    _propose(recruiter, candidacy)
    entry = db_session.scalars(select(PoolEntry)).one()
    assert (entry.status, entry.retain_until) == ("proposed", None)
    assert mail.messages[-1]["To"] == person.email
    link = _link(mail.messages[-1])
    page = client().get(link)  # a mail scanner opening the link changes nothing
    db_session.expire_all()
    assert entry.status == "proposed"
    page.forms["action"].submit("submit")
    db_session.expire_all()
    assert entry.status == "active"
    assert entry.retain_until == pool._retain_until(today())
    consent = [r for r in person.consent_records if r.kind == pool.CONSENT_KIND]
    assert [(r.granted, r.text_version) for r in consent] == [(True, pool.VERSION)]
    assert "two years" in consent[0].text
    # The candidate sees it on their profile, and may leave at once.
    browser = client(person.email)
    profile = browser.get("/multilateral/profile")
    assert "Talent pool" in profile
    form = next(f for f in profile.forms.values() if "leave_pool" in f.fields)
    form.submit("leave_pool").follow()
    db_session.expire_all()
    assert entry.status == "withdrawn"
    records = sorted(person.consent_records, key=lambda r: r.id)
    assert [r.granted for r in records if r.kind == pool.CONSENT_KIND] == [
        True,
        False,
    ]


def test_the_candidate_never_sees_why_they_were_proposed(
    recruiter, client, make_post, make_candidacy
):
    candidacy = make_candidacy(make_post(), "not_selected")
    _propose(recruiter, candidacy)
    page = client(candidacy.candidate.person.email).get(
        f"/multilateral/applications/{candidacy.id}"
    )
    assert "Second in a strong round." not in page


def test_reminded_a_month_before_and_erased_when_the_period_ends(
    app, make_post, make_candidacy, db_session, mail
):
    candidacy = make_candidacy(
        make_post(), "not_selected", email="kept@example.org", correspondence_language="en"
    )
    person_id = candidacy.person_id
    entry = PoolEntry(
        candidate_id=candidacy.candidate_id,
        status="active",
        proposed_by="recruiter@example.org",
        consented_at=now(),
        retain_until=today() + datetime.timedelta(days=20),
    )
    db_session.add(entry)
    db_session.flush()
    mail.clear()
    reminding = datetime.datetime(2030, 3, 1, 6, 10, tzinfo=datetime.UTC)  # the tasks' time
    run_due(app.registry, reminding)
    assert [m["To"] for m in mail.messages] == ["kept@example.org"]
    assert "ending" in mail.messages[0]["Subject"]
    run_due(app.registry, reminding + datetime.timedelta(days=1))
    assert len(mail.messages) == 1  # one reminder only
    # Not renewed: erased the morning after the last day, everywhere.
    entry.retain_until = today() - datetime.timedelta(days=1)
    db_session.flush()
    run_due(app.registry, reminding.replace(minute=20))
    db_session.expire_all()
    assert db_session.get(Person, person_id) is None
    assert db_session.scalars(select(Candidate)).all() == []
    assert db_session.scalars(select(Candidacy)).all() == []


def test_an_open_application_keeps_the_data_until_it_closes(
    app, make_post, make_candidacy, db_session
):
    candidacy = make_candidacy(make_post(), "longlisted")
    db_session.add(
        PoolEntry(
            candidate_id=candidacy.candidate_id,
            status="active",
            proposed_by="recruiter@example.org",
            retain_until=today() - datetime.timedelta(days=1),
            reminded_at=now(),
        )
    )
    db_session.flush()
    run_due(app.registry, datetime.datetime(2030, 3, 1, 6, 20, tzinfo=datetime.UTC))
    db_session.expire_all()
    assert db_session.get(Person, candidacy.person_id) is not None


def test_renewing_through_the_reminder_extends_the_period(
    app, client, make_post, make_candidacy, db_session, mail
):
    candidacy = make_candidacy(make_post(), "not_selected")
    entry = PoolEntry(
        candidate_id=candidacy.candidate_id,
        status="active",
        proposed_by="recruiter@example.org",
        retain_until=today() + datetime.timedelta(days=10),
    )
    db_session.add(entry)
    db_session.flush()
    run_due(app.registry, datetime.datetime(2030, 3, 1, 6, 10, tzinfo=datetime.UTC))
    client().get(_link(mail.messages[-1])).forms["action"].submit("submit")
    db_session.expire_all()
    assert entry.retain_until == pool._retain_until(today())
    assert entry.reminded_at is None
