"""The form of an information page: its address when new, its place in the list, and a
title and a text in each of the site's languages."""

from __future__ import annotations

import colander
import deform
from sqlalchemy import select

from norec_core import CSRFSchema, language_name, line_validator, site
from norec_multilateral.i18n import _
from norec_multilateral.models import InfoPage


def languages(request) -> tuple[str, ...]:
    """The site's languages, its default language first: the one every page must have,
    shown where a translation is missing."""
    found = site(request.registry)
    return (found.default_language, *(c for c in found.languages if c != found.default_language))


def schema(request, new: bool) -> CSRFSchema:
    def unused(node, value):
        if request.dbsession.scalar(select(InfoPage.id).where(InfoPage.slug == value)):
            raise colander.Invalid(node, _("A page with this address exists already."))

    schema = CSRFSchema()
    if new:
        schema.add(
            colander.SchemaNode(
                colander.String(),
                name="slug",
                title=_("Address"),
                description=_("Lower-case letters, digits and hyphens: career-support."),
                validator=colander.All(
                    colander.Regex(r"^[a-z0-9]+(-[a-z0-9]+)*$", _("Letters, digits, hyphens.")),
                    unused,
                ),
            )
        )
    schema.add(
        colander.SchemaNode(
            colander.Integer(),
            name="position",
            title=_("Place in the list"),
            missing=0,
            validator=colander.Range(0, 1000),
        )
    )
    for code in languages(request):
        language = language_name(code, request.locale_name)
        required = code == languages(request)[0]
        schema.add(
            colander.SchemaNode(
                colander.String(),
                name=f"title_{code}",
                title=_("Title (${language})", mapping={"language": language}),
                missing=colander.required if required else "",
                validator=line_validator(200),
            )
        )
        schema.add(
            colander.SchemaNode(
                colander.String(),
                name=f"text_{code}",
                title=_("Text (${language})", mapping={"language": language}),
                description=_("A blank line starts a new paragraph."),
                missing=colander.required if required else "",
                validator=colander.Length(max=50000),
                widget=deform.widget.TextAreaWidget(rows=12),
            )
        )
    return schema
