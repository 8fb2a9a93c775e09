"""Every registered route, requested by every role, is allowed or refused as declared here.

The core's routes are listed with the roles that may use them, written out by hand rather
than derived from the code, so that a permission changed by mistake shows up as a
difference. A plugin's routes are checked against the permission their views declare and
the permissions the registered roles grant. A route that appears in neither fails.
"""

from __future__ import annotations

import re

import pytest
from pyramid.security import NO_PERMISSION_REQUIRED

from norec_core.accounts.users import save_user
from norec_core.domain.models import Partnership, Registration
from norec_core.jsonapi import tokens as api_tokens
from norec_core.mail import unsubscribe
from norec_core.security import ACCOUNT, VIEW, grant_local_role
from norec_core.tasks.models import Job
from norec_core.testing import SESSION_SECRET
from norec_notes.models import Note

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")

SITE_ROLES = (
    "admin",
    "caseworker",
    "network_adviser",
    "recruitment_adviser",
    "editor",
    "member",
)
# Members who hold a local role on the test's objects: the person's own account, and the
# contact person of the organisation.
CASES = ("anonymous", *SITE_ROLES, "owner", "contact")

EVERYONE = frozenset(CASES)
LOGGED_IN = EVERYONE - {"anonymous"}
PEOPLE_STAFF = frozenset({"admin", "caseworker", "network_adviser", "recruitment_adviser"})
PEOPLE_EDITORS = frozenset({"admin", "network_adviser", "recruitment_adviser"})
DIRECTORY_EDITORS = frozenset({"admin", "caseworker", "network_adviser", "editor"})
ADMINS = frozenset({"admin"})

# (route name, method) -> the cases allowed.
CORE_MATRIX: dict[tuple[str, str], frozenset[str]] = {
    ("home", "GET"): EVERYONE,
    ("agency.css", "GET"): EVERYONE,
    ("agency.logo", "GET"): EVERYONE,
    ("search", "GET"): EVERYONE,
    ("login", "GET"): EVERYONE,
    ("logout", "POST"): EVERYONE,
    ("language", "POST"): EVERYONE,
    ("language", "GET"): EVERYONE,
    ("people", "GET"): PEOPLE_STAFF,
    ("people.new", "GET"): PEOPLE_EDITORS,
    ("people.detail", "GET"): PEOPLE_STAFF | {"owner"},
    ("people.edit", "GET"): PEOPLE_EDITORS | {"owner"},
    ("people.export", "GET"): frozenset({"admin", "owner"}),
    ("people.erase", "GET"): ADMINS,
    ("people.merge", "GET"): ADMINS,
    ("people.lists", "POST"): PEOPLE_EDITORS | {"owner"},
    ("people.documents", "GET"): PEOPLE_EDITORS | {"owner"},
    # Everyone may ask; what a profile shows is the person's choice (test_profiles).
    ("people.profile", "GET"): EVERYONE,
    ("people.register", "POST"): frozenset({"admin", "network_adviser", "owner"}),
    ("registrations.cancel", "POST"): frozenset({"admin", "network_adviser", "owner"}),
    ("registrations.certificate", "GET"): frozenset({"admin", "network_adviser", "owner"}),
    ("organisations", "GET"): EVERYONE,
    ("organisations.new", "GET"): DIRECTORY_EDITORS,
    ("organisations.detail", "GET"): EVERYONE,
    ("organisations.edit", "GET"): DIRECTORY_EDITORS | {"contact"},
    ("partnerships", "GET"): EVERYONE,
    ("partnerships.new", "GET"): DIRECTORY_EDITORS,
    ("partnerships.detail", "GET"): EVERYONE,
    ("partnerships.edit", "GET"): DIRECTORY_EDITORS,
    ("activities", "GET"): EVERYONE,
    ("activities.new", "GET"): DIRECTORY_EDITORS,
    ("activities.detail", "GET"): EVERYONE,
    ("activities.edit", "GET"): DIRECTORY_EDITORS,
    ("activities.ics", "GET"): EVERYONE,
    ("files.download", "GET"): EVERYONE,  # then the file's record decides
    ("jobs.resume", "POST"): ADMINS,
    ("action_link", "GET"): EVERYONE,
    ("activities.attendance", "POST"): frozenset({"admin", "caseworker", "network_adviser"}),
    ("activities.register", "POST"): LOGGED_IN,
    ("admin", "GET"): ADMINS,
    ("admin.audit", "GET"): ADMINS,
    ("admin.outbox", "GET"): ADMINS,
    ("admin.outbox.retry", "POST"): ADMINS,
    ("admin.mailing", "GET"): ADMINS,
    ("admin.jobs", "GET"): ADMINS,
    ("jobs.detail", "GET"): frozenset({"admin", "owner"}),
    ("jobs.status", "GET"): frozenset({"admin", "owner"}),
    ("register", "GET"): EVERYONE,
    ("register.confirm", "GET"): EVERYONE,
    ("password.forgot", "GET"): EVERYONE,
    ("password.reset", "GET"): EVERYONE,
    ("account", "GET"): LOGGED_IN,
    ("account.password", "GET"): LOGGED_IN,
    ("account.email", "GET"): LOGGED_IN,
    ("account.email.confirm", "GET"): LOGGED_IN,
    ("admin.users", "GET"): ADMINS,
    ("admin.users.new", "GET"): ADMINS,
    ("admin.users.edit", "GET"): ADMINS,
    ("admin.users.revoke", "POST"): ADMINS,
    # Entered by everyone; each transition then checks its own permission (test_workflow).
    ("workflow.transition", "POST"): EVERYONE,
    ("local_roles", "POST"): ADMINS,
    ("account.tokens", "GET"): LOGGED_IN,
    # One's own notices only: what others were told is never listed nor marked.
    ("notices", "GET"): LOGGED_IN,
    ("notices.read", "POST"): LOGGED_IN,
    ("notices.settings", "GET"): LOGGED_IN,
    # Someone else's token is "not found"; one's own is revoked.
    ("account.tokens.revoke", "POST"): LOGGED_IN,
    ("api.openapi", "GET"): EVERYONE,
    ("api.people.list", "GET"): PEOPLE_STAFF,
    ("api.people.read", "GET"): PEOPLE_STAFF | {"owner"},
    ("api.people.create", "POST"): PEOPLE_EDITORS,
    ("api.people.update", "PATCH"): PEOPLE_EDITORS | {"owner"},
    ("api.profiles.list", "GET"): EVERYONE,
    ("api.profiles.read", "GET"): EVERYONE,
    ("api.organisations.list", "GET"): EVERYONE,
    ("api.organisations.read", "GET"): EVERYONE,
    ("api.organisations.create", "POST"): DIRECTORY_EDITORS,
    ("api.organisations.update", "PATCH"): DIRECTORY_EDITORS | {"contact"},
    ("api.partnerships.list", "GET"): EVERYONE,
    ("api.partnerships.read", "GET"): EVERYONE,
    ("api.partnerships.create", "POST"): DIRECTORY_EDITORS,
    ("api.partnerships.update", "PATCH"): DIRECTORY_EDITORS,
    ("api.activities.list", "GET"): EVERYONE,
    ("api.activities.read", "GET"): EVERYONE,
    ("api.activities.create", "POST"): DIRECTORY_EDITORS,
    ("api.activities.update", "PATCH"): DIRECTORY_EDITORS,
    ("api.partnerships.workflow", "GET"): EVERYONE,
    # Any token may ask; the step itself checks its permission (test_api).
    ("api.partnerships.step", "POST"): LOGGED_IN,
    ("unsubscribe", "GET"): EVERYONE,
    ("unsubscribe", "POST"): EVERYONE,
}


def _views_by_route(registry) -> dict[str, list[dict]]:
    """Each route's views: the methods they answer and the permission they declare."""
    introspector = registry.introspector
    found: dict[str, list[dict]] = {}
    for item in introspector.get_category("views"):
        view = item["introspectable"]
        name = view["route_name"]
        if not name or name.startswith("__"):
            continue  # static files and error views
        permissions = [
            r["value"] for r in introspector.related(view) if r.category_name == "permissions"
        ]
        methods = view["request_methods"] or ("GET",)
        for method in methods if isinstance(methods, tuple | list) else (methods,):
            if method == "HEAD":
                continue
            found.setdefault(name, []).append(
                {"method": method, "permission": permissions[0] if permissions else None}
            )
    return found


def _routes(registry) -> dict[str, dict]:
    return {
        item["introspectable"]["name"]: item["introspectable"]
        for item in registry.introspector.get_category("routes")
    }


def _expected_from_permission(registry, permission: str) -> frozenset[str]:
    """For plugin routes: who holds `permission` by the roles the plugins declared.

    Plugin routes are not about the test's objects, so local roles do not apply: the
    owner and the contact person are plain members there.
    """
    if permission in (NO_PERMISSION_REQUIRED, VIEW):
        return EVERYONE
    if permission == ACCOUNT:
        return LOGGED_IN
    roles = registry["norec.roles"]

    def grants(role: str) -> bool:
        return bool({"*", permission} & roles[role].permissions)

    return frozenset(case for case in LOGGED_IN if grants(case if case in SITE_ROLES else "member"))


@pytest.fixture
def objects(db_session, make_person, make_organisation, make_partnership, make_activity):
    person, someone_else = make_person(), make_person()
    organisation = make_organisation()
    partnership = make_partnership()
    activity = make_activity(capacity=10)
    registration = Registration(activity=activity, person=person, status="confirmed")
    job = Job(name="mail.mailing", params={}, status="done")
    # About someone else: the owner case is a plain member there (the matrix is site roles).
    note = Note(person=someone_else, text="the example plugin's record")
    db_session.add_all([registration, job, note])
    db_session.flush()
    owner = save_user(db_session, "token-owner@matrix.example.org", "matrix-password")
    return {
        "ApiToken": api_tokens.create(db_session, owner, "someone else's")[0],
        "resource_type": "partnership",
        "name": "notes.digest",  # a mailing list the example plugin declares
        "filename": "report.pdf",
        "token": unsubscribe.token(SESSION_SECRET, person.id),
        "User": save_user(db_session, "someone@matrix.example.org", "matrix-password"),
        "Job": job,
        "Person": person,
        "Organisation": organisation,
        "Partnership": partnership,
        "Activity": activity,
        "Registration": registration,
        "Note": note,
    }


def _login_as(testapp, db_session, case: str, objects) -> dict:
    """Log in as `case`; returns the headers that authenticate its API calls."""
    if case == "anonymous":
        return {}
    email = f"{case}@matrix.example.org"
    role = case if case in SITE_ROLES else "member"
    user = save_user(db_session, email, "matrix-password", roles=[role])
    if case == "owner":
        user.person_id = objects["Person"].id
        objects["Job"].created_by_id = user.id
    if case == "contact":
        grant_local_role(db_session, user, objects["Organisation"], "contact")
    db_session.flush()
    testapp.login(email, "matrix-password")
    _row, token = api_tokens.create(db_session, user, "matrix")
    return {"Authorization": f"Bearer {token}"}


def _url(route: dict, objects) -> str | None:
    """The route's URL about the test's objects; None for a plugin's route about a record
    of its own, which the plugin's own matrix test requests (norec_grants' tests)."""
    factory = route["factory"]
    model = getattr(factory, "model", None)
    if model is not None and model.__name__ not in objects:
        return None
    if route["name"] in ("workflow.transition", "local_roles"):
        model = Partnership  # its {resource_type} is "partnership"
    if route["name"] == "files.download":
        model = Partnership  # a file's own record decides (test_files); here, no such file

    placeholders = re.findall(r"\{(\w+)", route["pattern"])
    if (
        model is None
        and (route["name"], "GET") not in CORE_MATRIX
        and (route["name"], "POST") not in CORE_MATRIX
    ):
        # A plugin's route on a placeholder of its own (a country code): its matrix.
        if any(p not in objects for p in placeholders):
            return None

    def fill(match):
        if match.group(1) in objects:
            return objects[match.group(1)]
        assert model is not None, f"route {route['name']} has {match.group(0)} but no model"
        return str(objects[model.__name__].id)

    return "/" + re.sub(r"\{(\w+)(:[^}]*)?\}", fill, route["pattern"]).lstrip("/")


def test_every_route_is_in_the_matrix_or_a_plugins(app):
    pm = app.registry["norec.pm"]
    plugin_prefixes = tuple(
        prefix for info in pm.norec_plugins for prefix in (f"{info.name}.", f"api.{info.name}.")
    )
    views = _views_by_route(app.registry)
    for name, entries in views.items():
        for entry in entries:
            assert entry["permission"] is not None, f"{name} declares no permission"
            if not name.startswith(plugin_prefixes):
                assert (name, entry["method"]) in CORE_MATRIX, f"{name} {entry['method']}"
    missing = {key for key in CORE_MATRIX if key[0] not in views}
    assert missing == set()


@pytest.mark.parametrize("case", CASES)
def test_each_role_is_allowed_exactly_what_the_matrix_declares(
    app, testapp, db_session, objects, case
):
    api_headers = _login_as(testapp, db_session, case, objects)
    unexpected = _contrary_to_the_matrix(app, testapp, objects, case, api_headers, case)
    assert unexpected == [], f"{case}: allowed/refused contrary to the matrix"


@pytest.mark.parametrize("case", ["admin", "owner"])
@pytest.mark.parametrize("ended_by", ["logout", "password change"])
def test_a_copied_cookie_is_worth_nothing_once_its_session_ended(
    app, testapp, db_session, objects, case, ended_by
):
    """Someone who copied the cookie (or the token, after a password change) is anonymous."""
    api_headers = _login_as(testapp, db_session, case, objects)
    thief = type(testapp)(app, extra_environ={"HTTP_HOST": "localhost"})
    for cookie in testapp.cookiejar:
        thief.cookiejar.set_cookie(cookie)
    assert thief.get("/account").status_int == 200  # the copy works while the session does
    if ended_by == "logout":
        testapp.post("/logout", {"csrf_token": testapp.csrf_token()})
    else:
        form = testapp.get("/account/password").forms["norec-form"]
        form["current_password"] = "matrix-password"
        form["password"] = form["password_again"] = "a-new-matrix-password"
        form.submit("submit", status=302)
    # Logging out keeps the user's API tokens; a new password revokes them, and a token
    # that does not work is refused everywhere, public reads too ("nobody" may).
    api_case = case if ended_by == "logout" else "nobody"
    unexpected = _contrary_to_the_matrix(app, thief, objects, "anonymous", api_headers, api_case)
    assert unexpected == [], f"{case} after {ended_by}: allowed/refused contrary to the matrix"


def _contrary_to_the_matrix(app, client, objects, case, api_headers, api_case) -> list:
    """The routes where `client` is allowed or refused contrary to the matrix for `case`
    (for `api_case` on the API's routes, called with `api_headers`)."""
    routes = _routes(app.registry)
    token = client.csrf_token()
    unexpected = []
    # Logging out last, or it would end the session for the routes after it.
    order = sorted(_views_by_route(app.registry).items(), key=lambda i: (i[0] == "logout", i[0]))
    for name, entries in order:
        url = _url(routes[name], objects)
        if url is None:
            continue
        is_api = name.startswith("api.")
        for entry in entries:
            method = entry["method"]
            expected = CORE_MATRIX.get((name, method))
            if expected is None:
                expected = _expected_from_permission(app.registry, entry["permission"])
            headers = api_headers if is_api else {}
            if method == "GET":
                response = client.get(url, headers=headers, expect_errors=True)
            else:
                response = client.request(
                    url,
                    method=method,
                    POST={"csrf_token": token},
                    headers=headers,
                    expect_errors=True,
                )
            refused = response.status_int in (401, 403) or (
                response.status_int == 302 and "/login?came_from=" in response.location
            )
            if refused == ((api_case if is_api else case) in expected):
                unexpected.append((name, method, response.status))
            assert response.status_int < 500, (name, method, response.status)
    return unexpected
