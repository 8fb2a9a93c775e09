"""A publication's landing page (with its schema.org description for search engines),
the tombstone of a withdrawn one, and each of its versions."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from norec_core import VIEW, files_of, parse_id, script_json
from norec_research import reading, usage
from norec_research.i18n import _
from norec_research.jsonld import describe
from norec_research.models import Usage
from norec_research.permissions import EDIT, READ
from norec_research.vocabularies import LICENCES, SDGS, TOPICS, TYPES
from norec_research.workflow import STATE_TITLES

T = "norec_research:templates/"


def _visible_or_404(request, publication) -> bool:
    editor = bool(request.has_permission(EDIT, publication))
    if publication.state in ("draft", "in_review") and not editor:
        raise HTTPNotFound()
    return editor


def _common(request, publication, number: int) -> dict:
    text = reading.text_in(publication, request.locale_name)
    return {
        "publication": publication,
        "text": text,
        "other_texts": [t for t in publication.texts if t is not text],
        "files": reading.version_files(request, publication, number),
        "number": number,
        "embargo": reading.under_embargo(publication),
        "types": TYPES,
        "topics": TOPICS,
        "sdgs": SDGS,
        "licences": LICENCES,
        "states": STATE_TITLES,
    }


@view_config(route_name="research.publication", renderer=T + "publication.pt", permission=VIEW)
def landing(publication, request):
    editor = _visible_or_404(request, publication)
    if publication.state == "withdrawn":
        request.response.status = 410
        return {
            "page_title": _(
                "Withdrawn: ${title}", mapping={"title": reading.title_of(publication)}
            ),
            "publication": publication,
            "text": reading.text_in(publication, request.locale_name),
            "tombstone": True,
            "editor": editor,
        }
    values = _common(request, publication, reading.latest(publication))
    if publication.state == "published":
        usage.count(request, publication, "view")
    return values | {
        # After this view is counted: the page shows the reader's own visit too.
        "counts": usage.totals(request.dbsession, publication.id),
        # DataCite's practice: the DOI where there is one, else the page's own address.
        "identifier": f"https://doi.org/{publication.doi}"
        if publication.doi
        else request.route_url("research.publication", id=publication.id),
        "usage": request.dbsession.scalars(
            select(Usage).where(Usage.publication_id == publication.id).order_by(Usage.month)
        ).all()
        if editor
        else [],
        "page_title": values["text"].title if values["text"] else _("Untitled"),
        "tombstone": False,
        "editor": editor,
        "jsonld": script_json(describe(request, publication, values["files"])),
        "sections": request.pm.hook.norec_sections(request=request, context=publication)
        if editor
        else [],
    }


@view_config(route_name="research.version", renderer=T + "version.pt", permission=VIEW)
def version(publication, request):
    editor = _visible_or_404(request, publication)
    # None for what is no number of a version (too long, or not ASCII digits): not found.
    number = parse_id(request.matchdict["number"])
    found = next((v for v in publication.versions if v.number == number), None)
    if found is None or publication.state == "withdrawn":
        raise HTTPNotFound()
    values = _common(request, publication, number)
    return values | {
        "page_title": _(
            "${title}, version ${number}",
            mapping={"title": reading.title_of(publication, request.locale_name), "number": number},
        ),
        "version": found,
        "editor": editor,
    }


@view_config(route_name="research.download", permission=VIEW)
def download(publication, request):
    """Count the download, then hand over to the core, which checks who may read it."""
    editor = _visible_or_404(request, publication)
    # Before any file is looked at: the redirect names it, and a name may say too much.
    if not request.has_permission(READ, publication) or (
        reading.under_embargo(publication) and not editor
    ):
        raise HTTPNotFound()
    file_id = parse_id(request.matchdict["file"])
    found = next((f for f in files_of(request, publication) if f.id == file_id), None)
    if found is None:
        raise HTTPNotFound()
    if publication.state == "published" and not reading.under_embargo(publication):
        usage.count(request, publication, "download")
    return HTTPFound(request.route_path("files.download", id=found.id, filename=found.filename))
