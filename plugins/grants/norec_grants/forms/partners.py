"""The form of a partner search: what an organisation offers or looks for."""

from __future__ import annotations

import colander
import deform

from norec_core import (
    CSRFSchema,
    countries_node,
    line_validator,
)
from norec_grants import matching
from norec_grants.i18n import _


@colander.deferred
def _organisation_widget(node, kw):
    return deform.widget.SelectWidget(values=[(str(o.id), o.name) for o in kw["organisations"]])


@colander.deferred
def _organisation_choice(node, kw):
    return colander.OneOf([o.id for o in kw["organisations"]])


class SearchSchema(CSRFSchema):
    organisation_id = colander.SchemaNode(
        colander.Integer(),
        title=_("Organisation"),
        widget=_organisation_widget,
        validator=_organisation_choice,
    )
    sectors = colander.SchemaNode(
        colander.Set(),
        title=_("Sectors"),
        widget=deform.widget.CheckboxChoiceWidget(values=list(matching.SECTORS.items())),
        validator=colander.Length(min=1, min_err=_("Choose at least one sector.")),
    )
    countries = countries_node(
        _("Where the partner should be"),
        description=_("Choose none to welcome a partner from any country."),
        missing=set(),
    )
    professions = colander.SchemaNode(
        colander.String(),
        title=_("Professions you would exchange"),
        description=_("Nurses, agronomists, teachers…"),
        validator=line_validator(300),
    )
    offers = colander.SchemaNode(
        colander.String(),
        title=_("What your organisation offers a partner"),
        widget=deform.widget.TextAreaWidget(rows=4),
        validator=colander.Length(min=20, max=5000),
    )
