"""The public catalogue: full-text search over titles, summaries and the files' text,
narrowed by facets with their counts, and a page per topic."""

from __future__ import annotations

from typing import Any, NamedTuple

from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import joinedload, load_only

from norec_core import (
    VIEW,
    Column,
    Person,
    export_links,
    export_response,
    find,
    parse_id,
    parse_number,
    requested_format,
)
from norec_research.i18n import _
from norec_research.models import Author, Publication, PublicationText
from norec_research.reading import author_names
from norec_research.search import SOURCE
from norec_research.vocabularies import SDGS, TOPICS, TYPES

FACETS = ("publication_type", "topic", "sdg", "country", "year", "language")


def _labels(request):
    """How each facet's values read: the codes stored in the index, as words."""
    translate = request.localizer.translate
    layout = request.layout
    return {
        "publication_type": lambda v: translate(TYPES.get(v, v)),
        "topic": lambda v: translate(TOPICS.get(v, v)),
        "sdg": lambda v: f"{v}. {translate(SDGS[n])}" if (n := parse_id(v)) in SDGS else v,
        "country": layout.country,
        "language": layout.language,
        "year": str,
    }


class Entry(NamedTuple):
    """One line of the catalogue: the search's hit and, where it is still there, the
    publication it names (for its authors, type and language)."""

    hit: Any
    publication: Publication | None


def _entries(request, hits) -> list[Entry]:
    """The page's hits with their publications, in one query. A hit carries only the
    address of its record (research.publication's, ending in its id)."""
    ids = {n for hit in hits if (n := parse_id(hit.url.rstrip("/").rsplit("/", 1)[-1]))}
    found = (
        request.dbsession.scalars(
            select(Publication)
            .where(Publication.id.in_(ids))
            .options(
                # Joined, not loaded in a query each: a page's 25 publications have a few
                # texts and authors each, so the rows stay few and the page costs one
                # statement where it cost four. Only what the line shows is read: the
                # type, the first text's language, the authors' names (every joined row
                # repeats its publication, whose lists would be parsed again each time).
                load_only(Publication.type),
                joinedload(Publication.texts).load_only(
                    PublicationText.language, PublicationText.position
                ),
                joinedload(Publication.authors)
                .joinedload(Author.person)
                .load_only(Person.given_name, Person.family_name),
            )
        )
        .unique()
        .all()
        if ids
        else []
    )
    # By address, not by the id read from it: a hit is matched only to its own record.
    by_url = {request.route_path("research.publication", id=p.id): p for p in found}
    return [Entry(hit, by_url.get(hit.url)) for hit in hits]


def _export(request, text, filters):
    """Every hit of the search, page by page, as CSV or a workbook."""
    hits, number = [], 1
    while True:
        page = find(request, text, filters, kinds=[SOURCE.name], page=number).page
        hits += page.items
        if number >= page.count:
            break
        number += 1
    columns = [
        Column(_("Title"), lambda h: h.title),
        Column(_("Publication date"), lambda h: h.date),
        Column(_("Summary in plain language"), lambda h: h.summary),
        Column(_("Address"), lambda h: request.application_url + h.url),
    ]
    return export_response(request, hits, columns, "publications")


def _catalogue(request, fixed: dict[str, str] | None = None):
    text = request.GET.get("q", "")[:500]
    filters = {name: request.GET.getall(name) for name in FACETS}
    for name, value in (fixed or {}).items():
        filters[name] = [value]
    if requested_format(request):
        return _export(request, text, filters)
    number = parse_number(request.GET.get("page"), 1, 10**6) or 1
    found = find(request, text, filters, kinds=[SOURCE.name], page=number)
    return {
        "exports": export_links(request),
        "q": text,
        "found": found,
        "page": found.page,
        "entries": _entries(request, found.page.items),
        "types": TYPES,
        "author_names": author_names,
        "facets": [f for f in found.facets if f.name in FACETS and f.name not in (fixed or {})],
        "chosen": filters,
        "labels": _labels(request),
    }


@view_config(
    route_name="research.catalogue",
    renderer="norec_research:templates/catalogue.pt",
    permission=VIEW,
)
def catalogue(request):
    query = request.query_string
    feed = request.route_path("research.feed") + (f"?{query}" if query else "")
    found = _catalogue(request)
    if not isinstance(found, dict):  # an export
        return found
    return {"page_title": _("Publications"), "topic": None, "feed": feed} | found


@view_config(
    route_name="research.topic", renderer="norec_research:templates/catalogue.pt", permission=VIEW
)
def topic(request):
    slug = request.matchdict["slug"]
    if slug not in TOPICS:
        raise HTTPNotFound()
    found = _catalogue(request, {"topic": slug})
    if not isinstance(found, dict):  # an export
        return found
    return {
        "page_title": TOPICS[slug],
        "topic": slug,
        "feed": request.route_path("research.topic_feed", slug=slug),
    } | found
