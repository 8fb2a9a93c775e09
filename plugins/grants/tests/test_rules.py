"""What stands between an application and its submission, each explained."""

from __future__ import annotations

import datetime

from norec_core import now
from norec_grants import rules
from norec_grants.models import PlannedExchange


def _exchange(sending, receiving, year):
    return PlannedExchange(
        year=year,
        sending=sending,
        receiving=receiving,
        participants=1,
        profession="nurses",
        months=6,
    )


def test_reciprocity_names_the_partner_that_only_sends(
    app_request, application, hospitals, db_session
):
    partnership, bergen, vellore = hospitals
    year = partnership.starts_on.year
    application.exchanges = [_exchange(bergen, vellore, year)]
    db_session.flush()
    found = {
        k: app_request.localizer.translate(v) for k, v in rules.reciprocity(application).items()
    }
    assert set(found) == {bergen.id, vellore.id}
    assert "Haukeland sends participants but receives none" in found[bergen.id]
    assert "Vellore receives participants but sends none" in found[vellore.id]

    application.exchanges.append(_exchange(vellore, bergen, year + 1))
    db_session.flush()
    assert rules.reciprocity(application) == {}

    partnership.reciprocal = False
    application.exchanges.pop()
    assert rules.reciprocity(application) == {}


def test_a_partner_outside_the_schemes_countries(app_request, application, hospitals):
    application.call.scheme.countries = ["NO", "KE"]
    found = [app_request.localizer.translate(p) for p in rules.countries(app_request, application)]
    assert found == [
        "Vellore is in India, where the scheme North–South exchange does not fund exchanges."
    ]


def test_the_deadline_refuses_before_and_after(app_request, open_call, closed_call):
    assert rules.deadline(app_request, open_call) is None
    closed = app_request.localizer.translate(rules.deadline(app_request, closed_call))
    assert closed.startswith("The call closed ") and "after the deadline" in closed
    upcoming = open_call.opens_at + datetime.timedelta(days=1)
    open_call.opens_at = now() + datetime.timedelta(days=1)
    assert "applications can be submitted from then" in rules.deadline(app_request, open_call)
    assert upcoming


def test_confirmations_hold_for_the_revision_they_saw(application, hospitals, contacts, db_session):
    _partnership, bergen, vellore = hospitals
    norwegian, indian = contacts
    assert rules.unconfirmed(application) == [bergen, vellore]
    rules.confirm(db_session, application, bergen, norwegian)
    rules.confirm(db_session, application, vellore, indian)
    assert rules.unconfirmed(application) == []
    application.revision += 1  # the plan changed after they looked
    assert rules.unconfirmed(application) == [bergen, vellore]
    rules.confirm(db_session, application, bergen, norwegian)  # again: one row per partner
    assert len(application.confirmations) == 2
    assert rules.unconfirmed(application) == [vellore]


def test_problems_list_everything_in_order(
    app_request, application, hospitals, contacts, db_session
):
    partnership, bergen, vellore = hospitals
    texts = [app_request.localizer.translate(p) for p in rules.problems(app_request, application)]
    assert texts == ["Plan at least one exchange."]
    year = partnership.starts_on.year
    application.exchanges = [_exchange(bergen, vellore, year), _exchange(vellore, bergen, year)]
    db_session.flush()
    texts = [app_request.localizer.translate(p) for p in rules.problems(app_request, application)]
    assert texts == [
        "Haukeland has not confirmed the application as it stands now.",
        "Vellore has not confirmed the application as it stands now.",
    ]
    for org, user in zip((bergen, vellore), contacts, strict=True):
        rules.confirm(db_session, application, org, user)
    assert rules.problems(app_request, application) == []


def test_an_eligibility_rule_from_another_plugin(app_request, application, make_person, db_session):
    application.call.scheme.eligibility_fact = "no.such.fact"
    texts = [
        app_request.localizer.translate(p) for p in rules.eligibility(app_request, application)
    ]
    assert texts == ["Name the person responsible for the project: the scheme asks who it is."]
    application.lead = make_person(given_name="Asha")
    texts = [
        app_request.localizer.translate(p) for p in rules.eligibility(app_request, application)
    ]
    assert texts == ["The scheme's rule «no.such.fact» is not available on this site; ask Norec."]


def test_the_latest_recorded_rate_on_or_before_a_day(db_session, inr):
    from decimal import Decimal

    from norec_grants.models import ExchangeRate

    older = ExchangeRate(
        currency="INR",
        base="NOK",
        rate=Decimal("0.12"),
        valid_on=inr.valid_on - datetime.timedelta(days=30),
    )
    db_session.add(older)
    db_session.flush()
    assert rules.exchange_rate(db_session, "INR", "NOK", inr.valid_on) == inr
    assert (
        rules.exchange_rate(db_session, "INR", "NOK", inr.valid_on - datetime.timedelta(days=1))
        == older
    )
    assert rules.exchange_rate(db_session, "KES", "NOK", inr.valid_on) is None
