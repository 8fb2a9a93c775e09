"""Accounts for real users: registration, password reset, e-mail change, throttling, expiry,
and the administrators' users page. Mail goes through a real SMTP server."""

import re

from sqlalchemy import select

from norec_core import clock
from norec_core.accounts.models import AccountToken, LoginFailure, User
from norec_core.accounts.users import save_user
from norec_core.domain.models import Person
from norec_core.jsonapi import tokens as api_tokens
from norec_core.security import grant_local_role
from norec_core.testing import USER_PASSWORD


def _link(message) -> str:
    return re.search(r"http://localhost(/\S+)", message.get_content()).group(1)


def _register(testapp, email="nils@example.org", password="long-enough-1", again=None):
    form = testapp.get("/register").forms["register"]
    form["given_name"], form["family_name"], form["email"] = "Nils", "Ås", email
    form["password"], form["password_again"] = password, again or password
    return form.submit("submit", status="*")


def test_registration_confirms_the_address_then_logs_in(testapp, db_session, mail):
    page = _register(testapp)
    assert "Check your e-mail" in page.text
    user = db_session.scalar(select(User).where(User.email == "nils@example.org"))
    assert not user.active
    # Not before the address is confirmed.
    form = testapp.get("/login").forms["login"]
    form["email"], form["password"] = "nils@example.org", "long-enough-1"
    form.submit("submit", status=422)

    (message,) = mail.messages
    assert message["Subject"] == "Confirm your account"
    confirm = testapp.get(_link(message))
    db_session.refresh(user)
    assert not user.active  # opening the link alone (a mail scanner) confirms nothing
    account = confirm.forms["confirm"].submit("submit").follow()
    assert "My account" in account.text and "nils@example.org" in account.text
    db_session.refresh(user)
    assert user.active and user.roles == ["member"]
    person = db_session.get(Person, user.person_id)
    assert (person.given_name, person.family_name, person.email) == ("Nils", "Ås", user.email)
    # The member sees their own person page (local role owner), not other people's.
    testapp.get(f"/people/{person.id}")
    testapp.get("/people", status=403)
    # The link worked once.
    testapp.get(_link(message), status=404)


def test_registering_a_taken_address_reveals_nothing_on_the_page(testapp, mail):
    page = _register(testapp, email="admin@test.example.org")
    assert "Check your e-mail" in page.text
    (message,) = mail.messages
    assert message["Subject"] == "You already have an account"
    # Not again within minutes, though the page says the same.
    assert "Check your e-mail" in _register(testapp, email="admin@test.example.org").text
    assert len(mail.messages) == 1


def test_registration_errors_are_at_their_fields_with_input_kept(testapp, mail):
    page = _register(testapp, password="short")
    assert page.status_int == 422
    form = page.forms["register"]
    assert form["given_name"].value == "Nils" and form["email"].value == "nils@example.org"
    assert page.html.select_one("input[name=password]")["aria-invalid"] == "true"
    assert "At least 10 characters." in page.text
    page = _register(testapp, password="long-enough-1", again="long-enough-2")
    assert page.status_int == 422
    assert page.html.select_one("input[name=password_again]")["aria-invalid"] == "true"
    assert "The two passwords differ." in page.text
    assert mail.messages == []


def test_password_reset_by_a_single_use_expiring_link(testapp, db_session, mail):
    save_user(db_session, "kari@example.org", "the-old-password")
    for email in ("nobody@example.org", "kari@example.org"):
        form = testapp.get("/password/forgot").forms["norec-form"]
        form["email"] = email
        assert "If " + email in form.submit("submit").text
    (message,) = mail.messages  # none for the unknown address
    form = testapp.get(_link(message)).forms["norec-form"]
    form["password"] = form["password_again"] = "the-new-password"
    assert "My account" in form.submit("submit").follow().text
    testapp.reset()
    testapp.login("kari@example.org", "the-new-password")
    testapp.get(_link(message), status=404)

    # Asking again at once sends nothing: no one can flood an inbox from this form.
    mail.clear()
    testapp.post("/logout", {"csrf_token": testapp.csrf_token()})
    form = testapp.get("/password/forgot").forms["norec-form"]
    form["email"] = "kari@example.org"
    form.submit("submit")
    assert mail.messages == []

    # Some minutes later it does; an expired link does not work.
    kari = db_session.scalar(select(User).where(User.email == "kari@example.org"))
    kari.account_mail_at = kari.account_mail_at.replace(year=2000)
    db_session.flush()
    form.submit("submit")
    token = db_session.scalars(select(AccountToken).order_by(AccountToken.id.desc())).first()
    token.expires_at = clock.now()
    db_session.flush()
    testapp.get(_link(mail.messages[0]), status=404)


def test_changing_the_email_address_needs_the_password_and_a_confirmation(
    testapp, db_session, mail
):
    user = save_user(db_session, "old@example.org", "kari-password-1")
    person = Person(given_name="Kari", family_name="Holm", email="old@example.org")
    db_session.add(person)
    db_session.flush()
    user.person_id = person.id
    db_session.flush()
    testapp.login("old@example.org", "kari-password-1")

    form = testapp.get("/account/email").forms["norec-form"]
    form["new_email"], form["current_password"] = "new@example.org", "wrong-password"
    page = form.submit("submit", status=422)
    assert "This is not your current password." in page.text
    assert page.forms["norec-form"]["new_email"].value == "new@example.org"
    form = page.forms["norec-form"]
    form["new_email"], form["current_password"] = "admin@test.example.org", "kari-password-1"
    assert "Another account has this address." in form.submit("submit", status=422).text

    form = testapp.get("/account/email").forms["norec-form"]
    form["new_email"], form["current_password"] = "new@example.org", "kari-password-1"
    form.submit("submit")
    confirm, notice = sorted(mail.messages, key=lambda m: m["To"] != "new@example.org")
    assert notice["To"] == "old@example.org" and "new@example.org" in notice.get_content()
    testapp.get(_link(confirm)).follow()
    db_session.refresh(user)
    db_session.refresh(person)
    assert user.email == person.email == "new@example.org"
    # Asking again at once sends nothing: the form cannot flood someone's inbox.
    mail.clear()
    form = testapp.get("/account/email").forms["norec-form"]
    form["new_email"], form["current_password"] = "victim@example.org", "kari-password-1"
    assert "Try again in a few minutes." in form.submit("submit").follow().text
    assert mail.messages == []


def test_a_new_password_ends_the_other_sessions(testapp, app, db_session):
    import webtest

    save_user(db_session, "kari@example.org", "kari-password-1")
    other = type(testapp)(app, extra_environ={"HTTP_HOST": "localhost"})
    other.login("kari@example.org", "kari-password-1")
    testapp.login("kari@example.org", "kari-password-1")
    form = testapp.get("/account/password").forms["norec-form"]
    form["current_password"] = "kari-password-1"
    form["password"] = form["password_again"] = "kari-password-2"
    form.submit("submit").follow()
    testapp.get("/account")  # this session goes on
    assert "/login" in other.get("/account", status=302).location
    assert isinstance(other, webtest.TestApp)


def test_repeated_failures_block_logins_for_a_while(testapp, db_session):
    for _ in range(5):
        form = testapp.get("/login").forms["login"]
        form["email"], form["password"] = "admin@test.example.org", "guess"
        form.submit("submit", status=422)
    form = testapp.get("/login").forms["login"]
    form["email"], form["password"] = "admin@test.example.org", "admin-password"
    page = form.submit("submit", status=429)
    assert "Too many failed attempts" in page.text
    # Others are not locked out by someone guessing at this account, nor is its owner
    # on another machine.
    save_user(db_session, "kari@example.org", "kari-password-1")
    testapp.login("kari@example.org", "kari-password-1")
    testapp.reset()
    elsewhere = type(testapp)(testapp.app, extra_environ={"REMOTE_ADDR": "192.0.2.7"})
    elsewhere.login("admin@test.example.org", "admin-password")
    # After the window, the right password works again and the count starts afresh.
    for failure in db_session.scalars(select(LoginFailure)):
        failure.at = failure.at.replace(year=2000)
    db_session.flush()
    testapp.reset()
    testapp.login()
    assert (
        db_session.scalars(
            select(LoginFailure).where(LoginFailure.email == "admin@test.example.org")
        ).all()
        == []
    )


def test_guessing_from_many_machines_cannot_lock_the_owner_out_of_a_mailed_link(
    testapp, db_session, mail
):
    save_user(db_session, "kari@example.org", "kari-password-1")
    db_session.add_all(
        LoginFailure(email="kari@example.org", address=f"198.51.100.{n}") for n in range(100)
    )
    db_session.flush()
    form = testapp.get("/login").forms["login"]
    form["email"], form["password"] = "kari@example.org", "kari-password-1"
    page = form.submit("submit", status=429)
    form = page.click("get a link by e-mail that logs you in").forms["norec-form"]
    form["email"] = "kari@example.org"
    form.submit("submit")
    form = testapp.get(_link(mail.messages[-1])).forms["norec-form"]
    form["password"] = form["password_again"] = "kari-password-2"
    assert "My account" in form.submit("submit").follow().text


def test_sessions_end_after_their_maximum_age(admin_app, app, monkeypatch):
    admin_app.get("/admin")
    monkeypatch.setitem(app.registry.settings, "norec.session_max_age", "-1")
    assert "/login" in admin_app.get("/admin", status=302).location


def test_administrators_manage_users_and_their_roles(
    admin_app, db_session, mail, make_organisation
):
    form = admin_app.get("/admin/users/new").forms["norec-form"]
    form["email"], form["display_name"] = "adviser@example.org", "Ada Adviser"
    next(f for f in form.fields["checkbox"] if f._value == "network_adviser").checked = True
    form.submit("submit").follow()
    user = db_session.scalar(select(User).where(User.email == "adviser@example.org"))
    assert user.roles == ["network_adviser"]

    # The invitation sets the first password.
    (invitation,) = mail.messages
    from webtest import TestApp

    ada = TestApp(admin_app.app, extra_environ={"HTTP_HOST": "localhost"})
    form = ada.get(_link(invitation)).forms["norec-form"]
    form["password"] = form["password_again"] = "ada-password-1"
    form.submit("submit").follow()
    ada.get("/people")

    page = admin_app.get("/admin/users", {"role": "network_adviser"})
    assert "adviser@example.org" in page.text and "admin@test.example.org" not in page.text

    # Locked out: the session ends and the next login is refused.
    form = admin_app.get(f"/admin/users/{user.id}").forms["norec-form"]
    form["active"] = False
    form.submit("submit").follow()
    assert "/login" in ada.get("/people").location

    # A local role is shown and can be taken away.
    organisation = make_organisation()
    grant_local_role(db_session, user, organisation, "contact")
    page = admin_app.get(f"/admin/users/{user.id}")
    assert "Contact person" in page.text
    next(f for f in page.forms.values() if "local_role_id" in f.fields).submit().follow()
    assert "None." in admin_app.get(f"/admin/users/{user.id}").text


def test_administrators_cannot_lock_themselves_out(admin_app, db_session):
    me = db_session.scalar(select(User).where(User.email == "admin@test.example.org"))
    form = admin_app.get(f"/admin/users/{me.id}").forms["norec-form"]
    form["active"] = False
    assert "You cannot lock yourself out." in form.submit("submit").follow().text
    form = admin_app.get(f"/admin/users/{me.id}").forms["norec-form"]
    next(f for f in form.fields["checkbox"] if f._value == "admin").checked = False
    assert "You cannot lock yourself out." in form.submit("submit").follow().text
    db_session.refresh(me)
    assert me.active and "admin" in me.roles


def test_idle_sessions_end(migrated_database, db_connection):
    """With norec.session_timeout seconds without a request, the session is gone."""
    import time

    from norec_core.app import main
    from norec_core.test_browsers import testapp_class

    # Long enough that logging in (two requests) fits in it on a busy machine.
    app = main({}, **{**migrated_database, "norec.session_timeout": "3"})
    app.registry["norec.db_bind"] = db_connection
    browser = testapp_class()(app, extra_environ={"HTTP_HOST": "localhost"})
    browser.login()
    browser.get("/admin")
    time.sleep(4.5)  # waiting out the timeout itself, not timing anything
    assert "/login" in browser.get("/admin", status=302).location


def test_nobody_can_claim_an_address_to_get_its_owner_linked_to_their_record(
    testapp, db_session, mail, make_user, make_person
):
    """A member who put the victim's address on their own record would have had the
    victim's future account linked to that record, and seen all that was entered there."""
    attacker = make_user()
    attacker.person = make_person(email=None)
    db_session.flush()
    testapp.login(attacker.email, USER_PASSWORD)
    form = testapp.get(f"/people/{attacker.person.id}/edit").forms["norec-form"]
    form["email"] = "victim@example.org"
    refused = form.submit("submit", status=422)
    assert "Change your e-mail address on your account page" in refused.text
    assert refused.forms["norec-form"]["email"].value == "victim@example.org"
    _row, secret = api_tokens.create(db_session, attacker, "attack")
    response = testapp.patch_json(
        f"/api/v1/people/{attacker.person.id}",
        {"email": "victim@example.org"},
        headers={"Authorization": f"Bearer {secret}"},
        status=422,
    )
    assert "account page" in response.json["errors"]["email"]
    db_session.refresh(attacker.person)
    assert attacker.person.email is None

    # Were the address on the attacker's record anyway (set before this check existed),
    # the victim's registration still makes a record of the victim's own.
    attacker.person.email = "victim@example.org"
    db_session.flush()
    testapp.reset()
    _register(testapp, email="victim@example.org")
    confirm = testapp.get(_link(mail.messages[-1]))
    confirm.forms["confirm"].submit("submit")
    victim = db_session.scalar(select(User).where(User.email == "victim@example.org"))
    assert victim.person_id not in (None, attacker.person_id)


def test_staff_set_the_addresses_on_people_s_records(admin_app, db_session, make_person):
    person = make_person(email="old@example.org")
    form = admin_app.get(f"/people/{person.id}/edit").forms["norec-form"]
    form["email"] = "new@example.org"
    form.submit("submit", status=302)
    db_session.refresh(person)
    assert person.email == "new@example.org"


def test_registrations_are_limited_per_network_address(testapp, app, monkeypatch, mail):
    monkeypatch.setitem(app.registry.settings, "norec.register.max_per_address", "2")
    assert "Check your e-mail" in _register(testapp, email="one@example.org").text
    assert "Check your e-mail" in _register(testapp, email="admin@test.example.org").text
    refused = _register(testapp, email="three@example.org")
    assert refused.status_int == 429
    assert "Too many registrations came from your network" in refused.text
    elsewhere = type(testapp)(app, extra_environ={"REMOTE_ADDR": "192.0.2.9"})
    assert "Check your e-mail" in _register(elsewhere, email="three@example.org").text
