"""What harvesters and reference managers read, checked by the standards' own tools:
OAI-PMH responses valid against the OAI-PMH and oai_dc schemas and paged with
resumption tokens over 2,000 records; BibTeX, RIS and CSL-JSON read back by
bibtexparser, rispy and citeproc-py; Atom read back by feedparser; DataCite XML."""

from __future__ import annotations

import datetime
from pathlib import Path

import bibtexparser
import feedparser
import pytest
import rispy
from citeproc.source.json import CiteProcJSON
from lxml import etree
from sqlalchemy import insert, select

from norec_research.models import Author, Publication, PublicationText, Version

SCHEMAS = Path(__file__).parent / "schemas"
REMOTE = {
    "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd": "OAI-PMH.xsd",
    "http://dublincore.org/schemas/xmls/simpledc20021212.xsd": "simpledc20021212.xsd",
    "http://www.w3.org/2001/03/xml.xsd": "xml.xsd",
}
OAI = {"o": "http://www.openarchives.org/OAI/2.0/"}


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
    ],
)
def test_errors_are_valid_answers_with_their_codes(
    testapp, db_session, make_person, oai_schema, query, code
):
    _published(db_session, make_person)
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


def test_citations_read_back_by_their_parsers(testapp, db_session, make_person):
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
    datacite = etree.fromstring(testapp.get(links["DataCite XML"]).body)
    kernel = {"d": "http://datacite.org/schema/kernel-4"}
    assert datacite.findtext("d:identifier", namespaces=kernel) == "10.5072/norec.1"
    assert datacite.findtext(".//d:nameIdentifier", namespaces=kernel) == (
        "https://orcid.org/0000-0002-1825-0097"
    )
    assert datacite.find("d:resourceType", namespaces=kernel).get("resourceTypeGeneral") == "Report"


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
