"""The forms of what is done to a person's record as a whole: attaching a document,
merging a duplicate into it, erasing it."""

from __future__ import annotations

import colander
import deform

from norec_core.domain.models import Person
from norec_core.domain.schemas import (
    bound_request,
)
from norec_core.files.attachments import FileKind
from norec_core.files.uploads import upload_node
from norec_core.forms import CSRFSchema, name_validator
from norec_core.i18n import _
from norec_core.resources import parse_id


@colander.deferred
def _other_person(node, kw):
    request, kept = bound_request(kw), kw["person"]

    def validate(node, value):
        other = parse_id(str(value))
        if other in (None, kept.id) or request.dbsession.get(Person, other) is None:
            raise colander.Invalid(node, _("Give the number of another person's record."))

    return validate


# What a person's documents may be (a CV, a certificate, a letter), by their content.
DOCUMENTS = FileKind(
    frozenset(
        {
            "application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.oasis.opendocument.text",
            "image/png",
            "image/jpeg",
        }
    ),
    10 * 2**20,
    accept=".pdf,.docx,.odt,.png,.jpg,.jpeg",
)


class DocumentSchema(CSRFSchema):
    title = colander.SchemaNode(
        colander.String(), title=_("What it is"), validator=name_validator(200)
    )
    upload = upload_node(
        _("File"),
        DOCUMENTS,
        description=_("PDF, Word, OpenDocument or an image; at most 10 MB."),
    )


class MergeSchema(CSRFSchema):
    merged_id = colander.SchemaNode(
        colander.Integer(),
        title=_("Number of the duplicate record"),
        description=_(
            "Its number is in its address: /people/NUMBER. Everything it holds moves to "
            "this record, and the duplicate is deleted."
        ),
        validator=_other_person,
    )


class EraseSchema(CSRFSchema):
    reason = colander.SchemaNode(
        colander.String(),
        title=_("Reason"),
        description=_("Kept in the audit log. Do not write personal data here."),
        widget=deform.widget.TextAreaWidget(rows=3),
        validator=colander.Length(min=1, max=2000),
    )
    confirm = colander.SchemaNode(
        colander.Boolean(),
        title=_("I understand that the erasure cannot be undone"),
        validator=colander.Function(
            lambda value: value is True, _("Tick the box to confirm the erasure.")
        ),
    )
