"""Records the grants tests share: a scheme with rates, calls open and closed, a
reciprocal partnership of a Norwegian and an Indian hospital with a contact person each."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from norec_core import grant_local_role, import_history, now
from norec_grants import rules
from norec_grants.models import (
    Application,
    Call,
    Criterion,
    Decision,
    ExchangeRate,
    GrantedYear,
    Participant,
    PlannedExchange,
    Rate,
    Scheme,
)
from norec_grants.workflow import APPLICATION_WORKFLOW


@pytest.fixture
def scheme(db_session):
    found = Scheme(
        name="North–South exchange",
        countries=["NO", "IN", "KE"],
        min_months=3,
        max_months=12,
        rates=[
            Rate(category="travel", basis="participant", amount=Decimal("12000.00")),
            Rate(category="stay", basis="participant_month", amount=Decimal("9500.50")),
        ],
        criteria=[Criterion(title="Relevance", weight=3), Criterion(title="Learning", weight=1)],
    )
    db_session.add(found)
    db_session.flush()
    return found


def _call(db_session, scheme, opens, closes):
    call = Call(scheme=scheme, title="Call", opens_at=opens, closes_at=closes)
    db_session.add(call)
    db_session.flush()
    return call


@pytest.fixture
def open_call(db_session, scheme):
    moment = now()
    return _call(
        db_session,
        scheme,
        moment - datetime.timedelta(days=30),
        moment + datetime.timedelta(days=30),
    )


@pytest.fixture
def closed_call(db_session, scheme):
    moment = now()
    return _call(
        db_session,
        scheme,
        moment - datetime.timedelta(days=90),
        moment - datetime.timedelta(hours=1),
    )


@pytest.fixture
def hospitals(make_organisation, make_partnership):
    bergen = make_organisation(name="Haukeland", country="NO")
    vellore = make_organisation(name="Vellore", country="IN")
    partnership = make_partnership(
        title="Nurses Bergen–Vellore",
        organisations=[bergen, vellore],
        reciprocal=True,
        starts_on=datetime.date(now().year, 1, 1),
        ends_on=datetime.date(now().year + 2, 12, 31),
    )
    return partnership, bergen, vellore


@pytest.fixture
def contacts(db_session, make_user, hospitals):
    _partnership, bergen, vellore = hospitals
    norwegian, indian = (
        make_user("kari@haukeland.example.org"),
        make_user("priya@vellore.example.org"),
    )
    grant_local_role(db_session, norwegian, bergen, "contact")
    grant_local_role(db_session, indian, vellore, "contact")
    return norwegian, indian


@pytest.fixture
def application(db_session, open_call, hospitals, contacts):
    found = Application(call=open_call, partnership=hospitals[0], title="Nurses learn together")
    db_session.add(found)
    db_session.flush()
    return found


def _plan(application, hospitals) -> None:
    """An exchange each way between the two hospitals, in the partnership's first year."""
    _partnership, bergen, vellore = hospitals
    year = application.partnership.starts_on.year
    application.exchanges = [
        PlannedExchange(
            year=year, sending=a, receiving=b, participants=1, profession="nurses", months=6
        )
        for a, b in ((bergen, vellore), (vellore, bergen))
    ]


@pytest.fixture
def make_ready(application, hospitals, contacts, db_session):
    """A function that makes `application` ready to submit: an exchange planned each way
    and every partner's confirmation."""

    def ready():
        _plan(application, hospitals)
        db_session.flush()
        for org, user in zip(hospitals[1:], contacts, strict=True):
            rules.confirm(db_session, application, org, user)
        return application

    return ready


@pytest.fixture
def make_granted(application, hospitals, db_session):
    """A function that grants `application` `total` NOK for its first year and takes it
    through `steps` (from "submit" to where the test begins), as a migrated case."""

    def granted(steps, total="100001.00"):
        _plan(application, hospitals)
        moment = now()
        application.decisions.append(
            Decision(
                outcome="approved",
                reasons="Good.",
                decided_at=moment,
                appeal_until=moment,
                years=[
                    GrantedYear(year=application.partnership.starts_on.year, amount=Decimal(total))
                ],
            )
        )
        import_history(
            db_session, application, APPLICATION_WORKFLOW, [(s, moment, "test", "") for s in steps]
        )
        return application

    return granted


@pytest.fixture
def inr(db_session):
    rate = ExchangeRate(currency="INR", base="NOK", rate=Decimal("0.126400"), valid_on=now().date())
    db_session.add(rate)
    db_session.flush()
    return rate


@pytest.fixture
def travelled(db_session, make_person):
    """A function that registers, for each planned exchange of `application`, the
    participants it planned, gone and home again (February to July of its year: the
    plan must lie in the past)."""

    def went(application):
        for e in application.exchanges:
            for _n in range(e.participants):
                application.participants.append(
                    Participant(
                        person=make_person(),
                        sending_id=e.sending_id,
                        receiving_id=e.receiving_id,
                        starts_on=datetime.date(e.year, 2, 1),
                        ends_on=datetime.date(e.year, 7, 31),
                    )
                )
        db_session.flush()
        return application.participants

    return went


@pytest.fixture
def last_year(hospitals, db_session):
    """The partnership began last year, so that its first year's exchanges are over."""
    partnership = hospitals[0]
    partnership.starts_on = datetime.date(now().year - 1, 1, 1)
    db_session.flush()
    return partnership


@pytest.fixture
def screen():
    """A function: as caseworker `norec`, tick every requirement of the screening
    checklist of `application` (in screening)."""

    def tick(norec, application) -> None:
        url = f"/grants/applications/{application.id}/screening"
        form = norec.get(url).forms["norec-form"]
        for field in form.fields.get("met", []):
            field.checked = True
        form.submit("submit", status=302)

    return tick
