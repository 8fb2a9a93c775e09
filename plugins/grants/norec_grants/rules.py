"""What an application must satisfy before it can be submitted, each rule explained in
words the applicant can act on: the call's deadline, the scheme's countries and
lengths, reciprocity, the partners' confirmations and the scheme's eligibility fact."""

from __future__ import annotations

import calendar
import datetime

from pyramid.request import Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from norec_core import Organisation, Person, UnknownFact, now, person_fact
from norec_grants.i18n import _, months, months_range
from norec_grants.models import Application, Call, Confirmation, ExchangeRate


def deadline(request: Request, call: Call, moment: datetime.datetime | None = None):
    """Why nothing can be submitted to `call` now, or None while it is open."""
    moment = moment or now()
    status = call.status(moment)
    if status == "open":
        return None
    layout = request.layout
    if status == "upcoming":
        return _(
            "The call opens ${date}; applications can be submitted from then.",
            mapping={"date": layout.datetime(call.opens_at)},
        )
    return _(
        "The call closed ${date}. No application is accepted after the deadline.",
        mapping={"date": layout.datetime(call.closes_at)},
    )


def reciprocity(application: Application) -> dict[int, object]:
    """In a reciprocal partnership every partner both sends and receives participants:
    the problem of each organisation that does not, by its id."""
    partnership = application.partnership
    if not partnership.reciprocal:
        return {}
    sends = {e.sending_id for e in application.exchanges}
    receives = {e.receiving_id for e in application.exchanges}
    found = {}
    for org in partnership.organisations:
        mapping = {"organisation": org.name}
        if org.id not in sends and org.id not in receives:
            found[org.id] = _(
                "${organisation} neither sends nor receives anyone. In a reciprocal "
                "partnership every partner both sends and receives participants.",
                mapping=mapping,
            )
        elif org.id not in sends:
            found[org.id] = _(
                "${organisation} receives participants but sends none. In a reciprocal "
                "partnership every partner both sends and receives participants.",
                mapping=mapping,
            )
        elif org.id not in receives:
            found[org.id] = _(
                "${organisation} sends participants but receives none. In a reciprocal "
                "partnership every partner both sends and receives participants.",
                mapping=mapping,
            )
    return found


def countries(request: Request, application: Application) -> list:
    scheme = application.call.scheme
    if not scheme.countries:
        return []
    return [
        _(
            "${organisation} is in ${country}, where the scheme ${scheme} does not fund exchanges.",
            mapping={
                "organisation": org.name,
                "country": request.layout.country(org.country),
                "scheme": scheme.name,
            },
        )
        for org in application.partnership.organisations
        if org.country not in scheme.countries
    ]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The last day of a stay of `months` months begun on `day` (1 Jan, six: 30 Jun)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    same = day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )
    return same - datetime.timedelta(days=1)


def plan(request: Request, application: Application) -> list:
    """Where the plan runs ahead of what the partnership and the scheme allow: an
    exchange in a year outside the partnership, of a length the scheme does not fund, or
    too long to end before the partnership does (begun as early as it may be)."""
    partnership, scheme = application.partnership, application.call.scheme
    found = []
    for e in application.exchanges:
        mapping = {
            "year": e.year,
            "sending": e.sending.name,
            "receiving": e.receiving.name,
            "first": request.layout.date(partnership.starts_on),
            "last": request.layout.date(partnership.ends_on),
        }
        if not partnership.starts_on.year <= e.year <= partnership.ends_on.year:
            found.append(
                _(
                    "The exchange from ${sending} to ${receiving} in ${year} lies outside "
                    "the partnership, which runs from ${first} to ${last}.",
                    mapping=mapping,
                )
            )
            continue
        if not scheme.min_months <= e.months <= scheme.max_months:
            found.append(
                _(
                    "The exchange from ${sending} to ${receiving} in ${year} lasts "
                    "${months}; the scheme funds ${allowed}.",
                    mapping={
                        **mapping,
                        "months": months(request, e.months),
                        "allowed": months_range(request, scheme.min_months, scheme.max_months),
                    },
                )
            )
        start = max(datetime.date(e.year, 1, 1), partnership.starts_on)
        end = add_months(start, e.months)
        if end > partnership.ends_on:
            found.append(
                _(
                    "The exchange from ${sending} to ${receiving} in ${year} lasts "
                    "${months}: begun ${start} at the earliest, it ends ${end}, after the "
                    "partnership ends on ${last}. Shorten it or plan it earlier.",
                    mapping={
                        **mapping,
                        "months": months(request, e.months),
                        "start": request.layout.date(start),
                        "end": request.layout.date(end),
                    },
                )
            )
    return found


def unconfirmed(application: Application) -> list[Organisation]:
    """The partner organisations whose contact person has not confirmed the application
    as it stands now."""
    confirmed = {
        c.organisation_id for c in application.confirmations if c.revision == application.revision
    }
    return [o for o in application.partnership.organisations if o.id not in confirmed]


def eligibility(request: Request, application: Application) -> list:
    fact = application.call.scheme.eligibility_fact
    if not fact:
        return []
    if application.lead is None:
        return [_("Name the person responsible for the project: the scheme asks who it is.")]
    try:
        condition = person_fact(request, fact)
    except UnknownFact:
        return [
            _(
                "The scheme's rule «${rule}» is not available on this site; ask ${agency}.",
                mapping={"rule": fact},
            )
        ]
    held = request.dbsession.scalar(
        select(Person.id).where(Person.id == application.lead_id, condition)
    )
    if held is None:
        return [
            _(
                "${person} does not meet the scheme's rule «${rule}».",
                mapping={"person": application.lead.given_name, "rule": _fact_title(request, fact)},
            )
        ]
    return []


def _fact_title(request: Request, name: str) -> str:
    facts = request.registry.get("norec.person_facts", {})
    fact = facts.get(name)
    return fact.title if fact is not None else name


def problems(request: Request, application: Application) -> list:
    """Everything that stands between the application and its submission, in the order
    the applicant would mend it; empty when it can be submitted."""
    found = []
    refused = deadline(request, application.call)
    if refused is not None:
        found.append(refused)
    if not application.exchanges:
        found.append(_("Plan at least one exchange."))
    found += countries(request, application)
    found += plan(request, application)
    if application.exchanges:
        found += list(reciprocity(application).values())
    found += eligibility(request, application)
    if application.exchanges:
        found += [
            _(
                "${organisation} has not confirmed the application as it stands now.",
                mapping={"organisation": org.name},
            )
            for org in unconfirmed(application)
        ]
    return found


def confirm(session: Session, application: Application, organisation, user) -> None:
    """`user` confirms the application for `organisation`, as it stands now."""
    found = next(
        (c for c in application.confirmations if c.organisation_id == organisation.id), None
    )
    if found is None:
        found = Confirmation(organisation=organisation)
        application.confirmations.append(found)
    found.user, found.revision, found.confirmed_at = user, application.revision, now()
    session.flush()


def exchange_rate(
    session: Session, currency: str, base: str, on: datetime.date
) -> ExchangeRate | None:
    """The latest rate recorded for `currency` in `base` on or before `on`."""
    return session.scalars(
        select(ExchangeRate)
        .where(
            ExchangeRate.currency == currency,
            ExchangeRate.base == base,
            ExchangeRate.valid_on <= on,
        )
        .order_by(ExchangeRate.valid_on.desc())
        .limit(1)
    ).first()
