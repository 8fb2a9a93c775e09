"""The screening checklist: each of the scheme's requirements met, or why not."""

from __future__ import annotations

import colander
import deform

from norec_core import CSRFSchema
from norec_grants import screening
from norec_grants.i18n import _


def _unmet_explained(node, value):
    if not value["met"] and not value["note"].strip():
        raise colander.Invalid(node["note"], _("Not met: say why, and what it means for the case."))


def checklist_schema(request, application) -> CSRFSchema:
    schema = CSRFSchema()
    for key, title in screening.requirements(request, application).items():
        item = colander.SchemaNode(
            colander.Mapping(), name=key, title=title, validator=_unmet_explained
        )
        item.add(
            colander.SchemaNode(
                colander.Boolean(),
                name="met",
                title=_("Met"),
                widget=deform.widget.CheckboxWidget(),
                missing=False,
            )
        )
        item.add(
            colander.SchemaNode(
                colander.String(),
                name="note",
                title=_("Note (required when not met)"),
                widget=deform.widget.TextAreaWidget(rows=2),
                validator=colander.Length(max=5000),
                missing="",
            )
        )
        schema.add(item)
    return schema
