"""Information pages the advisers keep (rules for Norwegians living abroad, career
support, how the programmes work): a title and a text in each of the site's languages,
the first language's shown where a translation is missing."""

from __future__ import annotations

import colander
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from norec_core import VIEW, flash, process_form
from norec_multilateral.forms.pages import languages, schema
from norec_multilateral.i18n import _
from norec_multilateral.models import InfoPage
from norec_multilateral.permissions import MANAGE

T = "norec_multilateral:templates/"


def in_language(request, values: dict[str, str]) -> str:
    """The text in the page's language, else in the site's first, else in any."""
    first = languages(request)[0]
    return values.get(request.locale_name) or values.get(first) or next(iter(values.values()), "")


def pages(session) -> list[InfoPage]:
    return session.scalars(select(InfoPage).order_by(InfoPage.position, InfoPage.id)).all()


def _page(request) -> InfoPage:
    found = request.dbsession.scalar(
        select(InfoPage).where(InfoPage.slug == request.matchdict["slug"])
    )
    if found is None:
        raise HTTPNotFound()
    return found


@view_config(route_name="multilateral.page", renderer=T + "page.pt", permission=VIEW)
def page(request):
    found = _page(request)
    return {
        "page_title": in_language(request, found.titles),
        "page": found,
        "paragraphs": [p for p in in_language(request, found.texts).split("\n\n") if p.strip()],
        "manage": request.has_permission(MANAGE, request.root),
    }


def _form(request, found: InfoPage | None):
    appstruct = colander.null
    if found is not None:
        appstruct = {"position": found.position}
        for code in languages(request):
            appstruct[f"title_{code}"] = found.titles.get(code, "")
            appstruct[f"text_{code}"] = found.texts.get(code, "")
    result = process_form(
        request, schema(request, found is None), appstruct=appstruct, formid="page"
    )
    if result.valid:
        data = result.data
        if found is None:
            found = InfoPage(slug=data["slug"])
            request.dbsession.add(found)
        found.position = data["position"]
        shown = languages(request)
        # Texts in a language the site no longer shows are kept, not dropped.
        titles = {**(found.titles or {}), **{c: data[f"title_{c}"] for c in shown}}
        texts = {**(found.texts or {}), **{c: data[f"text_{c}"] for c in shown}}
        found.titles = {c: t for c, t in titles.items() if t}
        found.texts = {c: t for c, t in texts.items() if t}
        found.updated_by = request.identity.email
        request.dbsession.flush()
        flash(request, _("The page is saved."))
        return HTTPFound(request.route_path("multilateral.page", slug=found.slug))
    return {
        "page_title": in_language(request, found.titles) if found else _("New page"),
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
