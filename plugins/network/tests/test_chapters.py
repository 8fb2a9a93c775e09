"""Country chapters: members counted, activities listed, a discussion for members that
advisers moderate, and a weekly digest of followed chapters."""

from __future__ import annotations

import datetime

import pytest
from sqlalchemy import select

from norec_core.testing import run_due
from norec_network.models import Post

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")


def test_members_write_reply_and_advisers_moderate(
    client, make_member, make_user, make_activity, db_session, mail
):
    amina = make_member(account=True, given_name="Amina", country="KE")
    juma = make_member(account=True, given_name="Juma", country="KE")
    make_member(country="NP")
    make_activity(title="Kisumu meet-up", kind="gathering", country="KE")
    anonymous = client().get("/network/countries/KE")
    assert "2 members live here." in anonymous.text and "Kisumu meet-up" in anonymous.text
    assert "The discussion is for members" in anonymous.text
    assert "Kenya" in client().get("/network/countries").text
    client().get("/network/countries/XX", status=404)

    page = client(amina.person.email).get("/network/countries/KE")
    form = page.forms["post"]
    form["title"] = "Midwives in Kisumu"
    form["body"] = "Who else works with maternal health here?"
    thread = form.submit().follow()
    assert thread.html.find("h1").text == "Midwives in Kisumu"

    other = client(juma.person.email)
    form = other.get(thread.request.path).forms["reply"]
    form["body"] = "I do, at the county hospital."
    reply_page = form.submit().follow()
    assert "I do, at the county hospital." in reply_page.text
    assert "1 replies" in other.get("/network/countries/KE").text

    # An outsider (logged in, not a member) may not read the discussion.
    client(make_user("outsider@example.org").email).get(thread.request.path, status=403)

    adviser = client(make_user("mod@example.org", roles=["network_adviser"]).email)
    reply = db_session.scalars(select(Post).where(Post.parent_id.is_not(None))).one()
    page = adviser.get(thread.request.path)
    form = next(f for f in page.forms.values() if f.action.endswith(f"/posts/{reply.id}/moderate"))
    form["reason"] = "Personal data about a patient"
    mail.clear()
    form.submit("action").follow()
    # The author is told, with the reason; nobody else is.
    [told] = mail.messages
    assert told["To"] == juma.person.email
    assert "Personal data about a patient" in told.get_content()
    page = other.get(thread.request.path)
    assert "I do, at the county hospital." not in page.text
    assert "Hidden by a moderator: Personal data about a patient" in page.text
    # Only advisers moderate; an author removes only their own post.
    token = page.forms["reply"]["csrf_token"].value
    other.post(
        f"/network/posts/{thread.request.path.split('/')[-1]}/moderate",
        {"csrf_token": token, "action": "hide", "reason": "x"},
        status=403,
    )


def test_a_thread_needs_a_title_and_keeps_the_text(client, make_member):
    member = make_member(account=True, country="NP")
    form = client(member.person.email).get("/network/countries/NP").forms["post"]
    form["body"] = "A message without a title"
    page = form.submit(status=422)
    assert page.forms["post"]["body"].value == "A message without a title"


def test_the_weekly_digest_goes_to_followers_once_a_week(
    app, client, make_member, db_session, mail
):
    reader = make_member(account=True, given_name="Reader", country="KE", languages=["en"])
    writer = make_member(account=True, given_name="Writer", country="KE")
    browser = client(reader.person.email)
    page = browser.get("/network/countries/KE")
    follow = next(f for f in page.forms.values() if f.action.endswith("/follow"))
    assert "You follow this chapter" in follow.submit("follow").follow().text
    form = client(writer.person.email).get("/network/countries/KE").forms["post"]
    form["title"], form["body"] = "Nairobi meet-up in March", "Who comes?"
    form.submit()
    mail.clear()
    monday = datetime.datetime(2030, 3, 4, 5, 0, tzinfo=datetime.UTC)
    assert "network.digest" in run_due(app.registry, monday)
    # The task reads the real clock: the post is from now, the digest looks a week back.
    (message,) = mail.messages  # the reader's; the writer follows nothing
    assert message["To"] == reader.person.email
    assert message["Subject"] == "This week in Norec Network"
    assert "List-Unsubscribe" in message  # one click leaves the digest
    body = message.get_body(("plain",)).get_content()
    assert "Nairobi meet-up in March (Writer" in body and "http://localhost/network/posts/" in body
