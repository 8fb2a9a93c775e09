"""A publication in schema.org's words, as JSON-LD on its landing page: what search
engines and Google Scholar's harvesters read."""

from __future__ import annotations

from typing import Any

from norec_research import reading
from norec_research.vocabularies import LICENCES, SDGS, TOPICS

SCHEMA_TYPES = {
    "report": "Report",
    "study": "ScholarlyArticle",
    "article": "ScholarlyArticle",
    "policy_brief": "Report",
    "video": "VideoObject",
    "webinar": "VideoObject",
}


def _organisation(organisation) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "Organization", "name": organisation.name}
    if organisation.ror:
        found["sameAs"] = f"https://ror.org/{organisation.ror}"
    return found


def describe(request, publication, files: list) -> dict[str, Any]:
    """`files`: the latest version's, which the landing page has read already."""
    url = request.route_url("research.publication", id=publication.id)
    first = publication.texts[0] if publication.texts else None
    found: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(publication.type, "CreativeWork"),
        "@id": url,
        "url": url,
        "name": first.title if first else "",
        "inLanguage": [t.language for t in publication.texts],
        "author": [
            {"@type": "Person", "name": a.person.full_name}
            | ({"sameAs": f"https://orcid.org/{a.person.orcid}"} if a.person.orcid else {})
            for a in publication.authors
        ],
        "publisher": {"@type": "Organization", "name": reading.publisher(request)},
        "version": str(reading.latest(publication)),
        "keywords": [
            request.localizer.translate(TOPICS[t]) for t in publication.topics if t in TOPICS
        ]
        + [f"SDG {n}: {SDGS[n].default}" for n in publication.sdgs if n in SDGS],
    }
    if first and first.summary:
        found["description"] = first.summary
    if first and first.abstract:
        found["abstract"] = first.abstract
    if publication.published_on:
        found["datePublished"] = publication.published_on.isoformat()
    if publication.licence in LICENCES:
        found["license"] = LICENCES[publication.licence][1]
    contributors = [o for o in publication.organisations if o.role == "contributor"]
    funders = [o for o in publication.organisations if o.role == "funder"]
    if contributors:
        found["sourceOrganization"] = [_organisation(o.organisation) for o in contributors]
    if funders:
        found["funder"] = [_organisation(o.organisation) for o in funders]
    if publication.countries:
        found["spatialCoverage"] = [
            {"@type": "Country", "identifier": code} for code in publication.countries
        ]
    if publication.doi:
        found["identifier"] = f"https://doi.org/{publication.doi}"
    if not reading.under_embargo(publication):
        media = [
            {
                "@type": "MediaObject",
                "contentUrl": request.route_url("files.download", id=f.id, filename=f.filename),
                "encodingFormat": f.content_type,
                "name": f.filename,
            }
            for f in files
        ]
        if media:
            found["encoding"] = media
    videos = [link["url"] for link in publication.links if link.get("url")]
    if SCHEMA_TYPES.get(publication.type) == "VideoObject" and videos:
        found["contentUrl"] = videos[0]
    return found
