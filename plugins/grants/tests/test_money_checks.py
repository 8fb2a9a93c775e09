"""Money a caseworker can check: a rate shown with every digit it is kept with, so that a
converted line can be worked out by hand; currencies in use today, by name in the
page's language; a new line's year from the call; and texts with a number in the right
singular or plural form."""

from __future__ import annotations

import datetime
from decimal import Decimal

from pyramid.i18n import make_localizer
from pyramid.interfaces import ITranslationDirectories

from norec_grants import participants
from norec_grants.i18n import translated
from norec_grants.models import ExchangeRate


def _cost_form(kari, application):
    return kari.get(f"/grants/applications/{application.id}/costs/new").forms["norec-form"]


def test_a_converted_line_can_be_checked_by_hand(client, application, contacts, inr, db_session):
    kari = client(contacts[0].email)
    form = _cost_form(kari, application)
    form["category"], form["description"] = "stay", "Hostel in Vellore"
    form["amount"], form["currency"] = "250000", "INR"
    page = form.submit("submit", status=302).follow()
    row = page.html.find("td", string="Hostel in Vellore").parent
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
    # 250,000 times 0.1264 = 31,600.00, every figure of it on the page.
    assert "₹250,000.00" in cells and "NOK\u00a031,600.00" in cells
    assert any(cell.startswith("0.1264 on") for cell in cells)


def test_the_rates_page_shows_every_digit(admin_app, inr, db_session):
    db_session.add(
        ExchangeRate(currency="KES", base="NOK", rate=Decimal("0.081234"), valid_on=inr.valid_on)
    )
    db_session.flush()
    page = admin_app.get("/grants/exchange-rates")
    assert "1 INR = 0.1264 NOK" in page.text and "1 KES = 0.081234 NOK" in page.text


def test_currencies_are_current_and_named_in_the_pages_language(client, application, contacts, inr):
    kari = client(contacts[0].email)
    options = dict(
        (value, text) for value, _s, text in _cost_form(kari, application)["currency"].options
    )
    assert options["INR"] == "Indian Rupee (INR)" and options["NOK"] == "Norwegian Krone (NOK)"
    assert "ADP" not in options and "DEM" not in options and "XAU" not in options
    kari.set_cookie("_LOCALE_", "nn")
    options = dict(
        (value, text) for value, _s, text in _cost_form(kari, application)["currency"].options
    )
    assert options["NOK"] == "norske kroner (NOK)"
    # A withdrawn currency sent anyway is refused at its field.
    kari.set_cookie("_LOCALE_", "en")
    form = _cost_form(kari, application)
    form["category"], form["description"], form["amount"] = "stay", "Hostel", "100"
    form["currency"].force_value("DEM")
    page = form.submit("submit", status=422)
    assert "DEM is not a currency in use today" in page.text


def test_a_new_lines_year_comes_from_the_call(client, application, contacts, db_session):
    # The partnership began three years before the call: its first year is long past.
    partnership = application.partnership
    partnership.starts_on = partnership.starts_on.replace(year=partnership.starts_on.year - 3)
    db_session.flush()
    year = str(application.call.closes_at.year)
    kari = client(contacts[0].email)
    assert _cost_form(kari, application)["year"].value == year
    page = kari.get(f"/grants/applications/{application.id}/exchanges/new")
    assert page.forms["norec-form"]["year"].value == year


def test_a_number_takes_the_singular_or_plural_form(
    client, application, hospitals, contacts, app_request
):
    day = datetime.date(application.partnership.starts_on.year, 2, 1)

    def refused(months_later, language):
        found = participants.problems(
            application,
            "participant",
            None,
            day,
            day.replace(month=2 + months_later) - datetime.timedelta(days=1),
        )
        localizer = app_request.localizer if language == "en" else _localizer(app_request, language)
        return translated(localizer, found["ends_on"])

    assert refused(1, "en") == "The exchange lasts 1 month; the scheme funds 3 to 12."
    assert refused(2, "en") == "The exchange lasts 2 months; the scheme funds 3 to 12."
    assert refused(1, "nn").startswith("Utvekslinga varer 1 månad")
    assert refused(2, "nn").startswith("Utvekslinga varer 2 månader")
    assert refused(1, "nb").startswith("Utvekslingen varer 1 måned")
    assert refused(2, "nb").startswith("Utvekslingen varer 2 måneder")
    kari = client(contacts[0].email)
    kari.set_cookie("_LOCALE_", "nn")
    assert "3 til 12 månader" in kari.get(f"/grants/calls/{application.call_id}").text


def _localizer(request, language):
    return make_localizer(language, request.registry.getUtility(ITranslationDirectories))


def test_an_amount_is_figures_never_nan_or_infinity(client, application, contacts, admin_app, inr):
    """ "NaN" is a Decimal to Python, and comparing it with the range raised an error."""
    kari = client(contacts[0].email)
    for typed in ("NaN", "Infinity", "-inf", "1e309", "12 apples"):
        form = _cost_form(kari, application)
        form["category"], form["description"] = "stay", "Hostel in Vellore"
        form["amount"], form["currency"] = typed, "INR"
        page = form.submit("submit", status=422)
        assert "Write an amount in figures" in page.text
        assert page.forms["norec-form"]["amount"].value == typed  # what was typed is kept
    rates = admin_app.get("/grants/exchange-rates")
    form = next(f for f in rates.forms.values() if "rate" in f.fields)
    form["currency"], form["rate"] = "KES", "NaN"
    assert "Write an amount in figures" in form.submit("submit", status=422).text
    # As a Norwegian types it: grouped by spaces, a comma before the øre.
    form = _cost_form(kari, application)
    form["category"], form["description"] = "stay", "Guest house"
    form["amount"], form["currency"] = "1 250,50", "NOK"
    page = form.submit("submit", status=302).follow()
    row = page.html.find("td", string="Guest house").parent
    assert "NOK\u00a01,250.50" in row.get_text(" ", strip=True)
