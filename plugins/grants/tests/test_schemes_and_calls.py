"""Caseworkers set up schemes (rates, criteria, rules), calls with their deadlines, and
the exchange rates partners' costs are converted at."""

from __future__ import annotations

from decimal import Decimal

from norec_grants.models import Call, ExchangeRate, Scheme


def _caseworker(client, make_user):
    return client(make_user("setup@norec.example.org", roles=["caseworker"]).email)


def test_a_scheme_with_its_rates_and_criteria(client, make_user, db_session):
    norec = _caseworker(client, make_user)
    form = norec.get("/grants/schemes/new").forms["norec-form"]
    form["name"] = "South–South exchange"
    form["min_age"], form["max_age"] = "36", "22"  # the wrong way round
    page = form.submit("submit", status=422)
    assert "The oldest age cannot be below the youngest." in page.text
    form = page.forms["norec-form"]
    assert form["name"].value == "South–South exchange"
    form["max_age"] = "36"
    amounts = form.fields.get("amount", [])
    assert len(amounts) == 5  # one place per category, no script needed
    amounts[0].value = "6000"  # travel
    amounts[1].value = "5500.50"  # stay
    form.fields["basis"][1].value = "participant_month"
    titles = form.fields["title"]
    titles[0].value, titles[1].value = "Relevance", "Learning at home"
    form.fields["weight"][0].value = "3"
    page = form.submit("submit").follow()
    scheme = db_session.query(Scheme).one()
    assert [(r.category, r.basis, r.amount) for r in scheme.rates] == [
        ("travel", "participant", Decimal("6000.00")),
        ("stay", "participant_month", Decimal("5500.50")),
    ]
    assert [(c.title, c.weight) for c in scheme.criteria] == [
        ("Relevance", 3),
        ("Learning at home", 1),
    ]
    assert "5,500.50" in page.text
    # Editing shows what was saved, and saves what is changed.
    form = norec.get(f"/grants/schemes/{scheme.id}/edit").forms["norec-form"]
    assert form.fields["amount"][1].value == "5500.50"
    form.fields["title"][0].value = ""  # leaves Relevance out
    form.submit("submit").follow()
    db_session.refresh(scheme)
    assert [c.title for c in scheme.criteria] == ["Learning at home"]


def test_a_call_and_its_deadline(client, make_user, scheme, db_session):
    norec = _caseworker(client, make_user)
    form = norec.get("/grants/calls/new").forms["norec-form"]
    form["title"], form["opens_at"], form["closes_at"] = "x", "2030-10-01T08:00", "2031-02-01T12:00"
    for number in ("99999999999999999999", str(scheme.id + 1)):  # no scheme
        form["scheme_id"].force_value(number)
        assert "aria-invalid" in form.submit("submit", status=422).forms["norec-form"].html.decode()
    form["scheme_id"] = str(scheme.id)
    form["title"] = "North–South exchange 2031"
    form["opens_at"], form["closes_at"] = "2031-02-01T12:00", "2030-10-01T08:00"
    page = form.submit("submit", status=422)
    assert "The deadline must come after the opening." in page.text
    form = page.forms["norec-form"]
    form["opens_at"], form["closes_at"] = "2030-10-01T08:00", "2031-02-01T12:00"
    page = form.submit("submit").follow()
    call = db_session.query(Call).filter_by(title="North–South exchange 2031").one()
    # Typed in Norwegian time, kept as the moment it is: 12:00 in Oslo is 11:00 UTC.
    assert call.closes_at.isoformat() == "2031-02-01T11:00:00+00:00"
    assert "Opens" in page.text and "12:00" in page.text


def test_exchange_rates_are_recorded(client, make_user, db_session):
    norec = _caseworker(client, make_user)
    form = norec.get("/grants/exchange-rates").forms["norec-form"]
    form["currency"], form["rate"], form["valid_on"] = "INR", "0", "2026-11-02"
    page = form.submit("submit", status=422)
    assert "A rate is more than zero." in page.text
    form = page.forms["norec-form"]
    form["rate"] = "0.1264"
    form.submit("submit").follow()
    rate = db_session.query(ExchangeRate).one()
    assert (rate.currency, rate.base, rate.rate) == ("INR", "NOK", Decimal("0.126400"))


def test_open_calls_are_newsletter_items_and_closed_ones_are_not(
    app_request, open_call, closed_call
):
    import datetime

    from norec_core import digest_items, now

    items = digest_items(app_request, now() - datetime.timedelta(days=30), now(), "members", "en")
    calls = [i for i in items if i.kind == "call"]
    assert [i.title for i in calls] == [open_call.title]
    assert calls[0].url == f"http://localhost/grants/calls/{open_call.id}"
    assert open_call.closes_at.date().isoformat() in calls[0].summary


def test_schemes_calls_and_criteria_are_given_and_read_in_each_language(
    client, make_user, scheme, open_call, db_session
):
    norec = _caseworker(client, make_user)
    form = norec.get(f"/grants/schemes/{scheme.id}/edit").forms["norec-form"]
    form["text_language"] = "en"
    form["name_nn"] = "Utveksling nord–sør"
    form.fields["title_nn"][0].value = "Relevans"
    form.fields["description_nb"][
        1
    ].value = "Utvekslingen svarer på behov begge har."  # [0]: the scheme's
    form.submit("submit").follow()
    form = norec.get(f"/grants/calls/{open_call.id}/edit").forms["norec-form"]
    form["text_language"] = "en"
    form["title_nb"] = "Utlysning 2027"
    form.submit("submit").follow()
    db_session.refresh(scheme)
    assert scheme.translations == {"nn": {"name": "Utveksling nord–sør"}}
    assert scheme.criteria[0].translations == {
        "nn": {"title": "Relevans"},
        "nb": {"description": "Utvekslingen svarer på behov begge har."},
    }

    reader = client()
    reader.get("/language", {"language": "nn", "came_from": "/"})
    page = reader.get(f"/grants/schemes/{scheme.id}").html
    assert page.h1.get_text(strip=True) == "Utveksling nord–sør"
    assert page.find("strong", string="Relevans") is not None
    # Nothing in nynorsk for the call: the bokmål title, marked as such.
    call = reader.get(f"/grants/calls/{open_call.id}").html
    assert call.h1.span["lang"] == "nb" and call.h1.get_text(strip=True) == "Utlysning 2027"
