"""The forms of recruitment rounds: a round, and a post's outcome when it is not filled."""

from __future__ import annotations

import colander
import deform

from norec_core import CSRFSchema, line_validator, moment_node
from norec_multilateral import rounds
from norec_multilateral.i18n import _
from norec_multilateral.rounds import PROGRAMMES


class RoundSchema(CSRFSchema):
    programme = colander.SchemaNode(
        colander.String(),
        title=_("Programme"),
        widget=deform.widget.SelectWidget(values=list(PROGRAMMES.items())),
        validator=colander.OneOf(sorted(PROGRAMMES)),
    )
    title = colander.SchemaNode(colander.String(), title=_("Title"), validator=line_validator(200))
    deadline = moment_node(
        _("Deadline for applications"),
        description=_("Every post of the round gets it when published."),
        missing=None,
    )
    notes = colander.SchemaNode(
        colander.String(),
        title=_("Notes"),
        missing="",
        validator=colander.Length(max=10000),
        widget=deform.widget.TextAreaWidget(rows=4),
    )


class OutcomeSchema(CSRFSchema):
    outcome = colander.SchemaNode(
        colander.String(),
        title=_("The organisation's outcome"),
        description=_("A selection records itself when an application is marked selected."),
        widget=deform.widget.RadioChoiceWidget(
            values=[(k, rounds.POST_STAGES[k]) for k in ("not_filled", "cancelled")]
        ),
        validator=colander.OneOf(["not_filled", "cancelled"]),
    )
