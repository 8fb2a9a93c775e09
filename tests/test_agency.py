"""The agency running the site, by settings alone: names, colours checked for contrast,
languages, currency and time zone (norec_core/agency.py)."""

import datetime
import re
from importlib.resources import files
from pathlib import Path

import pytest
import webtest
from babel.messages.pofile import read_po
from pyramid.scripting import prepare

from norec_core import SITE_TIMEZONE
from norec_core.agency import SiteSettingError, contrast, site_from_settings
from norec_core.app import main
from norec_core.i18n import _, site_localizer
from norec_core.plugins import installed_plugins
from norec_core.testing import make_settings

NOREC = re.compile(r"\bNorec\b")
AGENCY = {
    "norec.site_name": "Agence des volontariats",
    "norec.site_name.en": "Volunteering Agency",
    "norec.short_name": "AdV",
    "norec.languages": "fr en",
    "norec.currency": "EUR",
    "norec.timezone": "Europe/Paris",
    "pyramid.default_locale_name": "",
}


def _start(migrated_database, **settings):
    return webtest.TestApp(
        main({}, **make_settings(migrated_database["sqlalchemy.url"], **settings)),
        extra_environ={"HTTP_HOST": "localhost"},
    )


def test_the_defaults_name_no_agency():
    found = site_from_settings({})
    assert (found.name, found.languages, found.currency) == (
        "Exchange platform",
        ("nn", "nb", "en"),
        "NOK",
    )
    assert found.timezone.key == "Europe/Oslo"
    assert "Norec" not in found.name


def test_names_in_another_language_and_the_short_name():
    found = site_from_settings(AGENCY)
    assert found.name_in("fr") == "Agence des volontariats"
    assert found.name_in("en") == "Volunteering Agency"
    assert found.short_name_in("en") == "AdV"
    signed = site_from_settings(
        {**AGENCY, "norec.signatory": "La directrice"} | {"norec.signatory.en": "The director"}
    )
    assert (signed.signatory_in("fr"), signed.signatory_in("en")) == (
        "La directrice",
        "The director",
    )
    assert found.default_language == "fr"


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        (
            "norec.colours",
            "primary #ffff00",
            r"primary #ffff00 on #ffffff has a contrast of 1\.07:1",
        ),
        ("norec.colours", "header #003366\nheader_text #336699", "header_text #336699 on #003366"),
        ("norec.colours", "primary blue", "write it as #rrggbb"),
        ("norec.colours", "sidebar #000000", "'sidebar' is not one of"),
        ("norec.currency", "EURO", "norec.currency: 'EURO' is not an ISO 4217"),
        ("norec.timezone", "Europe/Atlantis", "norec.timezone: 'Europe/Atlantis'"),
        ("norec.languages", "fr xx-nope", "norec.languages: 'xx-nope'"),
        ("norec.languages", "fr fr", "each language once"),
        ("norec.logo", "/nonexistent/logo.svg", "norec.logo: cannot read"),
        ("norec.logo", "/etc/hostname", "not an SVG, PNG, JPEG or WebP"),
    ],
)
def test_a_setting_that_cannot_be_used_stops_start_up_and_says_why(setting, value, message):
    with pytest.raises(SiteSettingError, match=message):
        site_from_settings({setting: value})


def test_contrast_is_wcags_ratio():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


def test_every_message_may_name_the_agency_without_a_mapping(migrated_database):
    registry = _start(migrated_database, **AGENCY).app.registry
    en = site_localizer(registry, "en")
    assert en.translate(_("${agency} has decided")) == "AdV has decided"
    assert en.translate(_("${site_name}")) == "Volunteering Agency"
    # A mapping of the message's own wins.
    assert en.translate(_("${agency} has decided", mapping={"agency": "X"})) == "X has decided"


def test_a_french_site_speaks_french_first_and_offers_only_its_languages(migrated_database):
    browser = _start(migrated_database, **AGENCY)
    page = browser.get("/")
    assert page.html.html["lang"] == "fr"
    switch = [a.text for a in page.html.select("header .btn-group a")]
    assert switch == ["Français", "English"]
    # A browser asking for Norwegian gets the site's default, not a language it lacks.
    assert browser.get("/", headers={"Accept-Language": "nb"}).html.html["lang"] == "fr"
    assert browser.get("/", headers={"Accept-Language": "en"}).html.html["lang"] == "en"
    browser.get("/language", params={"language": "nn", "came_from": "/"})
    assert browser.get("/").html.html["lang"] == "fr"


def test_the_site_zone_is_the_served_applications(migrated_database):
    browser = _start(migrated_database, **{**AGENCY, "norec.timezone": "Australia/Sydney"})
    registry = browser.app.registry
    moment = datetime.datetime(2027, 1, 15, 12, tzinfo=datetime.UTC)
    env = prepare(registry=registry)
    try:
        assert moment.astimezone(SITE_TIMEZONE).hour == 23
        assert env["request"].layout.datetime(moment).endswith("23:00 AEDT")
    finally:
        env["closer"]()
    # Outside any application, the default zone.
    assert moment.astimezone(SITE_TIMEZONE).hour == 13


@pytest.mark.parametrize(
    "package",
    ["norec_core", *sorted(ep.value.split(".")[0] for ep in installed_plugins().values())],
)
def test_no_shipped_template_message_or_letter_names_norec(package):
    """The agency's name comes from its settings (`${agency}`, `layout.agency`): Norec's
    are in development.ini and the demo, nowhere in what a sister agency installs."""
    source = Path(str(files(package)))
    named = [
        str(path.relative_to(source))
        for path in sorted(source.rglob("*.pt"))
        if NOREC.search(path.read_text(encoding="utf-8"))
    ]
    for po in sorted(source.glob("locale/**/*.po")) + sorted(source.glob("locale/*.pot")):
        with po.open("rb") as f:
            for message in read_po(f):
                texts = [message.id, message.string]
                flat = [
                    t
                    for text in texts
                    for t in (text if isinstance(text, tuple | list) else [text])
                ]
                if any(NOREC.search(t or "") for t in flat):
                    named.append(f"{po.relative_to(source)}: {message.id!r}")
    assert named == []


def test_the_agencys_colours_and_logo_are_served_to_the_layout(migrated_database, tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    browser = _start(
        migrated_database, **AGENCY, **{"norec.logo": str(logo), "norec.colours": "primary #00558c"}
    )
    page = browser.get("/")
    assert page.html.select_one('link[href="/agency.css"]')
    assert page.html.select_one('.site-name img[src="/agency-logo"]')
    css = browser.get("/agency.css")
    assert css.content_type == "text/css"
    assert "--norec-primary:#00558c;--norec-primary-rgb:0,85,140;" in css.text
    served = browser.get("/agency-logo")
    assert (served.content_type, served.body) == ("image/svg+xml", logo.read_bytes())
    # Without a logo there is none to fetch, and the header shows the name alone.
    plain = _start(migrated_database, **AGENCY)
    assert not plain.get("/").html.select_one(".site-name img")
    plain.get("/agency-logo", status=404)
