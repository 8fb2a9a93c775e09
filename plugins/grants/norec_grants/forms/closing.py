"""The forms of closing a case: a reason (for a cancelled instalment, an exchange not
carried out, a waived course) and a file for the final report."""

from __future__ import annotations

import colander
import deform

from norec_core import CSRFSchema, FileKind, upload_node
from norec_grants.i18n import _

REPORT_FILES = FileKind(frozenset({"application/pdf"}), 20 * 2**20, accept="application/pdf")


class ReasonSchema(CSRFSchema):
    item = colander.SchemaNode(colander.String(), widget=deform.widget.HiddenWidget())
    reason = colander.SchemaNode(
        colander.String(),
        title=_("Reason"),
        widget=deform.widget.TextAreaWidget(rows=2),
        validator=colander.Length(min=10, max=5000),
    )


class ReportFileSchema(CSRFSchema):
    upload = upload_node(
        _("The accounts, the auditor's statement or another attachment (PDF, at most 20 MB)"),
        REPORT_FILES,
    )
