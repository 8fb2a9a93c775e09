"""Schemes, their calls and the exchange rates: public pages to read, forms to run them."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import object_session, selectinload

from norec_core import (
    VIEW,
    Section,
    edit_page,
    flash,
    now,
    process_form,
    translations_from_form,
    translations_to_form,
    upcoming_activities,
)
from norec_grants import currencies
from norec_grants.forms.calls import (
    BASIS_TITLES,
    CATEGORY_TITLES,
    CallSchema,
    ExchangeRateSchema,
    SchemeSchema,
)
from norec_grants.i18n import _, months_range
from norec_grants.models import COURSE_KINDS, Call, Criterion, ExchangeRate, Rate, Scheme
from norec_grants.permissions import MANAGE
from norec_grants.views.applications import contact_partnerships

T = "norec_grants:templates/"
FORM = "norec_core:templates/form.pt"


def _titles():
    return {"categories": CATEGORY_TITLES, "bases": BASIS_TITLES, "months_range": months_range}


@view_config(route_name="grants.overview", renderer=T + "overview.pt", permission=VIEW)
def overview(request):
    moment = now()
    calls = request.dbsession.scalars(
        select(Call).options(selectinload(Call.scheme)).order_by(Call.closes_at.desc())
    ).all()
    return {
        "page_title": _("Grants for exchanges"),
        "open": sorted((c for c in calls if c.status(moment) == "open"), key=lambda c: c.closes_at),
        "upcoming": [c for c in calls if c.status(moment) == "upcoming"],
        "closed": [c for c in calls if c.status(moment) == "closed"][:10],
        "manage": request.has_permission(MANAGE),
        "sections": [
            Section(
                _("Coming courses and seminars for participants"),
                10,
                "norec_core:templates/activity_list.pt",
                {"activities": upcoming_activities(request.dbsession, COURSE_KINDS)},
            )
        ],
    }


@view_config(route_name="grants.schemes", renderer=T + "schemes.pt", permission=VIEW)
def schemes(request):
    found = request.dbsession.scalars(
        select(Scheme).options(selectinload(Scheme.rates)).order_by(Scheme.name)
    ).all()
    return {
        "page_title": _("Grant schemes"),
        "schemes": found,
        "manage": request.has_permission(MANAGE),
        **_titles(),
    }


@view_config(route_name="grants.scheme", renderer=T + "scheme.pt", permission=VIEW)
def scheme_page(scheme, request):
    return {
        "page_title": request.layout.text(scheme, "name", markup=False),
        "scheme": scheme,
        "manage": request.has_permission(MANAGE),
        **_titles(),
    }


def _scheme_values(scheme: Scheme) -> dict:
    return {
        "name": scheme.name,
        "description": scheme.description,
        "currency": scheme.currency,
        "countries": set(scheme.countries),
        "min_age": scheme.min_age,
        "max_age": scheme.max_age,
        "min_months": scheme.min_months,
        "max_months": scheme.max_months,
        "eligibility_fact": scheme.eligibility_fact,
        "text_language": scheme.text_language,
        "translations": translations_to_form(scheme.translations),
        "rates": {r.category: {"amount": r.amount, "basis": r.basis} for r in scheme.rates},
        "criteria": {
            f"criterion_{n}": {
                "title": c.title,
                "description": c.description,
                "weight": c.weight,
                "translations": translations_to_form(c.translations),
            }
            for n, c in enumerate(scheme.criteria, 1)
        },
    }


def _save_scheme(scheme: Scheme, data: dict) -> None:
    for key in ("name", "description", "currency", "min_age", "max_age", "min_months"):
        setattr(scheme, key, data[key])
    scheme.max_months, scheme.eligibility_fact = data["max_months"], data["eligibility_fact"]
    scheme.countries = sorted(data["countries"])
    scheme.text_language = data["text_language"]
    scheme.translations = translations_from_form(data["translations"])
    scheme.rates = [
        Rate(category=category, basis=rate["basis"], amount=rate["amount"], position=n)
        for n, (category, rate) in enumerate(data["rates"].items())
        if rate["amount"] is not None
    ]
    # The places in the order of the form (criterion_1, criterion_2, …), empty ones left out.
    places = sorted(data["criteria"].items(), key=lambda item: int(item[0].rsplit("_", 1)[1]))
    scheme.criteria = [
        Criterion(
            title=c["title"],
            description=c["description"],
            weight=c["weight"],
            position=n,
            # A criterion's texts are written in the scheme's language.
            text_language=data["text_language"],
            translations=translations_from_form(c["translations"]),
        )
        for n, c in enumerate(c for _name, c in places if c["title"])
    ]


def _resave_scheme(scheme: Scheme, data: dict) -> None:
    # Rates are replaced as a whole: flush the old rows away before their successors,
    # which the unique (scheme, category) would otherwise refuse.
    scheme.rates, scheme.criteria = [], []
    object_session(scheme).flush()
    _save_scheme(scheme, data)


@view_config(route_name="grants.scheme_new", renderer=FORM, permission=MANAGE)
def scheme_new(request):
    return edit_page(
        request,
        SchemeSchema(),
        Scheme(),
        is_new=True,
        detail_route="grants.scheme",
        page_title=_("New grant scheme"),
        apply=_save_scheme,
    )


@view_config(route_name="grants.scheme_edit", renderer=FORM, permission=MANAGE)
def scheme_edit(scheme, request):
    return edit_page(
        request,
        SchemeSchema(),
        scheme,
        is_new=False,
        detail_route="grants.scheme",
        page_title=_("Edit ${name}", mapping={"name": scheme.name}),
        appstruct=_scheme_values,
        apply=_resave_scheme,
    )


@view_config(route_name="grants.call", renderer=T + "call.pt", permission=VIEW)
def call_page(call, request):
    # Who may apply: the contact persons of an organisation in a partnership.
    partnerships = contact_partnerships(request) if request.identity is not None else []
    return {
        "page_title": request.layout.text(call, "title", markup=False),
        "call": call,
        "scheme": call.scheme,
        "status": call.status(),
        "partnerships": partnerships,
        "manage": request.has_permission(MANAGE),
        **_titles(),
    }


_CALL_FIELDS = ("scheme_id", "title", "description", "opens_at", "closes_at", "text_language")


def _call_bindings(request) -> dict:
    return {"schemes": request.dbsession.scalars(select(Scheme).order_by(Scheme.name)).all()}


def _call_values(call: Call) -> dict:
    values = {k: getattr(call, k) for k in _CALL_FIELDS}
    return {**values, "translations": translations_to_form(call.translations)}


def _save_call(call: Call, data: dict) -> None:
    for key in _CALL_FIELDS:
        setattr(call, key, data[key])
    call.translations = translations_from_form(data["translations"])


@view_config(route_name="grants.call_new", renderer=FORM, permission=MANAGE)
def call_new(request):
    return edit_page(
        request,
        CallSchema(),
        Call(),
        is_new=True,
        detail_route="grants.call",
        page_title=_("New call"),
        apply=_save_call,
        bindings=_call_bindings(request),
    )


@view_config(route_name="grants.call_edit", renderer=FORM, permission=MANAGE)
def call_edit(call, request):
    return edit_page(
        request,
        CallSchema(),
        call,
        is_new=False,
        detail_route="grants.call",
        page_title=_("Edit ${title}", mapping={"title": call.title}),
        appstruct=_call_values,
        apply=_save_call,
        bindings=_call_bindings(request),
    )


@view_config(route_name="grants.rates", renderer=T + "rates.pt", permission=MANAGE)
def exchange_rates(request):
    result = process_form(request, ExchangeRateSchema(), submit_title=_("Record the rate"))
    if result.valid:
        data = result.data
        found = request.dbsession.scalars(
            select(ExchangeRate).where(
                ExchangeRate.currency == data["currency"],
                ExchangeRate.base == data["base"],
                ExchangeRate.valid_on == data["valid_on"],
            )
        ).first()
        if found is None:
            request.dbsession.add(ExchangeRate(**data))
        else:
            found.rate, found.source = data["rate"], data["source"]
        flash(request, _("The rate is recorded."))
        return HTTPFound(request.route_path("grants.rates"))
    rates = request.dbsession.scalars(
        select(ExchangeRate)
        .order_by(ExchangeRate.valid_on.desc(), ExchangeRate.currency)
        .limit(200)
    ).all()
    return {
        "page_title": _("Exchange rates"),
        "form": result.html,
        "rates": rates,
        "exact": currencies.exact,
    }
