"""The newsletter: double opt-in, an issue composed for a segment, sent by a job through
the outbox once to each reader, and left with one click."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from norec_network.models import NewsletterDelivery

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")


def _subscribed(client, make_member, mail, **kw):
    member = make_member(account=True, languages=["en"], **kw)
    browser = client(member.person.email)
    page = browser.get("/network/newsletter")
    form = next(f for f in page.forms.values() if f.action.endswith("/newsletter/join"))
    assert "A link to confirm is sent" in form.submit().follow().text
    link = re.search(r"http://localhost(/act/\S+)", mail.messages[-1].get_content()).group(1)
    browser.get(link).forms["action"].submit("submit")
    return member


def test_an_issue_goes_once_to_each_subscriber_in_its_segment(
    client, make_member, make_user, make_activity, db_session, mail
):
    kenyan = _subscribed(client, make_member, mail, country="KE", sectors=["health"])
    nepali = _subscribed(client, make_member, mail, country="NP")
    make_member(account=True, country="KE")  # a member who did not join the list
    make_activity(title="Webinar on careers", kind="webinar")
    mail.clear()

    adviser = client(make_user("letters@example.org", roles=["network_adviser"]).email)
    form = adviser.get("/network/newsletters").forms["issue"]
    form["subject"] = "Norec Network – November"
    form["intro"] = "Dear all, welcome to the November issue."
    form["countries"] = ["KE"]
    page = form.submit().follow()
    preview = page.html.find("pre").text
    assert "welcome to the November issue" in preview and "Webinar on careers" in preview
    assert "Send to 1 members" in page.text
    page.forms[next(k for k in page.forms if "send" in page.forms[k].fields)].submit("send")

    (message,) = mail.messages
    assert message["To"] == kenyan.person.email
    assert message["List-Unsubscribe"] and "Webinar on careers" in message.get_content()
    assert nepali.person.email not in {m["To"] for m in mail.messages}
    deliveries = db_session.scalars(select(NewsletterDelivery.person_id)).all()
    assert deliveries == [kenyan.person_id]
    page = adviser.get(page.request.path)
    assert "Send to" not in page.text  # sent: no button to send it twice

    # One click leaves the list: the next issue does not go to them.
    unsubscribe = message["List-Unsubscribe"].strip("<>").replace("http://localhost", "")
    client().post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    mail.clear()
    form = adviser.get("/network/newsletters").forms["issue"]
    form["subject"], form["intro"] = "December", "Hello again."
    page = form.submit().follow()
    assert "Send to 1 members" in page.text  # the Nepali member, no segment this time


def test_a_sector_hidden_from_advisers_does_not_place_a_member_in_a_segment(
    client, make_member, make_user, mail
):
    _subscribed(client, make_member, mail, sectors=["health"], visibility={"sectors": "advisers"})
    _subscribed(client, make_member, mail, sectors=["health"])  # "only me"
    adviser = client(make_user("seg@example.org", roles=["network_adviser"]).email)
    form = adviser.get("/network/newsletters").forms["issue"]
    form["subject"], form["intro"], form["sectors"] = "Health", "For health workers", "health"
    assert "Send to 1 members" in form.submit().follow().text


def test_an_issue_needs_an_introduction_and_keeps_the_subject(client, make_user):
    adviser = client(make_user("empty@example.org", roles=["network_adviser"]).email)
    form = adviser.get("/network/newsletters").forms["issue"]
    form["subject"] = "Kept"
    page = form.submit(status=422)
    assert page.forms["issue"]["subject"].value == "Kept"
