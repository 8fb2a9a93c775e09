"""No text a person (or a script) types into a form gives a 500."""

import pytest

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")

NASTY = ["x" * 5000, "nul\x00byte", "<script>alert(1)</script>", "9" * 40, "  ", "ø" * 300]
FORMS = [
    ("/people/new", "norec-form"),
    ("/organisations/new", "norec-form"),
    ("/partnerships/new", "norec-form"),
    ("/activities/new", "norec-form"),
    ("/admin/users/new", "norec-form"),
    ("/admin/mailing", "norec-form"),
    ("/account/password", "norec-form"),
    ("/account/email", "norec-form"),
    ("/account/tokens", "token"),
]


@pytest.mark.parametrize(("path", "form_id"), FORMS)
def test_nasty_text_in_every_field_is_refused_or_kept_never_a_500(admin_app, path, form_id):
    for value in NASTY:
        form = admin_app.get(path).forms[form_id]
        for _name, fields in form.fields.items():
            for field in fields:
                if field.__class__.__name__ in ("Text", "Textarea", "Email", "Password"):
                    field.value = value
        response = form.submit("submit", expect_errors=True)
        assert response.status_int < 500, (path, repr(value[:20]))
        if "\x00" in value:
            assert response.status_int == 400
            assert "NUL characters cannot be used." in response.text


@pytest.mark.parametrize("path", ["/register", "/password/forgot", "/login"])
def test_nasty_text_in_the_public_forms(testapp, path):
    for value in NASTY:
        page = testapp.get(path)
        form = next(iter(page.forms.values())) if path != "/login" else page.forms["login"]
        form = page.forms[list(page.forms)[-1]] if path != "/login" else form
        for _name, fields in form.fields.items():
            for field in fields:
                if field.__class__.__name__ in ("Text", "Textarea", "Email", "Password"):
                    field.value = value
        response = form.submit("submit", expect_errors=True)
        assert response.status_int < 500, (path, repr(value[:20]))


def test_nul_characters_in_filters_and_api_bodies_are_refused(admin_app):
    admin_app.get("/people", {"q": "a\x00b"}, status=400)
    admin_app.get("/admin/audit", {"q": "\x00"}, status=400)
    response = admin_app.post_json("/api/v1/organisations", {"name": "a\x00"}, status=400)
    assert response.json["error"] == "NUL characters cannot be used."


@pytest.mark.parametrize(
    "path",
    [
        "/people",
        "/organisations",
        "/partnerships",
        "/activities",
        "/search",
        "/admin/users",
        "/admin/audit",
        "/admin/outbox",
        "/admin/jobs",
        "/api/v1/organisations",
    ],
)
def test_nasty_filters_never_give_a_500(admin_app, path):
    names = ["q", "page", "country", "language", "when", "kind", "status", "role", "state"]
    names += ["resource_id", "resource_type", "action", "since", "until", "direction"]
    values = ["x" * 5000, "9" * 30, "-1", "2026-13-45", "'; drop table person; --", "ø"]
    for name in names:
        for value in values:
            response = admin_app.get(path, {name: value}, expect_errors=True)
            assert response.status_int < 500, (path, name, value[:20])


def test_names_refuse_direction_overrides_and_subjects_refuse_line_breaks(admin_app):
    form = admin_app.get("/people/new").forms["norec-form"]
    form["given_name"] = "Kari\u202enamdroN"  # shows as "KariNordman" reversed
    form["family_name"] = "Nordmann"
    page = form.submit("submit", status=422)
    assert "change the text's direction" in page.text
    assert page.forms["norec-form"]["given_name"].value == "Kari\u202enamdroN"
    form = admin_app.get("/admin/mailing").forms["norec-form"]
    form["subject"] = "News\r\nBcc: everyone@example.org"
    form["body"] = "Hello"
    page = form.submit("submit", status=422)
    assert "One line only" in page.text


def test_passwords_that_are_common_or_breached_are_refused(testapp):
    for password in ("password123456", "qwertyuiop123", "iloveyou2024"):
        form = testapp.get("/register").forms["register"]
        form["given_name"], form["family_name"], form["email"] = "Ola", "Dunk", "ola@example.org"
        form["password"] = form["password_again"] = password
        page = form.submit("submit", status=422)
        assert "easy to guess" in page.text, password


def test_a_form_posted_out_of_shape_says_so_in_words(admin_app):
    """A script (or an old page) that posts a field's parts out of shape gets the field's
    error in words, not deform's "Invalid pstruct: …" or "Pstruct is not a string"."""
    page = admin_app.get("/people/new")
    fields = page.forms["norec-form"].submit_fields()
    # The languages, a list between __start__ and __end__, sent as one flat value; the
    # country, one value, sent twice inside a list.
    flat = []
    for key, value in fields:
        if value == "languages:sequence":
            continue
        if key == "country":
            flat += [("__start__", "country:sequence"), ("country", "NO"), ("__end__", "")]
        else:
            flat.append((key, value))
    flat += [("languages", "nb"), ("given_name", "Kari"), ("family_name", "Nordmann")]
    response = admin_app.post("/people/new", flat, status=422)
    assert "pstruct" not in response.text.lower()
    # Each at its field and in the summary at the top.
    assert response.text.count("This field was sent in a shape the form cannot read") == 4
    # Markers that do not pair up: the form as a whole cannot be read.
    response = admin_app.post("/people/new", [*fields, ("__end__", "")], status=422)
    assert "peppercorn" not in response.text
    assert "The form was sent in a shape it cannot read" in response.text
