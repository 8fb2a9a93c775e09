"""Login, logout, CSRF and permissions: every view declares one, and it is enforced."""

import pytest
from pyramid.security import NO_PERMISSION_REQUIRED
from sqlalchemy.sql.elements import True_

from norec_core import Partnership, permitted
from norec_core.accounts.models import User
from norec_core.accounts.passwords import hash_password
from norec_core.security import VIEW

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")


def test_login_failure_keeps_email_not_password(testapp):
    form = testapp.get("/login").forms["login"]
    form["email"] = "admin@test.example.org"
    form["password"] = "wrong"
    response = form.submit("submit", status=422)
    assert "The e-mail address or the password is wrong." in response.text
    assert response.forms["login"]["email"].value == "admin@test.example.org"
    assert response.forms["login"]["password"].value == ""


def test_login_redirects_back_but_only_within_the_site(testapp):
    for came_from, target in (("/people?q=a", "/people?q=a"), ("//evil.example", "/")):
        testapp.reset()
        form = testapp.get("/login", {"came_from": came_from}).forms["login"]
        form["email"] = "admin@test.example.org"
        form["password"] = "admin-password"
        response = form.submit("submit")
        assert response.location == "http://localhost" + target


def test_logout(admin_app):
    assert "Logged in as" in admin_app.get("/").text
    admin_app.post("/logout", {"csrf_token": admin_app.csrf_token()}).follow()
    assert "Logged in as" not in admin_app.get("/").text
    assert "/login" in admin_app.get("/people", status=302).location


def test_unsafe_requests_need_the_csrf_token(admin_app):
    admin_app.post("/logout", status=400)
    admin_app.post("/logout", {"csrf_token": "forged"}, status=400)
    form = admin_app.get("/people/new").forms["norec-form"]
    form["csrf_token"].force_value("forged")
    form["given_name"], form["family_name"] = "A", "B"
    response = form.submit("submit", status=400)
    assert "The form has expired" in response.text


def test_login_form_itself_is_csrf_protected(testapp):
    testapp.post("/login", {"email": "a@b.c", "password": "x", "__formid__": "login"}, status=400)


def test_user_without_role_is_refused_personal_data(testapp, db_session):
    db_session.add(User(email="member@example.org", password_hash=hash_password("password1")))
    db_session.flush()
    testapp.login("member@example.org", "password1")
    response = testapp.get("/people", status=403)
    assert "Your account does not give access to this page." in response.text
    testapp.get("/organisations/new", status=403)
    assert "People" not in testapp.get("/").html.find("nav").text


def test_inactive_user_cannot_log_in(testapp, db_session):
    db_session.add(
        User(email="gone@example.org", password_hash=hash_password("password1"), active=False)
    )
    db_session.flush()
    form = testapp.get("/login").forms["login"]
    form["email"], form["password"] = "gone@example.org", "password1"
    form.submit("submit", status=422)


def test_every_view_declares_a_permission(app):
    """No view is left open by omission: each names its permission (or says it needs none)."""
    introspector = app.registry.introspector
    missing = []
    for item in introspector.get_category("views"):
        view = item["introspectable"]
        if (
            view["context"] is not None
            and isinstance(view["context"], type)
            and issubclass(view["context"], Exception)
        ):
            continue  # error views render errors, they are reached only through them
        related = introspector.related(view)
        permissions = [r for r in related if r.category_name == "permissions"]
        if not permissions and view["route_name"] and not view["route_name"].startswith("__"):
            missing.append(view["route_name"])
    assert missing == []


@pytest.mark.parametrize(
    "path",
    ["/people", "/people/new", "/organisations/new", "/partnerships/new", "/activities/new"],
)
def test_protected_pages_redirect_anonymous_to_login(testapp, path):
    assert "/login?came_from=" in testapp.get(path, status=302).location


def test_static_views_need_no_login(testapp):
    testapp.get("/static/core/norec.css", status=200)
    testapp.get("/deform_static/css/bootstrap.min.css", status=200)


def test_no_permission_required_is_reserved_for_login_and_logout(app):
    introspector = app.registry.introspector
    open_routes = set()
    for item in introspector.get_category("permissions"):
        if item["introspectable"]["value"] == NO_PERMISSION_REQUIRED:
            for related in item["related"]:
                if related.category_name == "views" and related["route_name"]:
                    open_routes.add(related["route_name"])
    assert {r for r in open_routes if not r.startswith("__")} == {"login", "logout"}


def test_the_shipped_user_factory_makes_a_member_who_logs_in(testapp, make_user):
    from norec_core.testing import USER_PASSWORD

    member = make_user()
    testapp.login(member.email, USER_PASSWORD)
    assert testapp.get("/account").status_int == 200
    testapp.get("/people", status=403)


def test_a_permission_no_state_decides_is_the_roles_alone_in_sql(app_request):
    """With no workflow state deciding it, `permitted` is the site roles' answer itself:
    `true()` for a permission everyone holds, which a search then leaves out entirely
    rather than asking for the id of every record."""
    assert isinstance(permitted(app_request, Partnership, VIEW), True_)
