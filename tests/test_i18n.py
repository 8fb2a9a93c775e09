"""Nynorsk, bokmål and English: the switch, the negotiation, and complete catalogues."""

import datetime

import pytest

from norec_core.i18n import catalogues
from norec_core.layout import Layout
from norec_core.plugins import installed_plugins
from norec_core.testing import USER_PASSWORD

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")


def _switch(testapp, language, came_from="/"):
    """Follow the page's link to `language`, as a visitor clicks it."""
    link = testapp.get(came_from).html.find("a", attrs={"hreflang": language})
    return testapp.get(link["href"])


def test_switch_to_nynorsk_and_back(testapp):
    response = _switch(testapp, "nn", "/activities?when=past")
    assert response.location.endswith("/activities?when=past")
    page = testapp.get("/")
    assert page.html.html["lang"] == "nn"
    assert "Komande aktivitetar" in page.text and "Hopp til hovudinnhaldet" in page.text
    current = page.html.find("a", attrs={"aria-current": "true"})
    assert current["hreflang"] == "nn" and current["lang"] == "nn"
    _switch(testapp, "nb")
    assert "Kommende aktiviteter" in testapp.get("/").text
    _switch(testapp, "en")
    assert "Upcoming activities" in testapp.get("/").text


def test_switch_refuses_to_leave_the_site(testapp):
    away = testapp.get("/language", {"language": "nn", "came_from": "https://evil.example/"})
    assert away.location == "http://localhost/"
    # The form of old, with its token, still works.
    token = testapp.csrf_token()
    back = {"language": "en", "came_from": "/activities", "csrf_token": token}
    assert testapp.post("/language", back).location == "http://localhost/activities"


@pytest.mark.parametrize(
    ("header", "expected"),
    [("nn-NO,nn;q=0.9", "nn"), ("nb-NO", "nb"), ("no", "nb"), ("de, en;q=0.5", "en"), ("de", "en")],
)
def test_browser_language_is_honoured(testapp, header, expected):
    page = testapp.get("/", headers={"Accept-Language": header})
    assert page.html.html["lang"] == expected


def test_validation_messages_and_country_names_in_nynorsk(admin_app):
    _switch(admin_app, "nn")
    form = admin_app.get("/people/new").forms["norec-form"]
    assert ("NO", False, "Noreg") in form["country"].options
    response = form.submit("submit", status=422)
    assert "Må fyllast ut" in response.text
    assert "Skjemaet kunne ikkje lagrast" in response.text


@pytest.mark.bundle
def test_plugin_pages_are_translated(testapp):
    _switch(testapp, "nb")
    assert "Tilskudd til utveksling" in testapp.get("/grants/").text
    _switch(testapp, "nn")
    assert "Tilskot til utveksling" in testapp.get("/grants/").text


@pytest.mark.parametrize(
    "package",
    [
        "norec_core",
        *sorted(ep.value.split(".")[0] for ep in installed_plugins().values()),
    ],
)
def test_catalogues_are_complete_and_compiled(package):
    assert catalogues.problems(package) == []


def test_a_value_inside_a_translated_text_is_named_or_reported():
    """Chameleon fills `${name}` in before translating, so such a text stays as written;
    `norec i18n check` reports the line (every shipped template passes the check above)."""
    template = (
        "<div>\n"
        '  <p i18n:translate="">Dear ${name},</p>\n'
        '  <p i18n:translate="">Dear <tal:n i18n:name="name" replace="name"/>,</p>\n'
        "  <p>${name}</p><br>\n"
        '  <p i18n:translate="" tal:content="title">${placeholder}</p>\n'
        '  <p i18n:translate="">Sent <b>${when}</b></p>\n'
        "</div>"
    )
    assert catalogues.interpolated_messages(template) == [2, 6]


def test_the_pages_follow_the_accounts_language_at_login(testapp, db_session, make_user):
    user = make_user()
    user.language = "nn"
    db_session.flush()
    assert testapp.get("/").html.html["lang"] != "nn"  # the site's default, before login

    testapp.login(user.email, USER_PASSWORD)
    assert testapp.get("/").html.html["lang"] == "nn"


def test_an_account_without_a_choice_keeps_the_browsers_language(testapp, make_user):
    user = make_user()
    _switch(testapp, "en")
    testapp.login(user.email, USER_PASSWORD)
    assert testapp.get("/").html.html["lang"] == "en"


def test_choosing_the_accounts_language_changes_the_pages_too(testapp, make_user):
    user = make_user()
    testapp.login(user.email, USER_PASSWORD)
    form = testapp.get("/notices/settings").forms["norec-form"]
    form["language"] = "nn"
    page = form.submit("submit").follow()
    assert page.html.html["lang"] == "nn"


@pytest.mark.parametrize(
    ("zone", "month", "abbreviation"),
    [
        ("Europe/Oslo", 12, "CET"),
        ("Europe/Oslo", 7, "CEST"),
        ("Africa/Nairobi", 7, "EAT"),
        ("Asia/Kathmandu", 7, "UTC+05:45"),
    ],
)
def test_a_moment_reads_with_its_zones_abbreviation_in_every_language(
    app_request, zone, month, abbreviation
):
    moment = datetime.datetime(2026, month, 3, 13, 0, tzinfo=datetime.UTC)
    shown = {lang: Layout(app_request, lang).datetime(moment, zone) for lang in ("nn", "nb", "en")}
    assert all(text.endswith(f" {abbreviation}") for text in shown.values()), shown
    assert "desember" in shown["nn"] or "juli" in shown["nn"]


def test_a_language_is_added_with_its_catalogues_to_translate(tmp_path, monkeypatch):
    package = tmp_path / "probe_agency_texts"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from pyramid.i18n import TranslationStringFactory\n"
        '_ = TranslationStringFactory("probe_agency_texts")\n'
        'HELLO = _("Welcome to ${agency}")\n'
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert catalogues.languages("probe_agency_texts") == []
    written = catalogues.add("probe_agency_texts", "fr")
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "probe_agency_texts/locale/fr/LC_MESSAGES/probe_agency_texts.po"
    ]
    assert catalogues.languages("probe_agency_texts") == ["fr"]
    (problem,) = catalogues.problems("probe_agency_texts")
    assert "fr/probe_agency_texts: untranslated ['Welcome to ${agency}']" in problem
    with pytest.raises(ValueError, match="not a language CLDR knows"):
        catalogues.add("probe_agency_texts", "xx-nope")


@pytest.mark.parametrize(
    "package",
    ["norec_core", *sorted(ep.value.split(".")[0] for ep in installed_plugins().values())],
)
def test_french_is_shipped_for_the_core_and_every_plugin(package):
    """With the check above, complete: France Volontaires' site, and partners in
    francophone Africa."""
    assert {"nn", "nb", "fr"} <= set(catalogues.languages(package))
