"""The form that sends a post's shortlist to the organisation, asking why where a
candidate who misses a rule is nominated by override."""

from __future__ import annotations

import colander
import deform

from norec_core import CSRFSchema, email_validator
from norec_multilateral.i18n import _


class SendSchema(CSRFSchema):
    to = colander.SchemaNode(
        colander.String(),
        title=_("The organisation's recruitment address"),
        validator=email_validator,
    )
    message = colander.SchemaNode(
        colander.String(),
        title=_("Message"),
        description=_("The shortlist goes with it as a PDF and as an Excel workbook."),
        validator=colander.Length(min=1, max=6000),
        widget=deform.widget.TextAreaWidget(rows=6),
    )


def send_schema(flagged) -> SendSchema:
    """The send form; with candidates shortlisted who miss a rule, it asks why they are
    nominated all the same."""
    schema = SendSchema()
    if flagged:
        names = ", ".join(c.candidate.person.full_name for c in flagged)
        schema.add(
            colander.SchemaNode(
                colander.String(),
                name="override",
                title=_("Why they are nominated though they miss a rule"),
                description=_(
                    "Not every rule is met by: ${names}. Nominating them is an override; "
                    "the reason is kept in each application's history.",
                    mapping={"names": names},
                ),
                validator=colander.Length(min=1, max=2000),
                widget=deform.widget.TextAreaWidget(rows=3),
            )
        )
    return schema
