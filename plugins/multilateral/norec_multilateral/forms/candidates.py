"""The form of applying for a post: the candidate's motivation."""

from __future__ import annotations

import colander
import deform

from norec_core import CSRFSchema
from norec_multilateral.i18n import _


class ApplySchema(CSRFSchema):
    motivation = colander.SchemaNode(
        colander.String(),
        title=_("Why this post, and why you"),
        validator=colander.Length(min=1, max=6000),
        widget=deform.widget.TextAreaWidget(rows=8),
    )
