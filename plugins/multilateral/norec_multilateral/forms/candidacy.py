"""The advisers' forms on an application's page: an internal note, a panellist's score,
and asking the candidate into the talent pool."""

from __future__ import annotations

import colander
import deform

from norec_core import CSRFSchema, line_validator
from norec_multilateral.i18n import _


class NoteSchema(CSRFSchema):
    text = colander.SchemaNode(
        colander.String(),
        title=_("Internal note"),
        description=_("Seen by advisers only, never by the candidate."),
        validator=colander.Length(min=1, max=4000),
        widget=deform.widget.TextAreaWidget(rows=3),
    )


class PoolSchema(CSRFSchema):
    reason = colander.SchemaNode(
        colander.String(),
        title=_("Why (internal)"),
        missing="",
        validator=colander.Length(max=2000),
        widget=deform.widget.TextAreaWidget(rows=2),
    )


class ScoreSchema(CSRFSchema):
    round = colander.SchemaNode(
        colander.Integer(), title=_("Interview round"), default=1, validator=colander.Range(1, 5)
    )
    panellist = colander.SchemaNode(
        colander.String(), title=_("Panellist"), validator=line_validator(200)
    )
    score = colander.SchemaNode(
        colander.Integer(), title=_("Score (1 to 5)"), validator=colander.Range(1, 5)
    )
    comment = colander.SchemaNode(
        colander.String(), title=_("Comment"), missing="", validator=colander.Length(max=2000)
    )
