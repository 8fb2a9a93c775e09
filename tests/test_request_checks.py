"""Requests the site refuses with a reason before any view runs, and links that never
come from the client's Host header."""

import re

import pytest
from webob import Request

from norec_core.accounts.users import save_user
from norec_core.jsonapi import tokens as api_tokens
from norec_core.request_checks import MAX_FIELD

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")


@pytest.fixture
def token(db_session):
    user = save_user(db_session, "staff@checks.example.org", "staff-password", roles=["admin"])
    return {"Authorization": f"Bearer {api_tokens.create(db_session, user, 'tests')[1]}"}


def test_a_host_the_site_is_not_served_at_is_refused(testapp, db_session, mail):
    save_user(db_session, "victim@example.org", "the-victims-password")
    form = testapp.get("/password/forgot").forms["norec-form"]
    form["email"] = "victim@example.org"
    refused = form.submit("submit", headers={"Host": "evil.example"}, status=400)
    assert "This site is not served at that address." in refused.text
    assert mail.messages == []
    testapp.get("/api/v1/people", headers={"Host": "evil.example"}, status=400)


def test_mail_links_come_from_the_base_url_whatever_host_was_used(app, db_session, mail):
    """127.0.0.1 is an allowed host in the tests; the mailed link still names localhost."""
    from webtest import TestApp

    save_user(db_session, "kari@example.org", "the-old-password")
    other_host = TestApp(app, extra_environ={"HTTP_HOST": "127.0.0.1:8080"})
    form = other_host.get("/password/forgot").forms["norec-form"]
    form["email"] = "kari@example.org"
    form.submit("submit")
    [message] = mail.messages
    links = re.findall(r"https?://[^\s/]+", message.get_content())
    assert links and set(links) == {"http://localhost"}


def test_a_multipart_body_without_its_boundary_is_a_400_not_a_500(app):
    # Straight to the app: WebTest would add the boundary that is missing here.
    for path in ("/", "/login", "/api/v1/organisations", "/no/such/page"):
        request = Request.blank(
            path, method="POST", body=b"--x\r\n", content_type="multipart/form-data"
        )
        response = request.get_response(app)
        assert response.status_int == 400, path
        assert "The form data could not be read." in response.text


def test_bodies_and_fields_have_a_size_limit(admin_app):
    form = admin_app.get("/organisations/new").forms["norec-form"]
    form["name"] = "x" * (MAX_FIELD + 1)
    refused = form.submit("submit", status=413)
    assert "A field is longer than 100,000 characters." in refused.text
    huge = b"{" + b" " * (26 * 2**20) + b"}"
    refused = admin_app.post(
        "/api/v1/organisations", huge, content_type="application/json", status=413
    )  # refused before the token is even looked at
    assert refused.json["error"] == "The request is larger than 25 MB."


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-json", "", "text/json"])
def test_the_api_reads_json_only_under_a_json_content_type(testapp, token, content_type):
    body = b'{"name": "Typed wrong", "country": "KE", "kind": "ngo"}'
    response = testapp.post(
        "/api/v1/organisations", body, headers=token, content_type=content_type, status=415
    )
    assert response.status_int == 415, response.text
    assert "application/json" in response.json["error"]


def test_nul_is_refused_under_any_content_type(testapp, token):
    for content_type in ("text/plain", "application/json; charset=utf-8", "application/foo"):
        response = testapp.post(
            "/api/v1/organisations",
            b'{"name": "a\\u0000"}',
            headers=token,
            content_type=content_type,
            status=400,
        )
        assert response.json["error"] == "NUL characters cannot be used."


def test_a_very_long_search_text_is_answered(admin_app, testapp, token, make_person):
    make_person(family_name="Longsearch")
    for path in ("/people", "/organisations", "/search", "/admin/audit", "/admin/users"):
        admin_app.get(path, {"q": "x" * 50_000}, status=200)
    testapp.get("/api/v1/people", {"q": "x" * 50_000}, headers=token, status=200)
    assert "Longsearch" in admin_app.get("/people", {"q": "longsearch " * 5_000}).text


def test_organisation_ids_that_do_not_exist_are_field_errors(testapp, token, make_organisation):
    kenya, norway = make_organisation(country="KE"), make_organisation(country="NO")
    for bad in ("999999", "99999999999999999999", "-1", "x"):
        body = {
            "title": "Ids",
            "organisations": [kenya.id, norway.id, bad],
            "direction": "north-south",
            "starts_on": "2027-01-01",
            "ends_on": "2027-12-31",
        }
        response = testapp.post_json("/api/v1/partnerships", body, headers=token, status="*")
        assert response.status_int == 422, (bad, response.text)
        activity = {"title": "Ids", "kind": "meeting", "organisation_id": bad}
        response = testapp.post_json("/api/v1/activities", activity, headers=token, status="*")
        assert response.status_int == 422, (bad, response.text)
        assert "organisation_id" in response.json["errors"]


def test_every_answer_carries_the_security_headers(admin_app, testapp, token):
    answers = {
        "page": admin_app.get("/people"),
        "error": testapp.get("/no/such/page", status=404),
        "refusal": testapp.get("/", headers={"Host": "evil.example"}, status=400),
        "api": testapp.get("/api/v1/people", headers=token),
    }
    for name, response in answers.items():
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, name
        assert "frame-ancestors 'none'" in csp, name
        assert response.headers["X-Frame-Options"] == "DENY", name
        assert response.headers["X-Content-Type-Options"] == "nosniff", name
        assert response.headers["Referrer-Policy"] == "same-origin", name
        assert response.headers["Cache-Control"] == "no-store", name
    # Static files, which hold no personal data, may be cached.
    static = testapp.get(testapp.get("/").html.find("link", rel="stylesheet")["href"])
    assert "no-store" not in static.headers["Cache-Control"]
    assert "Strict-Transport-Security" not in answers["page"].headers  # served over HTTP


def test_over_https_the_browser_is_told_to_stay_there(app_settings):
    from webtest import TestApp

    from norec_core.app import main

    app = TestApp(main({}, **{**app_settings, "norec.base_url": "https://norec.example.org"}))
    response = app.get("/", headers={"Host": "norec.example.org"})
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.parametrize(
    "path", ["/", "/organisations", "/activities", "/partnerships?q=health", "/search?q=oslo"]
)
def test_a_public_page_sets_no_cookie_and_may_be_kept_a_minute(app, testapp, path):
    visitor = type(testapp)(app, extra_environ={"HTTP_HOST": "localhost"})
    response = visitor.get(path)
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "public, max-age=60"
    assert {"Cookie", "Accept-Language"} <= set(response.headers["Vary"].split(", "))
    # A page with a form starts a session for its token, and is the visitor's own.
    login = visitor.get("/login")
    assert "norec_session=" in login.headers["Set-Cookie"]
    assert login.headers["Cache-Control"] == "no-store"
    # With a session, even a public page is not shared.
    assert visitor.get(path).headers["Cache-Control"] == "no-store"


def test_a_logged_in_page_is_not_signed_again_on_every_request(admin_app):
    admin_app.get("/people")
    assert "Set-Cookie" not in admin_app.get("/people").headers


@pytest.mark.parametrize(
    "path",
    [
        "/search?q=%ff%fe",
        "/activities?q=%c3",
        "/research/publications?q=%ff",
        "/research/feed.atom?q=%fe",
        "/network/directory?q=%ff",
        "/multilateral/posts?programme=%80",
    ],
)
def test_a_path_or_query_that_is_not_utf8_is_a_400_with_its_reason(testapp, path):
    page = testapp.get(path, status=400)
    assert "not UTF-8" in page.text


def test_a_path_that_is_not_utf8_is_a_400_too(app):
    # WebTest refuses to send such a path; a server passes it on as WSGI's latin-1 text.
    request = Request.blank("/people/x", headers={"Host": "localhost"})
    request.environ["PATH_INFO"] = "/people/\xff"
    assert request.get_response(app).status_int == 400


# A digit to str.isdigit that int() refuses; and more digits than int() reads (4,300).
NOT_A_PAGE = ("²", "9" * 5000, "0", "-1", "x")


def test_a_page_that_is_no_page_number_is_a_400_in_the_api_and_the_first_page_in_lists(
    admin_app, testapp
):
    for page in NOT_A_PAGE:
        response = testapp.get("/api/v1/organisations", {"page": page}, status=400)
        assert response.json["error"] == "page must be a whole number from 1.", page
        admin_app.get("/people", {"page": page}, status=200)
    assert testapp.get("/api/v1/organisations", {"page": "3"}).json["total"] >= 0
