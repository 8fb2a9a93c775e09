"""The assessors' forms: assigning one, the declaration of conflicts of interest, and
the score sheet (a score and a comment for each of the scheme's criteria)."""

from __future__ import annotations

import colander
import deform
from sqlalchemy import select

from norec_core import CSRFSchema, User, email_validator
from norec_grants import assessment
from norec_grants.i18n import _


@colander.deferred
def _existing_user(node, kw):
    request = kw["request"]

    def validate(node, value):
        user = request.dbsession.scalars(select(User).where(User.email == value.strip())).first()
        if user is None:
            raise colander.Invalid(
                node, _("No account has this e-mail address; the assessor needs an account.")
            )
        refused = assessment.not_to_assess(request, kw["application"], user)
        if refused is not None:
            raise colander.Invalid(node, refused)

    return colander.All(email_validator, validate)


class AssignSchema(CSRFSchema):
    email = colander.SchemaNode(
        colander.String(), title=_("E-mail of the assessor"), validator=_existing_user
    )


class DeclarationSchema(CSRFSchema):
    conflict = colander.SchemaNode(
        colander.Boolean(),
        title=_("Do you have a conflict of interest with this application?"),
        widget=deform.widget.RadioChoiceWidget(
            values=(("false", _("No, I can assess it")), ("true", _("Yes")))
        ),
    )
    note = colander.SchemaNode(
        colander.String(),
        title=_("Explain the conflict, or why what is listed above is none"),
        widget=deform.widget.TextAreaWidget(rows=3),
        validator=colander.Length(max=5000),
        missing="",
    )


@colander.deferred
def conflict_explained(node, kw):
    def validate(node, value):
        if kw["seen"] and not value["conflict"] and not value["note"].strip():
            raise colander.Invalid(
                node["note"],
                _("The platform sees a possible conflict: explain why it is none, or declare it."),
            )

    return validate


# The score sheet is one table, a row per criterion and a column per score (what an
# assessor compares at a glance), with the comments below it. The form's own template is
# the core's; only its items are ours: the table comes in the place of the first score.
SHEET_ITEM = "norec_grants:templates/deform/score_sheet_item.pt"
SCORE_ROW = "norec_grants:templates/deform/score_row.pt"


def score_schema(request, application):
    schema = CSRFSchema(widget=deform.widget.FormWidget(item_template=SHEET_ITEM))
    comments = []
    for criterion in application.call.scheme.criteria:
        # In the assessor's language, where the scheme gives it (an assessor abroad reads
        # the English criteria).
        title = request.layout.text(criterion, "title", markup=False)
        schema.add(
            colander.SchemaNode(
                colander.Integer(),
                name=f"score_{criterion.id}",
                title=title,
                description=request.layout.text(criterion, "description", markup=False),
                widget=deform.widget.RadioChoiceWidget(
                    values=[(str(n), str(n)) for n in assessment.SCORES],
                    template=SCORE_ROW,
                    weight=criterion.weight,
                ),
                validator=colander.OneOf(assessment.SCORES),
            )
        )
        comments.append(
            colander.SchemaNode(
                colander.String(),
                name=f"comment_{criterion.id}",
                title=_("Comment on ${criterion}", mapping={"criterion": title}),
                widget=deform.widget.TextAreaWidget(rows=2),
                validator=colander.Length(max=5000),
                missing="",
            )
        )
    for comment in comments:  # after the table, in the order of its rows
        schema.add(comment)
    return schema
