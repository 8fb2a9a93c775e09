"""The forms of the candidate's profile: birth date and citizenship, education, work,
languages, references and the CV, with the kind of file a CV may be."""

from __future__ import annotations

import datetime

import colander
import deform

from norec_core import (
    CSRFSchema,
    FileKind,
    country_node,
    date_node,
    email_validator,
    line_validator,
    now,
    upload_node,
)
from norec_multilateral import eligibility
from norec_multilateral.i18n import _

CVS = FileKind(
    frozenset(
        {
            "application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        }
    ),
    5 * 1024 * 1024,
)


def _in_order(start, end):
    def check(form, value):
        if value[end] is not None and value[end] < value[start]:
            error = colander.Invalid(form)
            error[end] = _("This is before the start.")
            raise error

    return check


class EducationSchema(CSRFSchema):
    degree = colander.SchemaNode(
        colander.String(),
        title=_("Degree"),
        widget=deform.widget.SelectWidget(values=list(eligibility.DEGREES.items())),
        validator=colander.OneOf(sorted(eligibility.DEGREES)),
    )
    field = colander.SchemaNode(
        colander.String(), title=_("Field of study"), validator=line_validator(200)
    )
    institution = colander.SchemaNode(
        colander.String(), title=_("Institution"), validator=line_validator(300)
    )
    country = country_node(missing=None)
    started_on = date_node(_("Started"))
    finished_on = date_node(_("Finished"), missing=None, description=_("Empty: not finished yet."))

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=_in_order("started_on", "finished_on"), **kw)


class WorkSchema(CSRFSchema):
    employer = colander.SchemaNode(
        colander.String(), title=_("Employer"), validator=line_validator(300)
    )
    title = colander.SchemaNode(
        colander.String(), title=_("Position"), validator=line_validator(300)
    )
    country = country_node(missing=None)
    started_on = date_node(_("From"))
    ended_on = date_node(_("To"), missing=None, description=_("Empty: your present work."))
    duties = colander.SchemaNode(
        colander.String(),
        title=_("Duties and results"),
        missing="",
        validator=colander.Length(max=4000),
        widget=deform.widget.TextAreaWidget(rows=3),
    )

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=_in_order("started_on", "ended_on"), **kw)


@colander.deferred
def _language_widget(node, kw):
    names = kw["request"].layout.language_names
    return deform.widget.SelectWidget(values=[("", _("– choose –")), *names.items()])


class LanguageSchema(CSRFSchema):
    code = colander.SchemaNode(colander.String(), title=_("Language"), widget=_language_widget)
    level = colander.SchemaNode(
        colander.String(),
        title=_("Level"),
        description=_("As the Common European Framework of Reference describes them."),
        widget=deform.widget.SelectWidget(values=list(eligibility.LEVELS.items())),
        validator=colander.OneOf(sorted(eligibility.LEVELS)),
    )


class ReferenceSchema(CSRFSchema):
    name = colander.SchemaNode(colander.String(), title=_("Name"), validator=line_validator(200))
    relation = colander.SchemaNode(
        colander.String(),
        title=_("How they know your work"),
        description=_("For example: my supervisor at the Red Cross, 2021–2024."),
        validator=line_validator(200),
    )
    organisation = colander.SchemaNode(
        colander.String(), title=_("Organisation"), missing="", validator=line_validator(300)
    )
    email = colander.SchemaNode(
        colander.String(), title=_("E-mail"), missing="", validator=email_validator
    )
    phone = colander.SchemaNode(
        colander.String(), title=_("Telephone"), missing="", validator=line_validator(40)
    )


def _born(node, value):
    if not datetime.date(1900, 1, 1) <= value <= now().date():
        raise colander.Invalid(node, _("Give the day you were born."))


class PersonalSchema(CSRFSchema):
    birth_date = date_node(_("Birth date"), missing=None, validator=_born)
    citizenship = country_node(title=_("Citizenship"), missing=None)


class CVSchema(CSRFSchema):
    upload = upload_node(_("Your CV (PDF or Word, at most 5 MB)"), CVS)


SCHEMAS = {
    "education": EducationSchema,
    "work": WorkSchema,
    "language": LanguageSchema,
    "reference": ReferenceSchema,
}
