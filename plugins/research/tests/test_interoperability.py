"""What harvesters and reference managers read, checked by the standards' own tools:
OAI-PMH responses valid against the OAI-PMH, oai_dc and DataCite 4.5 schemas and paged
with resumption tokens over 2,000 records; BibTeX, RIS and CSL-JSON read back by
bibtexparser, rispy and citeproc-py; Atom read back by feedparser; DataCite XML valid
against the DataCite 4.5 schema."""

from __future__ import annotations

import base64
import datetime
import json
from pathlib import Path

import bibtexparser
import feedparser
import hypothesis
import hypothesis.strategies as st
import pytest
import rispy
from citeproc.source.json import CiteProcJSON
from lxml import etree
from sqlalchemy import insert, select

from norec_research.models import (
    Author,
    Publication,
    PublicationOrganisation,
    PublicationText,
    Version,
)
from norec_research.oai import VERBS

SCHEMAS = Path(__file__).parent / "schemas"
REMOTE = {
    "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd": "OAI-PMH.xsd",
    "http://dublincore.org/schemas/xmls/simpledc20021212.xsd": "simpledc20021212.xsd",
    "http://www.w3.org/2001/03/xml.xsd": "xml.xsd",
}
OAI = {"o": "http://www.openarchives.org/OAI/2.0/"}
KERNEL = {"d": "http://datacite.org/schema/kernel-4"}
DATACITE = SCHEMAS / "datacite-4.5" / "metadata.xsd"  # see schemas/README.md


class _Local(etree.Resolver):
    def resolve(self, url, _id, context):
        if url in REMOTE:
            return self.resolve_filename(str(SCHEMAS / REMOTE[url]), context)
        return None


@pytest.fixture(scope="module")
def oai_schema():
    parser = etree.XMLParser()
    parser.resolvers.add(_Local())
    both = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:import namespace="http://www.openarchives.org/OAI/2.0/"
                 schemaLocation="{(SCHEMAS / "OAI-PMH.xsd").as_uri()}"/>
      <xs:import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/"
                 schemaLocation="{(SCHEMAS / "oai_dc.xsd").as_uri()}"/>
    </xs:schema>"""
    return etree.XMLSchema(etree.fromstring(both.encode(), parser))


@pytest.fixture(scope="module")
def datacite_schema():
    return etree.XMLSchema(etree.parse(str(DATACITE)))


def _valid(schema, body: bytes):
    document = etree.fromstring(body)
    schema.assertValid(document)
    return document


def _published(db_session, make_person, **kw) -> Publication:
    author = make_person(given_name="Ingvild", family_name="Skeie", orcid="0000-0002-1825-0097")
    publication = Publication(
        type="study",
        state="published",
        published_on=datetime.date(2021, 9, 15),
        topics=["covid-19", "volunteering"],
        sdgs=[3, 17],
        countries=["KE"],
        texts=[
            PublicationText(
                language="en",
                title="Covid-19 and the future of {volunteering} & 100% more",
                summary="What partners kept going online.",
                abstract="Interviews with 42 partner organisations.",
            ),
            PublicationText(language="nn", position=1, title="Covid-19 og framtida"),
        ],
        authors=[Author(person=author)],
        versions=[Version(number=1)],
        **kw,
    )
    db_session.add(publication)
    db_session.flush()
    return publication


def test_every_verb_answers_valid_oai_pmh(testapp, db_session, make_person, oai_schema):
    publication = _published(db_session, make_person)
    withdrawn = _published(db_session, make_person, withdrawn_reason="Unverified data")
    withdrawn.state = "withdrawn"
    db_session.flush()
    identify = _valid(oai_schema, testapp.get("/research/oai", {"verb": "Identify"}).body)
    assert identify.findtext("o:Identify/o:deletedRecord", namespaces=OAI) == "persistent"
    base = identify.findtext("o:Identify/o:baseURL", namespaces=OAI)
    assert base == "http://localhost/research/oai"
    _valid(oai_schema, testapp.get("/research/oai", {"verb": "ListMetadataFormats"}).body)
    sets = _valid(oai_schema, testapp.get("/research/oai", {"verb": "ListSets"}).body)
    assert "topic:covid-19" in sets.xpath("//o:setSpec/text()", namespaces=OAI)
    records = _valid(
        oai_schema,
        testapp.get("/research/oai", {"verb": "ListRecords", "metadataPrefix": "oai_dc"}).body,
    )
    headers = records.xpath("//o:header", namespaces=OAI)
    assert [h.get("status") for h in headers] == [None, "deleted"]
    identifier = headers[0].findtext("o:identifier", namespaces=OAI)
    assert identifier == f"oai:localhost:research/{publication.id}"
    one = _valid(
        oai_schema,
        testapp.get(
            "/research/oai",
            {"verb": "GetRecord", "identifier": identifier, "metadataPrefix": "oai_dc"},
        ).body,
    )
    dc = {"dc": "http://purl.org/dc/elements/1.1/"}
    assert one.xpath("//dc:creator/text()", namespaces=dc) == ["Ingvild Skeie"]
    assert one.xpath("//dc:title/@xml:lang", namespaces=dc) == ["en", "nn"]
    in_set = testapp.post(  # harvesters may POST, without a CSRF token
        "/research/oai",
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "type:study"},
    )
    assert len(_valid(oai_schema, in_set.body).xpath("//o:header", namespaces=OAI)) == 2


_MOMENT = "2024-01-01T00:00:00+00:00"


def _bad_token(**state) -> str:
    return base64.urlsafe_b64encode(json.dumps({"p": "oai_dc", "n": 0} | state).encode()).decode()


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Sing"}, "badVerb"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"}, "badArgument"),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2030-01-01",
                "until": "2020-01-01",
            },
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2020-01-01",
                "until": "2030-01-01T00:00:00Z",
            },
            "badArgument",
        ),
        ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
        # A token altered by the client: base64 of {"p":"oai_dc","n":0,"f":"soon"}.
        (
            {
                "verb": "ListRecords",
                "resumptionToken": "eyJwIjoib2FpX2RjIiwibiI6MCwiZiI6InNvb24ifQ==",
            },
            "badResumptionToken",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "2001-01-01"},
            "noRecordsMatch",
        ),
        (
            {"verb": "GetRecord", "identifier": "oai:elsewhere:1", "metadataPrefix": "oai_dc"},
            "idDoesNotExist",
        ),
        ({"verb": "Identify", "extra": "1"}, "badArgument"),
        # Too large for the database, and a digit int() refuses: no such record.
        (
            {
                "verb": "GetRecord",
                "identifier": "oai:localhost:research/99999999999999999999",
                "metadataPrefix": "oai_dc",
            },
            "idDoesNotExist",
        ),
        (
            {
                "verb": "ListMetadataFormats",
                "identifier": "oai:localhost:research/99999999999999999999",
            },
            "idDoesNotExist",
        ),
        (
            {
                "verb": "GetRecord",
                "identifier": "oai:localhost:research/1²",
                "metadataPrefix": "oai_dc",
            },
            "idDoesNotExist",
        ),
        (
            {"verb": "ListMetadataFormats", "identifier": "oai:localhost:research/²"},
            "idDoesNotExist",
        ),
        (
            # {id}: the published record's (ids are not 1 on PostgreSQL, whose sequences
            # go on past rolled-back tests).
            {
                "verb": "GetRecord",
                "identifier": "oai:localhost:research/{id}",
                "metadataPrefix": "x",
            },
            "cannotDisseminateFormat",
        ),
        # Tokens altered by the client: the last record's moment without its id, an id
        # and a cursor no database holds.
        ({"verb": "ListRecords", "resumptionToken": _bad_token(a=_MOMENT)}, "badResumptionToken"),
        (
            {"verb": "ListRecords", "resumptionToken": _bad_token(a=_MOMENT, i=10**30)},
            "badResumptionToken",
        ),
        ({"verb": "ListIdentifiers", "resumptionToken": _bad_token(n=-5)}, "badResumptionToken"),
        ({"verb": "ListRecords", "resumptionToken": "W" * 5000}, "badResumptionToken"),
        # Echoed, what is no URI (a colon in a first segment without a scheme) would make
        # the answer invalid: the identifier's syntax is a bad argument.
        (
            {"verb": "GetRecord", "identifier": "2021-09-15T00:00:00Z", "metadataPrefix": "oai_dc"},
            "badArgument",
        ),
        # Echoed, a control character would make the answer no XML.
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "a\x1bb"}, "badArgument"),
    ],
)
def test_errors_are_valid_answers_with_their_codes(
    testapp, db_session, make_person, oai_schema, query, code
):
    published = _published(db_session, make_person)
    query = {key: value.replace("{id}", str(published.id)) for key, value in query.items()}
    document = _valid(oai_schema, testapp.get("/research/oai", query).body)
    assert document.find("o:error", namespaces=OAI).get("code") == code
    if code in ("badVerb", "badArgument"):
        assert document.find("o:request", namespaces=OAI).attrib == {}


def test_over_2000_records_come_in_pages_each_once(testapp, db_session, oai_schema):
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    first = (db_session.scalar(select(Publication.id).order_by(Publication.id.desc())) or 0) + 1
    total = 2050
    db_session.execute(
        insert(Publication),
        [
            {
                "id": first + n,
                "type": "report",
                "state": "published",
                "licence": "CC-BY-4.0",
                "topics": [],
                "sdgs": [],
                "countries": [],
                "links": [],
                "withdrawn_reason": "",
                # Many share a datestamp: the id keeps their order.
                "updated_at": start + datetime.timedelta(minutes=n // 7),
                "created_at": start,
            }
            for n in range(total)
        ],
    )
    db_session.execute(
        insert(PublicationText),
        [
            {
                "publication_id": first + n,
                "language": "en",
                "position": 0,
                "title": f"Report {n}",
                "summary": "",
                "abstract": "",
            }
            for n in range(total)
        ],
    )
    db_session.flush()
    seen, pages = [], 0
    query = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    while True:
        document = _valid(oai_schema, testapp.get("/research/oai", query).body)
        pages += 1
        seen += document.xpath("//o:header/o:identifier/text()", namespaces=OAI)
        token = document.find(".//o:resumptionToken", namespaces=OAI)
        assert token.get("completeListSize") == str(total)
        if not token.text:
            break
        query = {"verb": "ListRecords", "resumptionToken": token.text}
    assert pages == 21 and len(seen) == total == len(set(seen))


def test_citations_read_back_by_their_parsers(testapp, db_session, make_person, datacite_schema):
    publication = _published(db_session, make_person, doi="10.5072/norec.1")
    landing = testapp.get(f"/research/publications/{publication.id}")
    links = {a.text: a["href"] for a in landing.html.select("#cite-heading + ul a")}
    assert set(links) == {"BibTeX", "RIS", "CSL-JSON", "DataCite XML"}
    library = bibtexparser.parse_string(testapp.get(links["BibTeX"]).text)
    assert not library.failed_blocks
    entry = library.entries[0]
    assert entry.entry_type == "techreport"
    assert entry["title"] == r"Covid-19 and the future of \{volunteering\} \& 100\% more"
    assert entry["author"] == "Skeie, Ingvild" and entry["year"] == "2021"
    assert entry["doi"] == "10.5072/norec.1"
    (record,) = rispy.loads(testapp.get(links["RIS"]).text)
    assert record["type_of_reference"] == "RPRT"
    assert record["authors"] == ["Skeie, Ingvild"]
    assert record["title"] == "Covid-19 and the future of {volunteering} & 100% more"
    assert record["year"] == "2021" and record["doi"] == "10.5072/norec.1"
    source = CiteProcJSON(testapp.get(links["CSL-JSON"]).json)
    (item,) = source.values()
    assert str(item["title"]) == "Covid-19 and the future of {volunteering} & 100% more"
    assert item["author"][0]["family"] == "Skeie"
    assert item["issued"]["year"] == 2021
    datacite = _valid(datacite_schema, testapp.get(links["DataCite XML"]).body)
    assert datacite.findtext("d:identifier", namespaces=KERNEL) == "10.5072/norec.1"
    assert datacite.findtext(".//d:nameIdentifier", namespaces=KERNEL) == (
        "https://orcid.org/0000-0002-1825-0097"
    )
    assert datacite.find("d:resourceType", namespaces=KERNEL).get("resourceTypeGeneral") == "Report"


def test_atom_feeds_for_the_catalogue_a_topic_and_a_search(testapp, db_session, make_person):
    _published(db_session, make_person)
    catalogue = testapp.get("/research/publications", {"q": "covid"})
    link = catalogue.html.find("a", type="application/atom+xml")["href"]
    assert "q=covid" in link
    for path in (link, "/research/publications/feed.atom", "/research/topics/covid-19/feed.atom"):
        response = testapp.get(path)
        assert response.content_type == "application/atom+xml"
        feed = feedparser.parse(response.body)
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == "atom10"
        assert [e.title for e in feed.entries] == [
            "Covid-19 and the future of {volunteering} & 100% more"
        ]
        assert feed.entries[0].link.startswith("http://localhost/research/publications/")
    empty = feedparser.parse(testapp.get("/research/topics/youth/feed.atom").body)
    assert not empty.bozo and empty.entries == []


def test_a_harvest_in_oai_datacite_is_valid_datacite(
    testapp, db_session, make_person, make_organisation, oai_schema, datacite_schema
):
    publication = _published(
        db_session,
        make_person,
        doi="10.5072/norec.7",
        organisations=[
            PublicationOrganisation(organisation=make_organisation(name="CMI"), role="contributor"),
            PublicationOrganisation(
                organisation=make_organisation(name="Norad", ror="04wyv0b14"),
                role="funder",
                grant_reference="QZA-21/0042",
            ),
        ],
    )
    withdrawn = _published(db_session, make_person, withdrawn_reason="Unverified data")
    withdrawn.state = "withdrawn"
    db_session.flush()
    identifier = f"oai:localhost:research/{publication.id}"
    for query in ({}, {"identifier": identifier}):
        formats = _valid(
            oai_schema, testapp.get("/research/oai", {"verb": "ListMetadataFormats", **query}).body
        )
        assert formats.xpath("//o:metadataPrefix/text()", namespaces=OAI) == [
            "oai_dc",
            "oai_datacite",
        ]
    one = _valid(
        oai_schema,
        testapp.get(
            "/research/oai",
            {"verb": "GetRecord", "identifier": identifier, "metadataPrefix": "oai_datacite"},
        ).body,
    )
    # OAI-PMH's schema skips what <metadata> holds: DataCite's checks it.
    (resource,) = one.xpath("//o:metadata/d:resource", namespaces=OAI | KERNEL)
    datacite_schema.assertValid(resource)
    assert resource.findtext("d:identifier", namespaces=KERNEL) == "10.5072/norec.7"
    assert resource.findtext(".//d:funderName", namespaces=KERNEL) == "Norad"
    every = _valid(
        oai_schema,
        testapp.get(
            "/research/oai", {"verb": "ListRecords", "metadataPrefix": "oai_datacite"}
        ).body,
    )
    (resource,) = every.xpath("//o:record/o:metadata/d:resource", namespaces=OAI | KERNEL)
    datacite_schema.assertValid(resource)
    assert every.xpath("//o:header/@status", namespaces=OAI) == ["deleted"]


# The errors the protocol allows for each verb (section 3.6); a bad verb is badVerb.
ALLOWED_ERRORS = {
    "Identify": {"badArgument"},
    "ListMetadataFormats": {"badArgument", "idDoesNotExist", "noMetadataFormats"},
    "ListSets": {"badArgument", "badResumptionToken", "noSetHierarchy"},
    "GetRecord": {"badArgument", "cannotDisseminateFormat", "idDoesNotExist"},
    "ListIdentifiers": {
        "badArgument",
        "badResumptionToken",
        "cannotDisseminateFormat",
        "noRecordsMatch",
        "noSetHierarchy",
    },
}
ALLOWED_ERRORS["ListRecords"] = ALLOWED_ERRORS["ListIdentifiers"]
# NUL is refused (400) by the core's request checks before any view: not the OAI's to answer.
_CHARACTERS = st.characters(exclude_characters="\x00", exclude_categories=["Cs"])
_NAMES = ["identifier", "metadataPrefix", "from", "until", "set", "resumptionToken", "x"]
_LIKELY = [
    "oai_dc",
    "oai_datacite",
    "oai:localhost:research/1",
    "oai:localhost:research/99999999999999999999",
    "oai:localhost:research/٣",
    "2021-09-15",
    "2021-09-15T00:00:00Z",
    "9999-12-31",
    "type:study",
    "topic:covid-19",
    _bad_token(),
    _bad_token(a=_MOMENT),
    _bad_token(a=_MOMENT, i="1"),
    _bad_token(p=["oai_dc"]),
    _bad_token(f=5, s={}),
]


@hypothesis.settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture],
)
@hypothesis.given(
    verb=st.sampled_from([*VERBS, "", "identify", "Sing"]),
    arguments=st.dictionaries(
        st.sampled_from(_NAMES),
        st.one_of(st.sampled_from(_LIKELY), st.text(_CHARACTERS, max_size=40)),
    ),
)
def test_any_arguments_get_an_oai_answer(
    testapp, db_session, make_person, oai_schema, verb, arguments
):
    if not db_session.scalar(select(Publication.id).limit(1)):
        _published(db_session, make_person)
    response = testapp.get("/research/oai", {"verb": verb, **arguments})
    document = _valid(oai_schema, response.body)
    codes = {e.get("code") for e in document.findall("o:error", namespaces=OAI)}
    assert codes <= ALLOWED_ERRORS.get(verb, {"badVerb"}), codes
