"""The forms of schemes, calls and exchange rates: their texts in every language, rates,
criteria and deadlines."""

from __future__ import annotations

from decimal import Decimal

import colander
import deform

from norec_core import (
    SITE_CURRENCY,
    CSRFSchema,
    amount_node,
    choice_node,
    countries_node,
    date_widget,
    line_node,
    moment_node,
    number_node,
    text_language_node,
    text_node,
    translations_node,
)
from norec_grants import currencies
from norec_grants.i18n import _

CATEGORY_TITLES = {
    "travel": _("Travel"),
    "stay": _("Stay"),
    "salary": _("Salary"),
    "insurance": _("Insurance"),
    "courses": _("Courses"),
}


# The texts of a call and of a criterion, in the languages besides the one first written.
TEXTS = {"title": (_("Title"), False), "description": (_("Description"), True)}


BASIS_TITLES = {
    "participant": _("per participant"),
    "participant_month": _("per participant and month"),
}


MAX_CRITERIA = 8  # the criteria a scheme's form offers places for


def _rates_node():
    """One place per budget category (the categories are fixed: no script adds or
    removes rows), each with its amount and how it is paid; no amount, no rate."""
    node = colander.SchemaNode(colander.Mapping(), title=_("Rates"))
    for category, title in CATEGORY_TITLES.items():
        rate = colander.SchemaNode(colander.Mapping(), name=category, title=title)
        rate.add(amount_node(_("Rate"), name="amount", missing=None))
        rate.add(choice_node(_("Paid"), BASIS_TITLES, name="basis", default="participant"))
        node.add(rate)
    return node


def _criteria_node():
    node = colander.SchemaNode(
        colander.Mapping(),
        title=_("Assessment criteria"),
        description=_("Leave a criterion's name empty to leave it out."),
    )
    for n in range(1, MAX_CRITERIA + 1):
        criterion = colander.SchemaNode(
            colander.Mapping(), name=f"criterion_{n}", title=_("Criterion ${n}", mapping={"n": n})
        )
        criterion.add(line_node(_("Name"), name="title", missing=""))
        criterion.add(
            text_node(_("What the assessor looks for"), rows=2, name="description", missing="")
        )
        criterion.add(number_node(_("Weight"), 1, 100, name="weight", default=1, missing=1))
        criterion.add(translations_node(TEXTS))
        node.add(criterion)
    return node


@colander.deferred
def _fact_widget(node, kw):
    request = kw["request"]
    facts = request.registry.get("norec.person_facts", {})
    values = [("", _("– none –"))] + [(n, f.title) for n, f in sorted(facts.items())]
    return deform.widget.SelectWidget(values=values)


class SchemeSchema(CSRFSchema):
    """A scheme's settings. Its rates and criteria are places in the form, not rows a
    script adds, so that it works with a keyboard and without JavaScript."""

    name = line_node(_("Name"), 200)
    description = text_node(_("Description"), rows=4, missing="")
    currency = colander.SchemaNode(
        colander.String(),
        title=_("Currency"),
        description=_("ISO 4217 code of the currency grants are given in"),
        validator=currencies.validator,
        default=SITE_CURRENCY,
    )
    countries = countries_node(
        _("Eligible countries"),
        description=_("Partners must be in one of these; choose none to allow any country."),
        missing=set(),
    )
    min_age = number_node(_("Youngest participant (years)"), 16, 99, default=18)
    max_age = number_node(_("Oldest participant (years)"), 16, 99, default=35)
    min_months = number_node(_("Shortest exchange (months)"), 1, 60, default=3)
    max_months = number_node(_("Longest exchange (months)"), 1, 60, default=12)
    eligibility_fact = colander.SchemaNode(
        colander.String(),
        title=_("Participants must also"),
        description=_("A rule about people that an installed plugin provides."),
        widget=_fact_widget,
        missing="",
    )
    text_language = text_language_node()
    translations = translations_node(
        {"name": (_("Name"), False), "description": (_("Description"), True)}
    )
    rates = _rates_node()
    criteria = _criteria_node()

    def validator(self, node, value):
        if value["min_age"] > value["max_age"]:
            raise colander.Invalid(
                node["max_age"], _("The oldest age cannot be below the youngest.")
            )
        if value["min_months"] > value["max_months"]:
            raise colander.Invalid(
                node["max_months"], _("The longest exchange cannot be shorter than the shortest.")
            )


@colander.deferred
def _scheme_widget(node, kw):
    return deform.widget.SelectWidget(values=[(str(s.id), s.name) for s in kw["schemes"]])


@colander.deferred
def _scheme_validator(node, kw):
    return colander.OneOf([s.id for s in kw["schemes"]])


class CallSchema(CSRFSchema):
    scheme_id = colander.SchemaNode(
        colander.Integer(), title=_("Scheme"), widget=_scheme_widget, validator=_scheme_validator
    )
    title = line_node(_("Title"))
    description = text_node(_("Description"), rows=4, missing="")
    text_language = text_language_node()
    translations = translations_node(TEXTS)
    opens_at = moment_node(_("Opens"))
    closes_at = moment_node(_("Deadline"))

    def validator(self, node, value):
        if value["closes_at"] <= value["opens_at"]:
            raise colander.Invalid(
                node["closes_at"], _("The deadline must come after the opening.")
            )


@colander.deferred
def currency_widget(node, kw):
    return deform.widget.SelectWidget(values=currencies.choices(kw["request"].locale_name))


class ExchangeRateSchema(CSRFSchema):
    currency = colander.SchemaNode(
        colander.String(),
        title=_("Currency"),
        widget=currency_widget,
        validator=currencies.validator,
    )
    base = colander.SchemaNode(
        colander.String(),
        title=_("In"),
        description=_("The scheme currency the rate converts to"),
        validator=currencies.validator,
        default=SITE_CURRENCY,
    )
    rate = amount_node(
        _("Rate"),
        places=6,
        minimum=Decimal("0.000001"),
        maximum=10**6,
        min_err=_("A rate is more than zero."),
        description=_("Units of the scheme currency for one unit of the currency"),
    )
    valid_on = colander.SchemaNode(colander.Date(), title=_("Valid on"), widget=date_widget())
    source = line_node(_("Source"), 200, default="Norges Bank")
