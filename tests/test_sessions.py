"""Sessions and API tokens end when they should, and a copy of either ends with them."""

import datetime

from sqlalchemy import func, select
from webtest import TestApp

from norec_core import clock
from norec_core.accounts import sessions
from norec_core.accounts.models import LoginSession
from norec_core.accounts.users import save_user, set_password
from norec_core.app import main
from norec_core.jsonapi import tokens as api_tokens
from norec_core.jsonapi.models import ApiToken
from norec_core.testing import USER_PASSWORD


def _copy(app, testapp):
    copy = TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    for cookie in testapp.cookiejar:
        copy.cookiejar.set_cookie(cookie)
    return copy


def test_logging_out_ends_the_session_for_every_copy_of_the_cookie(app, testapp, make_user):
    user = make_user()
    testapp.login(user.email, USER_PASSWORD)
    copy = _copy(app, testapp)
    copy.get("/account", status=200)
    testapp.post("/logout", {"csrf_token": testapp.csrf_token()})
    assert copy.get("/account").location.startswith("http://localhost/login")


def test_a_blocked_user_is_logged_out_everywhere(app, admin_app, make_user):
    user = make_user()
    browser = TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    form = browser.get("/login").forms["login"]
    form["email"], form["password"] = user.email, USER_PASSWORD
    form.submit("submit")
    browser.get("/account", status=200)
    form = admin_app.get(f"/admin/users/{user.id}").forms["norec-form"]
    form["active"] = False
    form.submit("submit")
    assert browser.get("/account").status_int == 302


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(app, testapp, make_user):
    user = make_user()
    testapp.login(user.email, USER_PASSWORD)
    other = _copy(app, testapp)
    form = testapp.get("/account/password").forms["norec-form"]
    form["current_password"] = USER_PASSWORD
    form["password"] = form["password_again"] = "a-brand-new-password"
    form.submit("submit").follow()
    testapp.get("/account", status=200)
    assert other.get("/account").status_int == 302


def test_idle_and_old_sessions_end_and_are_purged(app, testapp, db_session, make_user):
    user = make_user()
    testapp.login(user.email, USER_PASSWORD)
    row = db_session.scalar(select(LoginSession).where(LoginSession.user_id == user.id))
    idle, most = sessions.lifetimes(app.registry.settings)
    row.last_seen_at = clock.now() - idle - datetime.timedelta(minutes=1)
    db_session.flush()
    testapp.get("/account", status=302)
    testapp.login(user.email, USER_PASSWORD)
    row = db_session.scalars(
        select(LoginSession).where(LoginSession.user_id == user.id).order_by(LoginSession.id)
    ).all()[-1]
    row.created_at = clock.now() - most - datetime.timedelta(minutes=1)
    db_session.flush()
    testapp.get("/account", status=302)
    assert sessions.purge(db_session, app.registry.settings) == 2
    count = select(func.count()).select_from(LoginSession).where(LoginSession.user_id == user.id)
    assert db_session.scalar(count) == 0


def test_an_api_token_expires_after_the_lifetime_chosen_and_shown(testapp, db_session, make_user):
    user = make_user()
    testapp.login(user.email, USER_PASSWORD)
    form = testapp.get("/account/tokens").forms["token"]
    form["name"] = "reports"
    form["days"] = "7"
    page = form.submit("submit")
    # Shown as a date in the site's zone, which near midnight UTC is the next day.
    expires = (clock.now() + datetime.timedelta(days=7)).astimezone(clock.SITE_TIMEZONE)
    assert f"It works until {expires:%B} {expires.day}, {expires.year}" in page.text
    token = page.html.find(id="new-token")["value"]
    headers = {"Authorization": f"Bearer {token}"}
    testapp.get("/api/v1/people", headers=headers, status=403)  # a member's token
    row = db_session.scalar(select(ApiToken).where(ApiToken.user_id == user.id))
    row.expires_at = clock.now() - datetime.timedelta(seconds=1)
    db_session.flush()
    testapp.get("/api/v1/people", headers=headers, status=401)  # nobody's token
    assert "reports" not in testapp.get("/account/tokens").text


def test_a_new_password_revokes_the_api_tokens(testapp, db_session):
    user = save_user(db_session, "api@example.org", "first-password", roles=["caseworker"])
    _row, token = api_tokens.create(db_session, user, "script")
    headers = {"Authorization": f"Bearer {token}"}
    testapp.get("/api/v1/people", headers=headers, status=200)
    set_password(user, "second-password")
    db_session.flush()
    testapp.get("/api/v1/people", headers=headers, status=401)


def test_cookies_are_secure_unless_a_configuration_says_otherwise(app_settings):
    settings = {k: v for k, v in app_settings.items() if k != "norec.secure_cookies"}
    response = TestApp(main({}, **settings)).get("/login", headers={"Host": "localhost"})
    assert "secure" in response.headers["Set-Cookie"].lower()
    response = TestApp(main({}, **app_settings)).get("/login", headers={"Host": "localhost"})
    assert "secure" not in response.headers["Set-Cookie"].lower()
