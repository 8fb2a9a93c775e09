"""The form of a candidate's alert: the programme, organisation, field of work and duty
station of the posts they want to hear of."""

from __future__ import annotations

import colander
import deform

from norec_core import CSRFSchema, line_validator
from norec_multilateral.forms.posts import international_organisation, organisation_widget
from norec_multilateral.i18n import _
from norec_multilateral.rounds import PROGRAMMES


class AlertSchema(CSRFSchema):
    programme = colander.SchemaNode(
        colander.String(),
        title=_("Programme"),
        missing="",
        widget=deform.widget.SelectWidget(values=[("", _("– any –")), *PROGRAMMES.items()]),
        validator=colander.OneOf(["", *PROGRAMMES]),
    )
    organisation_id = colander.SchemaNode(
        colander.Integer(),
        title=_("Organisation"),
        missing=None,
        widget=organisation_widget,
        validator=international_organisation,
    )
    field = colander.SchemaNode(
        colander.String(),
        title=_("Field of work"),
        description=_("A word from the post's field or title, such as health or finance."),
        missing="",
        validator=line_validator(200),
    )
    duty_station = colander.SchemaNode(
        colander.String(),
        title=_("Duty station"),
        description=_("A city, or a country's two-letter code."),
        missing="",
        validator=line_validator(200),
    )
