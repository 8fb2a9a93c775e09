"""Demonstration data of the commissioned research: the UNOSSC commission, awarded and its
report in review, and this year's open call with proposals from think tanks in the
South."""

from __future__ import annotations

import datetime
from decimal import Decimal

from norec_core import Person, now, site_currency
from norec_research.models import Commission, Proposal

THINK_TANKS = (
    ("Research and Information System for Developing Countries", "IN", "Priya", "Raman"),
    ("African Centre for Technology Studies", "KE", "Joseph", "Mwangi"),
    ("Centre for Policy Dialogue", "BD", "Farhana", "Ahmed"),
    ("Institute for Economic Research on Innovation", "ZA", "Thabo", "Nkosi"),
)


def commissions(dbsession, unossc, report, lead) -> None:
    """The UNOSSC commission, awarded, its report in review; and this year's open call
    with proposals from think tanks in the South."""
    awarded = Commission(
        title="South–South personnel exchange: what think tanks in the South see",
        call="Norec and UNOSSC invite think tanks in the South to study what the exchange "
        "of personnel between organisations in the South gives them, and what it costs. "
        "Proposals are assessed on relevance, method, the team and the budget.",
        partner=unossc,
        deadline=datetime.datetime(2025, 10, 1, 10, tzinfo=datetime.UTC),
        budget=Decimal("400000.00"),
        currency=site_currency(),
        published=True,
        report=report,
    )
    current = Commission(
        title="Reciprocity in triangular partnerships",
        call="A call for a study of how the three partners of a triangular partnership "
        "share what they learn. Think tanks and universities in the South may apply.",
        partner=unossc,
        deadline=now() + datetime.timedelta(days=45),
        budget=Decimal("300000.00"),
        currency=site_currency(),
        published=True,
    )
    dbsession.add_all([awarded, current])
    for n, (organisation, country, given, family) in enumerate(THINK_TANKS):
        person = (
            lead
            if n == 0
            else Person(
                given_name=given,
                family_name=family,
                email=f"{given.lower()}.{family.lower()}@thinktank.example.org",
                country=country,
            )
        )
        for commission, state in (
            (awarded, "awarded" if n == 0 else "declined"),
            (current, "submitted"),
        ):
            if commission is current and n == 3:
                continue
            dbsession.add(
                Proposal(
                    commission=commission,
                    person=person,
                    organisation_name=organisation,
                    country=country,
                    title=f"{commission.title}: the view from {organisation}",
                    summary="Interviews with twenty partner organisations and a survey of "
                    "former participants, over twelve months.",
                    budget=Decimal(280000 + 20000 * n),
                    currency=site_currency(),
                    state=state,
                    score=5 - n if commission is awarded else None,
                )
            )
