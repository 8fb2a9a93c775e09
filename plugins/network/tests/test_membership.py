"""Joining from an invitation: an account, a membership, the consents recorded; then the
profile, with its choices of who sees each field."""

from __future__ import annotations

import re

from sqlalchemy import select

from norec_core import User
from norec_network.models import Alumnus, DirectoryEntry, Invitation, Member


def check(form, *offers):
    """Tick the profile's offers (deform names each of a choice's checkboxes "checkbox")."""
    for box in form.fields["checkbox"]:
        box.checked = box._value in offers


def _invite(client, make_user, make_person, db_session, mail):
    """Amina is in the register; an adviser invites Kenya; the link in her mail."""
    person = make_person(given_name="Amina", email="amina.otieno@example.org", country="KE")
    db_session.add(Alumnus(person=person))
    db_session.flush()
    adviser = client(make_user("adviser@network.example.org", roles=["network_adviser"]).email)
    form = adviser.get("/network/waves").forms["wave"]
    form["countries"] = ["KE"]
    form.submit("send")
    body = mail.messages[-1].get_body(("plain",)).get_content()
    return person, re.search(r"http://localhost(/act/\S+)", body).group(1)


def test_accepting_makes_an_account_a_member_and_records_consent(
    client, make_user, make_person, db_session, mail
):
    person, link = _invite(client, make_user, make_person, db_session, mail)
    visitor = client()
    page = visitor.get(link).forms["action"].submit("submit", status=302).follow()
    assert "Welcome to Norec Network" in page.text
    assert "amina.otieno@example.org" in page.text
    form = page.forms["join"]
    form["password"] = form["password_again"] = "a long and unusual passphrase 47"
    form["consent_directory"] = True
    page = form.submit().follow()
    assert page.request.path == "/network/profile"  # logged in, on the profile form

    db_session.expire_all()
    user = db_session.scalars(select(User).where(User.email == person.email)).one()
    assert user.person_id == person.id and user.email_confirmed_at is not None
    member = db_session.scalars(select(Member).where(Member.person_id == person.id)).one()
    assert member.visibility == {}  # private by default
    assert person.consent_directory is True and person.consent_contact is False
    assert {(r.kind, r.granted) for r in person.consent_records} >= {("directory", True)}
    invitation = db_session.scalars(select(Invitation)).one()
    assert invitation.accepted_at is not None

    # The link worked once.
    assert "does not work" in client().get(link, status=404).text


def test_someone_with_an_account_logs_in_instead(client, make_user, make_person, db_session, mail):
    person, link = _invite(client, make_user, make_person, db_session, mail)
    make_user(person.email, person=person)
    response = client().get(link).forms["action"].submit("submit", status=302)
    assert "/login?came_from=" in response.location
    # Not a member before they log in: nothing is half done.
    assert db_session.scalars(select(Member).where(Member.person_id == person.id)).first() is None


def test_the_join_form_needs_an_accepted_invitation(client):
    client().get("/network/join", status=404)


def test_the_profile_keeps_what_was_typed_and_shows_the_error_at_its_field(
    client, make_member, db_session
):
    member = make_member(account=True)
    browser = client(member.person.email)
    form = browser.get("/network/profile").forms["profile"]
    form["about"] = "Nurse, twenty years in Kisumu."
    check(form, "mentor")
    form["mentor_capacity"] = "0"
    page = form.submit(status=422)
    assert "Say how many mentees you can take at once." in page.text
    assert page.forms["profile"]["about"].value == "Nurse, twenty years in Kisumu."
    form = page.forms["profile"]
    form["mentor_capacity"] = "2"
    form["city"] = "Kisumu"
    form["expertise"] = "nursing, midwifery"
    form["sectors"] = "health"
    form["languages"] = ["sw", "en"]
    form["show_name"] = "members"
    form["show_expertise"] = "public"
    form["show_city"] = "advisers"
    page = form.submit().follow()
    assert page.request.path == f"/network/members/{member.id}"
    db_session.expire_all()
    assert member.mentor_capacity == 2 and member.offers == ["mentor"]
    assert member.visibility == {"name": "members", "expertise": "public", "city": "advisers"}
    # The core's person page shows no more than the network does: its "members" is
    # anyone with an account, so only what is shown to everyone carries over.
    assert member.person.visibility == {"expertise": "public"}
    levels = {
        (e.field, e.value): e.level
        for e in db_session.scalars(
            select(DirectoryEntry).where(DirectoryEntry.member_id == member.id)
        )
    }
    assert levels[("expertise", "midwifery")] == "public"
    assert levels[("word", "kisumu")] in ("advisers", "me")  # city's, or the about text's
    assert levels[("languages", "sw")] == "me"


def test_a_tab_closed_after_confirm_leaves_nothing_half_done_and_the_link_good(
    client, make_user, make_person, db_session, mail
):
    person, link = _invite(client, make_user, make_person, db_session, mail)
    client().get(link).forms["action"].submit("submit").follow()  # then the tab is closed
    db_session.expire_all()
    assert db_session.scalars(select(Member).where(Member.person_id == person.id)).first() is None
    assert db_session.scalars(select(Invitation)).one().accepted_at is None

    page = client().get(link).forms["action"].submit("submit").follow()  # the same link
    form = page.forms["join"]
    form["password"] = form["password_again"] = "a long and unusual passphrase 47"
    assert form.submit().follow().request.path == "/network/profile"
    db_session.expire_all()
    assert db_session.scalars(select(Member).where(Member.person_id == person.id)).one()
    assert db_session.scalars(select(Invitation)).one().accepted_at is not None
    assert "does not work" in client().get(link, status=404).text


def test_someone_with_an_account_joins_only_once_logged_in(
    client, make_user, make_person, db_session, mail
):
    person, link = _invite(client, make_user, make_person, db_session, mail)
    make_user(person.email, person=person)
    visitor = client()
    page = visitor.get(link).forms["action"].submit("submit", status=302).follow()
    assert page.request.path == "/login"
    db_session.expire_all()
    assert db_session.scalars(select(Member).where(Member.person_id == person.id)).first() is None
    page = client(person.email).get(link).forms["action"].submit("submit").follow()
    assert page.request.path == "/network/profile"
    assert db_session.scalars(select(Member).where(Member.person_id == person.id)).one()


def test_a_member_stranded_without_an_account_is_invited_again(
    client, make_user, make_person, db_session, mail
):
    # Today's data: the link was spent at "Confirm", the tab closed, no account.
    from norec_network import profile

    person, _link = _invite(client, make_user, make_person, db_session, mail)
    profile.join(db_session, person)
    db_session.scalars(select(Invitation)).one().accepted_at = person.created_at
    db_session.flush()
    adviser = client("adviser@network.example.org")
    page = adviser.get(f"/people/{person.id}")
    mail.clear()
    page = page.forms["invite-again"].submit("submit").follow()
    assert "A new invitation is sent to amina.otieno@example.org." in page.text
    body = mail.messages[-1].get_body(("plain",)).get_content()
    fresh = re.search(r"http://localhost(/act/\S+)", body).group(1)
    page = client().get(fresh).forms["action"].submit("submit").follow()
    form = page.forms["join"]
    form["password"] = form["password_again"] = "a long and unusual passphrase 47"
    assert form.submit().follow().request.path == "/network/profile"
    db_session.expire_all()
    assert db_session.scalars(select(User).where(User.person_id == person.id)).one()


def test_the_profile_and_the_mentoring_form_open_with_no_field_focused(client, make_member):
    member = make_member(account=True)
    mentor = make_member(
        offers=["mentor"], mentor_capacity=2, visibility={"name": "members", "offers": "members"}
    )
    browser = client(member.person.email)
    profile_page = browser.get("/network/profile")
    ask_page = browser.get(f"/network/members/{mentor.id}")
    assert profile_page.forms["profile"] and ask_page.forms["ask"]
    for page in (profile_page, ask_page):
        assert page.html.find(attrs={"autofocus": True}) is None, page.request.path
        assert "autofocus" not in page.text
