"""A publication as unqualified Dublin Core (oai_dc), the format every OAI-PMH harvester
reads."""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement

from norec_research import reading
from norec_research.vocabularies import LICENCES, SDGS, TOPICS, TYPES
from norec_research.xmlwriting import XML_LANG, XSI

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
# DCMI Type Vocabulary: what kind of thing each type is.
DCMI_TYPES = {"video": "MovingImage", "webinar": "MovingImage"}


def _add(parent: Element, name: str, text: str, language: str | None = None) -> None:
    if text:
        element = SubElement(parent, f"{{{DC}}}{name}")
        element.text = text
        if language:
            element.set(XML_LANG, language)


def oai_dc(request, publication) -> Element:
    root = Element(f"{{{OAI_DC}}}dc")
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} {OAI_DC_SCHEMA}")
    for text in publication.texts:
        _add(root, "title", text.title, text.language)
    for name in reading.author_names(publication):
        _add(root, "creator", name)
    for topic in publication.topics:
        _add(root, "subject", TOPICS[topic].default if topic in TOPICS else topic, "en")
    for number in publication.sdgs:
        if number in SDGS:
            _add(root, "subject", f"SDG {number}: {SDGS[number].default}", "en")
    for text in publication.texts:
        _add(root, "description", text.summary, text.language)
        _add(root, "description", text.abstract, text.language)
    _add(root, "publisher", reading.publisher(request))
    for link in publication.organisations:
        _add(root, "contributor", link.organisation.name)
    if publication.published_on:
        _add(root, "date", publication.published_on.isoformat())
    _add(root, "type", DCMI_TYPES.get(publication.type, "Text"))
    _add(root, "type", TYPES[publication.type].default if publication.type in TYPES else "")
    _add(root, "identifier", request.route_url("research.publication", id=publication.id))
    if publication.doi:
        _add(root, "identifier", f"https://doi.org/{publication.doi}")
    for text in publication.texts:
        _add(root, "language", text.language)
    for country in publication.countries:
        _add(root, "coverage", country)
    if publication.licence in LICENCES:
        _add(root, "rights", LICENCES[publication.licence][1])
    return root
