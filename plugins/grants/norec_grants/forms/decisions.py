"""The decision form (the outcome, the letter's text and the amounts granted a year)
and the appeal."""

from __future__ import annotations

import colander
import deform

from norec_core import (
    CSRFSchema,
    amount_node,
)
from norec_grants import budget
from norec_grants.decisions import OUTCOME_TITLES
from norec_grants.i18n import _


def decision_schema(application):
    schema = CSRFSchema(validator=_amounts_for_approval)
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="outcome",
            title=_("Decision"),
            widget=deform.widget.RadioChoiceWidget(values=list(OUTCOME_TITLES.items())),
            validator=colander.OneOf(list(OUTCOME_TITLES)),
        )
    )
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="reasons",
            title=_("Reasons"),
            description=_(
                "The rules the decision rests on and the facts that decided it: the applicant "
                "reads them in the letter."
            ),
            widget=deform.widget.TextAreaWidget(rows=8),
            validator=colander.Length(min=20, max=20000),
        )
    )
    currency = application.call.scheme.currency
    for year in sorted(budget.budget(application).years) or [application.call.closes_at.year]:
        schema.add(
            amount_node(
                _(
                    "Granted for ${year} (${currency})",
                    mapping={"year": year, "currency": currency},
                ),
                name=f"year_{year}",
                maximum=10**10,
                missing=None,
            )
        )
    return schema


def _amounts_for_approval(node, value):
    if value["outcome"] != "rejected" and not any(
        v for k, v in value.items() if k.startswith("year_")
    ):
        first = next(child.name for child in node.children if child.name.startswith("year_"))
        raise colander.Invalid(node[first], _("An approval grants an amount for some year."))


class AppealSchema(CSRFSchema):
    grounds = colander.SchemaNode(
        colander.String(),
        title=_("Why the decision should be changed"),
        description=_("Say what in the decision you disagree with, and why."),
        widget=deform.widget.TextAreaWidget(rows=8),
        validator=colander.Length(min=20, max=20000),
    )
