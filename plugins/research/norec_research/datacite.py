"""A publication's metadata in the DataCite Metadata Schema 4.5, ready to register a DOI
(https://schema.datacite.org/meta/kernel-4.5/): the DOI it has, or the one it would get
under `research.doi_prefix`."""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement

from norec_research import reading, xmlwriting
from norec_research.vocabularies import LICENCES, SDGS, TOPICS, TYPES
from norec_research.xmlwriting import XML_LANG, XSI

KERNEL = "http://datacite.org/schema/kernel-4"
SCHEMA = "http://schema.datacite.org/meta/kernel-4.5/metadata.xsd"
GENERAL_TYPES = {
    "report": "Report",
    "study": "Report",
    "policy_brief": "Report",
    "article": "JournalArticle",
    "video": "Audiovisual",
    "webinar": "Audiovisual",
}
TEST_PREFIX = "10.5072"  # DataCite's prefix for tests: the DOI a configured prefix replaces


def _element(parent: Element, name: str, text: str | None = None, **attributes) -> Element:
    found = SubElement(parent, f"{{{KERNEL}}}{name}", {k: v for k, v in attributes.items() if v})
    if text is not None:
        found.text = text
    return found


def doi(request, publication) -> str:
    if publication.doi:
        return publication.doi
    prefix = request.registry.settings.get("research.doi_prefix", TEST_PREFIX)
    return f"{prefix}/norec.research.{publication.id}"


def resource(request, publication) -> bytes:
    """The DataCite XML document of `publication`."""
    return xmlwriting.write(resource_element(request, publication), KERNEL)


def resource_element(request, publication) -> Element:
    """The `resource` element of `publication` (the metadata of an oai_datacite record),
    its children in the kernel's order."""
    root = Element(f"{{{KERNEL}}}resource", {f"{{{XSI}}}schemaLocation": f"{KERNEL} {SCHEMA}"})
    _element(root, "identifier", doi(request, publication), identifierType="DOI")
    contributing = [o for o in publication.organisations if o.role == "contributor"]
    _creators(_element(root, "creators"), publication, contributing, reading.publisher(request))
    titles = _element(root, "titles")
    for text in publication.texts:
        _element(titles, "title", text.title).set(XML_LANG, text.language)
    _element(root, "publisher", reading.publisher(request))
    year = publication.published_on or publication.created_at
    _element(root, "publicationYear", str(year.year))
    _element(
        root,
        "resourceType",
        TYPES[publication.type].default,
        resourceTypeGeneral=GENERAL_TYPES[publication.type],
    )
    _subjects(_element(root, "subjects"), publication)
    if contributing:
        contributors = _element(root, "contributors")
        for link in contributing:
            contributor = _element(
                contributors, "contributor", contributorType="HostingInstitution"
            )
            _element(
                contributor, "contributorName", link.organisation.name, nameType="Organizational"
            )
    if publication.published_on:
        dates = _element(root, "dates")
        _element(dates, "date", publication.published_on.isoformat(), dateType="Issued")
    if publication.texts:
        _element(root, "language", publication.texts[0].language)
    _element(root, "version", str(reading.latest(publication)))
    _rights(root, publication.licence)
    _descriptions(_element(root, "descriptions"), publication)
    _funding(root, [o for o in publication.organisations if o.role == "funder"])
    return root


def _creators(creators, publication, contributing, publisher: str) -> None:
    """The authors, with their ORCID; without authors, the contributing organisations or,
    without those, the agency."""
    for author in publication.authors:
        person = author.person
        creator = _element(creators, "creator")
        _element(
            creator,
            "creatorName",
            f"{person.family_name}, {person.given_name}",
            nameType="Personal",
        )
        _element(creator, "givenName", person.given_name)
        _element(creator, "familyName", person.family_name)
        if person.orcid:
            _element(
                creator,
                "nameIdentifier",
                f"https://orcid.org/{person.orcid}",
                nameIdentifierScheme="ORCID",
                schemeURI="https://orcid.org",
            )
    if publication.authors:
        return
    for link in contributing:
        creator = _element(creators, "creator")
        _element(creator, "creatorName", link.organisation.name, nameType="Organizational")
    if not contributing:
        _element(_element(creators, "creator"), "creatorName", publisher, nameType="Organizational")


def _subjects(subjects, publication) -> None:
    for topic in publication.topics:
        if topic in TOPICS:
            _element(subjects, "subject", TOPICS[topic].default)
    for number in publication.sdgs:
        if number in SDGS:
            _element(subjects, "subject", f"SDG {number}: {SDGS[number].default}")


def _rights(root, licence) -> None:
    if licence not in LICENCES:
        return
    name, uri = LICENCES[licence]
    _element(
        _element(root, "rightsList"),
        "rights",
        name,
        rightsURI=uri,
        rightsIdentifier=licence,
        rightsIdentifierScheme="SPDX",
        schemeURI="https://spdx.org/licenses/",
    )


def _descriptions(descriptions, publication) -> None:
    for text in publication.texts:
        for kind, value in (("Abstract", text.abstract), ("Other", text.summary)):
            if value:
                _element(descriptions, "description", value, descriptionType=kind).set(
                    XML_LANG, text.language
                )


def _funding(root, funders) -> None:
    """Each funder with its ROR identifier and the grant's number, where known."""
    if not funders:
        return
    references = _element(root, "fundingReferences")
    for link in funders:
        reference = _element(references, "fundingReference")
        _element(reference, "funderName", link.organisation.name)
        if link.organisation.ror:
            _element(
                reference,
                "funderIdentifier",
                f"https://ror.org/{link.organisation.ror}",
                funderIdentifierType="ROR",
            )
        if link.grant_reference:
            _element(reference, "awardNumber", link.grant_reference)
