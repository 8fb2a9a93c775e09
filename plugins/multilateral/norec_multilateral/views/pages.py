"""Information pages the advisers keep (rules for Norwegians living abroad, career
support, how the programmes work): a title and a text in each of the site's languages,
the English one shown where a translation is missing."""

from __future__ import annotations

import colander
import deform
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from norec_core import VIEW, CSRFSchema, flash, line_validator, process_form
from norec_multilateral.i18n import _
from norec_multilateral.models import InfoPage
from norec_multilateral.permissions import MANAGE

T = "norec_multilateral:templates/"
LANGUAGES = {"en": _("English"), "nb": _("Norwegian Bokmål"), "nn": _("Norwegian Nynorsk")}
FALLBACK = "en"


def in_language(values: dict[str, str], locale: str) -> str:
    return values.get(locale) or values.get(FALLBACK) or ""


def pages(session) -> list[InfoPage]:
    return session.scalars(select(InfoPage).order_by(InfoPage.position, InfoPage.id)).all()


def _page(request) -> InfoPage:
    found = request.dbsession.scalar(
        select(InfoPage).where(InfoPage.slug == request.matchdict["slug"])
    )
    if found is None:
        raise HTTPNotFound()
    return found


def _schema(request, new: bool) -> CSRFSchema:
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
    for code, language in LANGUAGES.items():
        required = code == FALLBACK
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


@view_config(route_name="multilateral.page", renderer=T + "page.pt", permission=VIEW)
def page(request):
    found = _page(request)
    locale = request.locale_name
    return {
        "page_title": in_language(found.titles, locale),
        "page": found,
        "paragraphs": [p for p in in_language(found.texts, locale).split("\n\n") if p.strip()],
        "manage": request.has_permission(MANAGE, request.root),
    }


def _form(request, found: InfoPage | None):
    appstruct = colander.null
    if found is not None:
        appstruct = {"position": found.position}
        for code in LANGUAGES:
            appstruct[f"title_{code}"] = found.titles.get(code, "")
            appstruct[f"text_{code}"] = found.texts.get(code, "")
    schema = _schema(request, found is None)
    result = process_form(request, schema, appstruct=appstruct, formid="page")
    if result.valid:
        data = result.data
        if found is None:
            found = InfoPage(slug=data["slug"])
            request.dbsession.add(found)
        found.position = data["position"]
        found.titles = {c: data[f"title_{c}"] for c in LANGUAGES if data[f"title_{c}"]}
        found.texts = {c: data[f"text_{c}"] for c in LANGUAGES if data[f"text_{c}"]}
        found.updated_by = request.identity.email
        request.dbsession.flush()
        flash(request, _("The page is saved."))
        return HTTPFound(request.route_path("multilateral.page", slug=found.slug))
    return {
        "page_title": in_language(found.titles, request.locale_name) if found else _("New page"),
        "form": result.html,
    }


@view_config(
    route_name="multilateral.page.new", renderer="norec_core:templates/form.pt", permission=MANAGE
)
def new_page(request):
    return _form(request, None)


@view_config(
    route_name="multilateral.page.edit", renderer="norec_core:templates/form.pt", permission=MANAGE
)
def edit_page(request):
    return _form(request, _page(request))
