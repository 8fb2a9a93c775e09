"""The machine-readable doors: OAI-PMH for harvesters, citations for reference
managers, DataCite XML for registering a DOI, and Atom feeds for readers."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPNotFound
from pyramid.renderers import render_to_response
from pyramid.response import Response
from pyramid.view import view_config

from norec_core import VIEW, find
from norec_research import citations, datacite, oai
from norec_research.i18n import _
from norec_research.search import SOURCE
from norec_research.views.catalogue import FACETS
from norec_research.vocabularies import TOPICS
from norec_research.xmlwriting import utc


# Harvesters may POST their requests (the protocol allows it), and send no CSRF token:
# nothing changes here, so none is needed.
@view_config(route_name="research.oai", permission=VIEW, require_csrf=False)
def oai_pmh(request):
    return Response(body=oai.answer(request), content_type="text/xml", charset="utf-8")


def _publication(request, publication):
    if publication.state != "published":
        raise HTTPNotFound()
    return publication


CITATIONS = {
    "bib": ("application/x-bibtex", citations.bibtex),
    "ris": ("application/x-research-info-systems", citations.ris),
    "json": ("application/vnd.citationstyles.csl+json", citations.csl_json),
}


@view_config(route_name="research.cite", permission=VIEW)
def cite(publication, request):
    kind, write = CITATIONS[request.matchdict["format"]]
    body = write(request, _publication(request, publication))
    response = Response(body=body.encode("utf-8"), content_type=kind, charset="utf-8")
    response.content_disposition = (
        f'attachment; filename="norec-research-{publication.id}.{request.matchdict["format"]}"'
    )
    return response


@view_config(route_name="research.datacite", permission=VIEW)
def datacite_xml(publication, request):
    body = datacite.resource(request, _publication(request, publication))
    return Response(body=body, content_type="application/xml", charset="utf-8")


def _feed(request, title, page_url, fixed=None):
    text = request.GET.get("q", "")[:500]
    filters = {name: request.GET.getall(name) for name in FACETS}
    for name, value in (fixed or {}).items():
        filters[name] = [value]
    found = find(request, text, filters, kinds=[SOURCE.name])
    entries = [
        {
            "url": request.application_url + hit.url,
            "title": hit.title,
            "summary": hit.summary,
            "updated": utc(hit.date),
        }
        for hit in found.page.items
    ]
    values = {
        "feed_url": request.application_url + request.path_qs,
        "page_url": page_url,
        "title": request.localizer.translate(title),
        "subtitle": request.localizer.translate(_("Publications from ${agency}")),
        "updated": max((e["updated"] for e in entries), default=utc(None)),
        "entries": entries,
    }
    response = render_to_response("norec_research:templates/feed.pt", values, request=request)
    response.content_type = "application/atom+xml"
    return response


@view_config(route_name="research.feed", permission=VIEW)
def feed(request):
    query = request.query_string
    page = request.route_url("research.catalogue") + (f"?{query}" if query else "")
    return _feed(request, _("${agency} research"), page)


@view_config(route_name="research.topic_feed", permission=VIEW)
def topic_feed(request):
    slug = request.matchdict["slug"]
    if slug not in TOPICS:
        raise HTTPNotFound()
    page = request.route_url("research.topic", slug=slug)
    return _feed(request, TOPICS[slug], page, {"topic": slug})
