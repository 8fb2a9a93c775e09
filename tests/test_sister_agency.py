"""A sister agency runs the core and the network plugin alone as its own: France
Volontaires, in French and euros, on Paris time, named everywhere by its own name. Its
front page, a list, a mail and a letter read as its own (issue 28)."""

import datetime
import io
import re
from decimal import Decimal

import pypdf
import pytest
import webtest
from pyramid.scripting import prepare

from norec_core import SITE_TIMEZONE, clock
from norec_core.app import main
from norec_core.domain import registrations
from norec_core.testing import ADMIN_EMAIL, ADMIN_PASSWORD, USER_PASSWORD

FRANCE = {
    "norec.plugins": "network",
    "norec.site_name": "France Volontaires : la plateforme des volontariats",
    "norec.site_name.en": "France Volontaires: the volunteering platform",
    "norec.short_name": "France Volontaires",
    "norec.languages": "fr en",
    "pyramid.default_locale_name": "fr",
    "norec.currency": "EUR",
    "norec.timezone": "Europe/Paris",
    "norec.home_country": "FR",
    "norec.north_countries": "FR",
    "norec.address": "6 rue Truillot\n94200 Ivry-sur-Seine",
    "norec.organisation_number": "SIRET 000 000 000 00000",
    "norec.signatory": "Jeanne Martin, déléguée générale",
    "norec.mail.sender": "France Volontaires <ne-pas-repondre@france-volontaires.example>",
}
# Words a page of the Norwegian platform would leave behind.
FOREIGN = re.compile(r"\bNorec\b|\bNOK\b|Oslo|Norsk|Logg inn|Log in\b")


@pytest.fixture
def france(migrated_database, db_connection):
    """The agency's site on the test's connection: what it writes is rolled back."""
    app = main({}, **{**migrated_database, **FRANCE})
    app.registry["norec.db_bind"] = db_connection
    yield webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    app.registry["norec.db_engine"].dispose()


def _text(page) -> str:
    return " ".join(page.html.get_text(" ").split())


def test_the_front_page_and_a_list_are_the_agencys_in_french(france):
    page = france.get("/")
    text = _text(page)
    assert page.html.html["lang"] == "fr"
    assert page.html.title.text.endswith("– France Volontaires")
    assert page.html.h1.text == "France Volontaires : la plateforme des volontariats"
    assert "Se connecter" in text and "6 rue Truillot" in text
    assert not FOREIGN.search(text), FOREIGN.search(text)
    links = {a["href"] for a in page.html.find("nav").find_all("a")}
    assert "/network/" in links and "/grants/" not in links
    listing = france.get("/activities")
    assert listing.html.html["lang"] == "fr"
    assert not FOREIGN.search(_text(listing))
    network = france.get("/network/")
    assert network.html.h1.text.strip() == "Réseau France Volontaires"
    assert not FOREIGN.search(_text(network))


def test_a_mail_is_in_french_from_the_agency(france, mail):
    form = france.get("/register").forms["register"]
    form["given_name"], form["family_name"], form["email"] = "Awa", "Diop", "awa@example.org"
    form["password"] = form["password_again"] = "assez-long-1"
    form.submit("submit")
    (message,) = mail.messages
    assert message["From"] == FRANCE["norec.mail.sender"]
    body = message.get_content()
    assert "France Volontaires" in body
    assert not FOREIGN.search(message["Subject"] + body)
    assert re.search(r"\b(votre|vous)\b", body)


def test_a_letter_has_the_agencys_letterhead_in_french(
    france, db_session, make_activity, make_person, make_user
):
    activity = make_activity(title="Formation au départ", place="Lyon", timezone="Europe/Paris")
    person = make_person(given_name="Awa", family_name="Diop", correspondence_language="fr")
    seat = registrations.register(db_session, activity, person)
    activity.starts_at = clock.now().replace(microsecond=0) - datetime.timedelta(hours=1)
    activity.ends_at = activity.starts_at + datetime.timedelta(hours=2)
    seat.attendance = "attended"
    db_session.flush()
    owner = make_user(person=person)
    form = france.get("/login").forms["login"]
    form["email"], form["password"] = owner.email, USER_PASSWORD
    form.submit("submit")
    response = france.get(f"/registrations/{seat.id}/certificate.pdf")
    text = " ".join(pypdf.PdfReader(io.BytesIO(response.body)).pages[0].extract_text().split())
    assert "France Volontaires" in text and "6 rue Truillot" in text and "SIRET" in text
    assert "Awa Diop" in text and "Formation au départ" in text
    assert "délivrée" in text
    assert not FOREIGN.search(text)


def test_amounts_are_euros_and_moments_paris_time(france):
    env = prepare(registry=france.app.registry)
    try:
        layout = env["request"].layout
        amount = layout.money(Decimal("1250.5"), layout.site.currency)
        assert amount.replace("\u202f", " ").replace("\xa0", " ") == "1 250,50 €"
        winter = datetime.datetime(2027, 1, 15, 12, tzinfo=datetime.UTC)
        assert winter.astimezone(SITE_TIMEZONE).hour == 13
        assert layout.datetime(winter).endswith("13:00 CET")
    finally:
        env["closer"]()
    # A new activity is in the agency's zone unless another is chosen.
    form = france.get("/login").forms["login"]
    form["email"], form["password"] = ADMIN_EMAIL, ADMIN_PASSWORD
    form.submit("submit")
    page = france.get("/activities/new")
    assert page.forms["norec-form"]["timezone"].value == "Europe/Paris"
