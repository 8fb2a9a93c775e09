"""The forms of a placement's page: a later career step, and the day the placement
ended."""

from __future__ import annotations

import colander
import deform

from norec_core import CSRFSchema, date_node, line_validator
from norec_multilateral.i18n import _


class StepSchema(CSRFSchema):
    employer = colander.SchemaNode(
        colander.String(), title=_("Employer"), validator=line_validator(300)
    )
    title = colander.SchemaNode(
        colander.String(), title=_("Position"), missing="", validator=line_validator(300)
    )
    in_system = colander.SchemaNode(
        colander.Boolean(),
        title=_("In the UN system or a development bank"),
        missing=False,
        widget=deform.widget.CheckboxWidget(),
    )
    started_on = date_node(_("From"))
    ended_on = date_node(_("To"), missing=None, description=_("Empty: still there."))


class EndSchema(CSRFSchema):
    ended_on = date_node(_("The placement ended on"))
