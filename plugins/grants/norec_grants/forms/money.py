"""The final report's form: what was done, and the money spent on each budget line."""

from __future__ import annotations

import colander
import deform

from norec_core import CSRFSchema, amount_node
from norec_grants import payments
from norec_grants.forms.calls import CATEGORY_TITLES
from norec_grants.i18n import _


def report_schema(application):
    schema = CSRFSchema()
    for name, title in (
        ("results", _("Results: what the exchanges achieved")),
        ("knowledge_transfer", _("How the knowledge is used in the home organisations")),
    ):
        schema.add(
            colander.SchemaNode(
                colander.String(),
                name=name,
                title=title,
                widget=deform.widget.TextAreaWidget(rows=6),
                validator=colander.Length(max=20000),
                missing="",
            )
        )
    currency = application.call.scheme.currency
    for cost in payments.costs(application):
        schema.add(
            amount_node(
                _(
                    "Spent on ${category} (${currency})",
                    mapping={"category": CATEGORY_TITLES[cost.category], "currency": currency},
                ),
                name=f"cost_{cost.category}",
                maximum=10**10,
                missing=None,
            )
        )
    return schema
