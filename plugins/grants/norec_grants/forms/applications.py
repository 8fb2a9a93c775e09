"""The grants plugin's forms: colander schemas, validated at the field they concern."""

from __future__ import annotations

import colander
import deform
from sqlalchemy import select

from norec_core import (
    CSRFSchema,
    FileKind,
    Person,
    amount_node,
    choice_node,
    email_validator,
    line_node,
    now,
    number_node,
    text_node,
    upload_node,
)
from norec_grants import currencies, rules
from norec_grants.forms.calls import CATEGORY_TITLES, currency_widget
from norec_grants.i18n import _, months_range


@colander.deferred
def _partnership_widget(node, kw):
    return deform.widget.SelectWidget(values=[(str(p.id), p.title) for p in kw["partnerships"]])


@colander.deferred
def _partnership_validator(node, kw):
    return colander.OneOf([p.id for p in kw["partnerships"]])


@colander.deferred
def _known_person(node, kw):
    request = kw["request"]

    def validate(node, value):
        if request.dbsession.scalar(select(Person.id).where(Person.email == value)) is None:
            raise colander.Invalid(
                node,
                _(
                    "Nobody with this e-mail address is registered; "
                    "ask ${agency} to add the person."
                ),
            )

    return colander.All(email_validator, validate)


@colander.deferred
def _language_widget(node, kw):
    # The site's own languages, as its language switch names them.
    return deform.widget.SelectWidget(values=list(kw["request"].layout.languages.items()))


@colander.deferred
def _language_choice(node, kw):
    return colander.OneOf(list(kw["request"].layout.languages))


class ApplicationSchema(CSRFSchema):
    title = line_node(_("Title of the project"))
    summary = text_node(_("Summary"), rows=4, missing="")
    goals = text_node(_("Goals and what the partners learn from each other"), rows=6, missing="")
    language = colander.SchemaNode(
        colander.String(),
        title=_("Language of letters to you"),
        widget=_language_widget,
        validator=_language_choice,
    )
    lead_email = colander.SchemaNode(
        colander.String(),
        title=_("E-mail of the person responsible for the project"),
        validator=_known_person,
        missing="",
    )


class NewApplicationSchema(ApplicationSchema):
    partnership_id = colander.SchemaNode(
        colander.Integer(),
        title=_("Partnership"),
        widget=_partnership_widget,
        validator=_partnership_validator,
        insert_before="title",
    )


@colander.deferred
def _organisation_widget(node, kw):
    organisations = kw["application"].partnership.organisations
    return deform.widget.SelectWidget(values=[(str(o.id), o.name) for o in organisations])


@colander.deferred
def _partner_validator(node, kw):
    return colander.OneOf([o.id for o in kw["application"].partnership.organisations])


@colander.deferred
def _months_validator(node, kw):
    scheme = kw["application"].call.scheme
    refused = _(
        "The scheme funds exchanges of ${months}.",
        mapping={"months": months_range(kw["request"], scheme.min_months, scheme.max_months)},
    )
    return colander.Range(scheme.min_months, scheme.max_months, min_err=refused, max_err=refused)


@colander.deferred
def _year_validator(node, kw):
    partnership = kw["application"].partnership
    first, last = partnership.starts_on.year, partnership.ends_on.year
    return colander.Range(
        first,
        last,
        min_err=_(
            "The partnership runs from ${first} to ${last}.", mapping={"first": first, "last": last}
        ),
        max_err=_(
            "The partnership runs from ${first} to ${last}.", mapping={"first": first, "last": last}
        ),
    )


class ExchangeSchema(CSRFSchema):
    year = colander.SchemaNode(colander.Integer(), title=_("Year"), validator=_year_validator)
    sending_id = colander.SchemaNode(
        colander.Integer(),
        title=_("Sending organisation"),
        widget=_organisation_widget,
        validator=_partner_validator,
    )
    receiving_id = colander.SchemaNode(
        colander.Integer(),
        title=_("Receiving organisation"),
        widget=_organisation_widget,
        validator=_partner_validator,
    )
    participants = number_node(_("Participants"), 1, 100)
    profession = line_node(_("Profession"), 200)
    months = colander.SchemaNode(colander.Integer(), title=_("Months"), validator=_months_validator)

    def validator(self, node, value):
        if value["sending_id"] == value["receiving_id"]:
            raise colander.Invalid(
                node["receiving_id"],
                _("An organisation cannot receive its own participants: choose the partner."),
            )


@colander.deferred
def _rate_recorded(node, kw):
    request, application = kw["request"], kw["application"]
    base = application.call.scheme.currency

    def validate(node, value):
        currencies.validator(node, value)
        if (
            value != base
            and rules.exchange_rate(request.dbsession, value, base, now().date()) is None
        ):
            raise colander.Invalid(
                node,
                _(
                    "No rate from ${currency} to ${base} is recorded yet; choose ${base} or "
                    "ask ${agency} to record the rate.",
                    mapping={"currency": value, "base": base},
                ),
            )

    return validate


class CostSchema(CSRFSchema):
    year = colander.SchemaNode(colander.Integer(), title=_("Year"), validator=_year_validator)
    category = choice_node(_("Category"), CATEGORY_TITLES)
    description = line_node(_("What it pays for"))
    amount = amount_node(_("Amount"))
    currency = colander.SchemaNode(
        colander.String(), title=_("Currency"), widget=currency_widget, validator=_rate_recorded
    )


ATTACHMENTS = FileKind(frozenset({"application/pdf"}), 10 * 2**20, accept="application/pdf")


class AttachmentSchema(CSRFSchema):
    upload = upload_node(
        _("Attachment (PDF, at most 10 MB)"),
        ATTACHMENTS,
    )
