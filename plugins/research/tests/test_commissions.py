"""A research commission: the public call, a proposal with its PDF from a think tank in
the South, the assessment the proposer never sees, the award with its mail, and the
resulting report linked to the commission."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from norec_core import Organisation, now
from norec_core.testing import pdf_file
from norec_research.models import Commission, Proposal, Publication, PublicationText

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")

PDF = pdf_file()


def _commission(db_session, **kw):
    values = {
        "title": "South-South personnel exchange: what think tanks in the South see",
        "call": "Proposals from think tanks in the South, up to 400,000 NOK.",
        "partner": Organisation(name="UNOSSC", country="US", kind="international"),
        "deadline": now() + datetime.timedelta(days=30),
        "budget": Decimal("400000.00"),
        "currency": "NOK",
        "published": True,
    }
    commission = Commission(**(values | kw))
    db_session.add(commission)
    db_session.flush()
    return commission


def test_a_proposal_is_sent_assessed_awarded_and_its_report_linked(
    client, make_user, make_person, db_session, mail
):
    commission = _commission(db_session)
    person = make_person(email="anita@ris.example.in", correspondence_language="en")
    make_user(person.email, person=person)
    proposer = client(person.email)
    page = proposer.get(f"/research/commissions/{commission.id}").click("Send a proposal")
    form = next(f for f in page.forms.values() if f.id == "proposal")
    form["organisation_name"], form["country"] = "RIS, New Delhi", "IN"
    form["title"], form["summary"] = "Exchange between Indian and Kenyan hospitals", "Method."
    form["budget"], form["currency"] = "1e30", "NOK"
    form["upload"] = ("proposal.pdf", PDF)
    page = form.submit("submit", status=422)
    form = next(f for f in page.forms.values() if f.id == "proposal")
    assert form["title"].value == "Exchange between Indian and Kenyan hospitals"
    form["budget"] = "380000"
    form["upload"] = ("proposal.pdf", PDF)
    page = form.submit("submit").follow()
    proposal = db_session.scalars(select(Proposal)).one()
    assert proposal.budget == Decimal("380000.00") and proposal.state == "submitted"
    assert mail.messages[-1]["To"] == "anita@ris.example.in"
    link = page.html.find("a", string="proposal.pdf")["href"]
    assert proposer.get(link).body == PDF
    assert client().get(link, expect_errors=True).status_int in (403, 404)
    stranger = client(make_user("stranger@example.org", person=make_person()).email)
    stranger.get(f"/research/proposals/{proposal.id}", status=403)
    # The editors assess and award; the proposer is told, but never sees the assessment.
    editor = client(make_user("research-editor@example.org", roles=["editor"]).email)
    # Asked of the editors once the deadline has passed, not while proposals may come.
    choose = "Choose among the proposals received"
    assert choose not in editor.get("/").text
    commission.deadline = now() - datetime.timedelta(hours=1)
    db_session.flush()
    task = editor.get("/").html.find("a", string=choose)
    assert task["href"] == f"/research/commissions/{commission.id}"
    page = editor.get(f"/research/proposals/{proposal.id}")
    form = next(f for f in page.forms.values() if f.id == "assessment")
    form["score"], form["assessment"], form["state"] = "5", "Strong team, weak plan B.", "awarded"
    form.submit("submit").follow()
    assert "is awarded" in mail.messages[-1].get_body(("plain",)).get_content()
    own = proposer.get(f"/research/proposals/{proposal.id}")
    assert "Awarded" in own and "Strong team" not in own and "Score" not in own
    assert "Awarded" in client().get("/research/commissions")
    # The report it led to, once published, is linked from the commission.
    report = Publication(
        type="report",
        state="published",
        texts=[PublicationText(language="en", title="What think tanks in the South see")],
    )
    db_session.add(report)
    db_session.flush()
    page = editor.get(f"/research/commissions/{commission.id}/edit")
    form = next(f for f in page.forms.values() if f.id == "norec-form")
    form["report_id"] = str(report.id)
    form.submit("submit").follow()
    page = client().get(f"/research/commissions/{commission.id}")
    assert page.html.find("a", string="What think tanks in the South see")
    csv = editor.get(f"/research/commissions/{commission.id}", {"format": "csv"}).text
    assert "RIS, New Delhi" in csv and "380000" in csv


def test_closed_and_unpublished_calls_take_no_proposal(client, make_user, make_person, db_session):
    closed = _commission(db_session)
    closed.deadline = now() - datetime.timedelta(minutes=1)
    draft = _commission(db_session, title="Not yet")
    draft.published = False
    db_session.flush()
    person = make_person()
    make_user(person.email, person=person)
    browser = client(person.email)
    page = browser.get(f"/research/commissions/{closed.id}/propose").follow()
    assert "The call is not open for proposals." in page
    client().get(f"/research/commissions/{draft.id}", status=404)
    assert "Not yet" not in client().get("/research/commissions")
