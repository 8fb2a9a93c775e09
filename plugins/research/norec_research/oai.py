"""OAI-PMH 2.0 (https://www.openarchives.org/OAI/openarchivesprotocol.html): the six
verbs over the published publications (withdrawn ones as deleted records), oai_dc and
oai_datacite (the DataCite 4.5 resource, as Zenodo and DSpace serve it), sets per type
and per topic, and resumption tokens that page through any number of records in a
stable order (datestamp, then id), whatever changes meanwhile."""

from __future__ import annotations

import base64
import datetime
import email.utils
import json
import re
import urllib.parse
from xml.etree.ElementTree import Element, SubElement

from sqlalchemy import String, cast, func, select, tuple_
from sqlalchemy.orm import selectinload

from norec_core import site
from norec_research import datacite, xmlwriting
from norec_research.dublincore import OAI_DC, OAI_DC_SCHEMA, oai_dc
from norec_research.models import Author, Publication, PublicationOrganisation
from norec_research.vocabularies import TOPICS, TYPES
from norec_research.xmlwriting import XSI

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
PAGE = 100
VERBS = {
    "Identify": ((), ()),
    "ListMetadataFormats": ((), ("identifier",)),
    "ListSets": ((), ("resumptionToken",)),
    "ListIdentifiers": (("metadataPrefix",), ("from", "until", "set", "resumptionToken")),
    "ListRecords": (("metadataPrefix",), ("from", "until", "set", "resumptionToken")),
    "GetRecord": (("identifier", "metadataPrefix"), ()),
}
# Each format's schema, namespace and the metadata element it writes for a publication.
FORMATS = {
    "oai_dc": (OAI_DC_SCHEMA, OAI_DC, oai_dc),
    "oai_datacite": (datacite.SCHEMA, datacite.KERNEL, datacite.resource_element),
}
# Ids as the database holds them (PostgreSQL's integer): a larger one names no record.
_ID = re.compile(r"[0-9]{1,10}")
_LARGEST_ID = 2**31 - 1
# The syntax the OAI-PMH schema gives the arguments it echoes: anything else is a bad
# argument, and an answer echoing it would not be valid.
_WORD = r"[A-Za-z0-9\-_\.!~\*'\(\)]+"
_SYNTAX = {
    "metadataPrefix": re.compile(_WORD),
    "set": re.compile(f"{_WORD}(:{_WORD})*"),
    # A URI (xs:anyURI): a scheme before the first colon, or no colon in the first segment.
    "identifier": re.compile(r"(?=\S)(?:[A-Za-z][A-Za-z0-9+.\-]*:|[^:/?#\s]*(?:[/?#]|$))\S*"),
}
# What XML 1.0 cannot hold, not even escaped: most control characters, lone surrogates.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
HARVESTED = ("published", "withdrawn")  # a withdrawn one is a deleted record


class OAIError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def _sets() -> list[tuple[str, str]]:
    return [(f"type:{k}", t.default) for k, t in TYPES.items()] + [
        (f"topic:{k}", t.default) for k, t in TOPICS.items()
    ]


def _prefix(request) -> str:
    host = urllib.parse.urlsplit(request.application_url).hostname or "localhost"
    return f"oai:{host}:research/"


def identifier(request, publication_id: int) -> str:
    return f"{_prefix(request)}{publication_id}"


def _publication_id(request, value: str) -> int | None:
    prefix = _prefix(request)
    number = value[len(prefix) :]
    # Only ASCII digits: str.isdigit() also takes "²", which int() refuses.
    if value.startswith(prefix) and _ID.fullmatch(number) and int(number) <= _LARGEST_ID:
        return int(number)
    return None


def _date(value: str, end: bool) -> tuple[datetime.datetime, str]:
    """A from or until argument and its granularity; `end`: until, inclusive."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = datetime.datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=datetime.UTC)
            return (day + datetime.timedelta(days=1, microseconds=-1) if end else day), "day"
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", value):
            moment = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
            moment = moment.replace(tzinfo=datetime.UTC)
            return (moment + datetime.timedelta(seconds=1, microseconds=-1) if end else moment), (
                "seconds"
            )
    except ValueError:
        pass
    raise OAIError("badArgument", f"Not a UTC date or datetime: {value!r}.")


def _arguments(request) -> tuple[str, dict[str, str]]:
    params = request.POST if request.method == "POST" else request.GET
    verb = params.getall("verb")
    if len(verb) != 1 or verb[0] not in VERBS:
        raise OAIError("badVerb", "The verb is missing, repeated or not an OAI-PMH verb.")
    verb = verb[0]
    if any(_NOT_XML.search(text) for item in params.items() for text in item):
        # Echoed in the answer, these would make it no XML at all.
        raise OAIError("badArgument", "An argument holds characters XML cannot carry.")
    for key in params:
        if len(params.getall(key)) > 1:
            raise OAIError("badArgument", f"The argument {key} is repeated.")
    required, optional = VERBS[verb]
    given = {k: v for k, v in params.items() if k != "verb"}
    unknown = set(given) - set(required) - set(optional)
    if unknown:
        raise OAIError("badArgument", f"Not an argument of {verb}: {', '.join(sorted(unknown))}.")
    if "resumptionToken" in given:
        if len(given) > 1:
            raise OAIError("badArgument", "A resumptionToken is the only argument with it.")
    else:
        missing = [k for k in required if k not in given]
        if missing:
            raise OAIError("badArgument", f"{verb} needs {', '.join(missing)}.")
    for key, syntax in _SYNTAX.items():
        if key in given and not syntax.fullmatch(given[key]):
            raise OAIError("badArgument", f"Not the syntax of a {key}.")
    return verb, given


def _token(state: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(state, separators=(",", ":")).encode()).decode()


def _untoken(value: str) -> dict:
    """The state a token carries, each part checked: a token is the client's to alter."""
    try:
        if len(value) > 1000:  # ours are far shorter; a deep JSON would exhaust the stack
            raise ValueError(value)
        state = json.loads(base64.urlsafe_b64decode(value.encode()))
        if not isinstance(state, dict) or not isinstance(state.get("p"), str):
            raise ValueError(value)
        if state["p"] not in FORMATS or not _counter(state.get("n")):
            raise ValueError(value)
        for key in ("f", "u", "a"):
            if key in state:
                datetime.datetime.fromisoformat(state[key])
        if ("a" in state) != ("i" in state) or ("i" in state and not _counter(state["i"])):
            raise ValueError(value)  # a page's last record is its moment and its id
        if "s" in state and state["s"] not in {spec for spec, _name in _sets()}:
            raise ValueError(value)
        return state
    except (ValueError, TypeError, UnicodeError, RecursionError) as bad:
        raise OAIError("badResumptionToken", "The resumptionToken is not valid.") from bad


def _counter(value) -> bool:
    """A position or an id in a token: a whole number the database can compare."""
    return type(value) is int and 0 <= value <= _LARGEST_ID


def _condition(state: dict):
    conditions = [Publication.state.in_(HARVESTED)]
    if state.get("f"):
        conditions.append(Publication.updated_at >= datetime.datetime.fromisoformat(state["f"]))
    if state.get("u"):
        conditions.append(Publication.updated_at <= datetime.datetime.fromisoformat(state["u"]))
    if state.get("s"):
        kind, _, value = state["s"].partition(":")
        if kind == "type":
            conditions.append(Publication.type == value)
        else:  # a topic: the JSON list holds it
            conditions.append(_has_topic(value))
    return conditions


def _has_topic(value: str):
    # A JSON list is text to LIKE on both databases; topic slugs are [a-z0-9-].
    return cast(Publication.topics, String).like(f'%"{value}"%')


class Response:
    def __init__(self, request, verb: str | None, arguments: dict[str, str]):
        self.request = request
        self.root = Element(f"{{{OAI}}}OAI-PMH")
        self.root.set(f"{{{XSI}}}schemaLocation", f"{OAI} {OAI_SCHEMA}")
        SubElement(self.root, f"{{{OAI}}}responseDate").text = xmlwriting.utc(
            datetime.datetime.now(datetime.UTC)
        )
        self.request_element = SubElement(self.root, f"{{{OAI}}}request")
        self.request_element.text = request.route_url("research.oai")
        self.verb, self.arguments = verb, arguments

    def echo(self) -> None:
        """The request's arguments, but only when they were not bad (the protocol)."""
        if self.verb:
            self.request_element.set("verb", self.verb)
        for key, value in self.arguments.items():
            self.request_element.set(key, value)

    def element(self, name: str, parent=None) -> Element:
        return SubElement(self.root if parent is None else parent, f"{{{OAI}}}{name}")

    def error(self, code: str, message: str) -> None:
        found = self.element("error")
        found.set("code", code)
        found.text = message

    def bytes(self) -> bytes:
        return xmlwriting.write(self.root, OAI)


def _header(response: Response, parent: Element, publication: Publication) -> None:
    header = response.element("header", parent)
    if publication.state == "withdrawn":
        header.set("status", "deleted")
    response.element("identifier", header).text = identifier(response.request, publication.id)
    response.element("datestamp", header).text = xmlwriting.utc(publication.updated_at)
    response.element("setSpec", header).text = f"type:{publication.type}"
    for topic in publication.topics:
        if topic in TOPICS:
            response.element("setSpec", header).text = f"topic:{topic}"


def _record(response: Response, parent: Element, publication: Publication, prefix: str) -> None:
    record = response.element("record", parent)
    _header(response, record, publication)
    if publication.state != "withdrawn":
        metadata = FORMATS[prefix][2](response.request, publication)
        response.element("metadata", record).append(metadata)


def _no_format(prefix: str) -> str:
    return f"No format {prefix!r}: only {', '.join(FORMATS)}."


def _loaded():
    return (
        selectinload(Publication.texts),
        selectinload(Publication.authors).selectinload(Author.person),
        selectinload(Publication.organisations).selectinload(PublicationOrganisation.organisation),
        selectinload(Publication.versions),  # DataCite names the latest
    )


def _list(response: Response, verb: str, arguments: dict[str, str]) -> None:
    session = response.request.dbsession
    if "resumptionToken" in arguments:
        state = _untoken(arguments["resumptionToken"])
    else:
        state = {"p": arguments["metadataPrefix"], "n": 0}
        ranges = {}
        for key, end in (("from", False), ("until", True)):
            if key in arguments:
                moment, granularity = _date(arguments[key], end)
                ranges[key] = granularity
                state[key[0]] = moment.isoformat()
        if len(set(ranges.values())) > 1:
            raise OAIError("badArgument", "from and until have different granularities.")
        if state.get("f") and state.get("u") and state["f"] > state["u"]:
            raise OAIError("badArgument", "from is later than until.")
        # After the bad arguments: the answer to an unknown format echoes them.
        if state["p"] not in FORMATS:
            raise OAIError("cannotDisseminateFormat", _no_format(state["p"]))
        if "set" in arguments:
            if arguments["set"] not in dict(_sets()):
                raise OAIError("noRecordsMatch", f"No set {arguments['set']!r} holds records.")
            state["s"] = arguments["set"]
    conditions = _condition(state)
    total = session.scalar(select(func.count()).select_from(Publication).where(*conditions))
    if not total:
        raise OAIError("noRecordsMatch", "No record matches these arguments.")
    query = select(Publication).where(*conditions)
    if "a" in state:  # after the last record of the previous page
        after = (datetime.datetime.fromisoformat(state["a"]), state["i"])
        query = query.where(tuple_(Publication.updated_at, Publication.id) > after)
    if verb == "ListRecords":
        query = query.options(*_loaded())
    page = session.scalars(query.order_by(Publication.updated_at, Publication.id).limit(PAGE)).all()
    if not page:
        raise OAIError("badResumptionToken", "The resumptionToken is used up or out of date.")
    container = response.element(verb)
    for publication in page:
        if verb == "ListRecords":
            _record(response, container, publication, state["p"])
        else:
            _header(response, container, publication)
    cursor = state["n"]
    token = response.element("resumptionToken", container)
    token.set("completeListSize", str(total))
    token.set("cursor", str(cursor))
    if cursor + len(page) < total:
        last = page[-1]
        following = state | {
            "n": cursor + len(page),
            "a": last.updated_at.isoformat(),
            "i": last.id,
        }
        token.text = _token(following)


def _sender(settings) -> str:
    return email.utils.parseaddr(settings.get("norec.mail.sender", ""))[1] or "noreply@localhost"


def _repository_name(request) -> str:
    return f"{site(request.registry).short_name} research"


def _identify(response: Response) -> None:
    request = response.request
    session = request.dbsession
    earliest = session.scalar(
        select(func.min(Publication.updated_at)).where(Publication.state.in_(HARVESTED))
    )
    identify = response.element("Identify")
    settings = request.registry.settings
    values = (
        ("repositoryName", settings.get("research.repository_name") or _repository_name(request)),
        ("baseURL", request.route_url("research.oai")),
        ("protocolVersion", "2.0"),
        # The repository's contact; without one set, the address the site's mail is from.
        ("adminEmail", settings.get("research.admin_email") or _sender(settings)),
        ("earliestDatestamp", xmlwriting.utc(earliest)),
        ("deletedRecord", "persistent"),
        ("granularity", "YYYY-MM-DDThh:mm:ssZ"),
    )
    for name, value in values:
        response.element(name, identify).text = value


def _record_by_identifier(response: Response, value: str) -> Publication:
    publication_id = _publication_id(response.request, value)
    found = response.request.dbsession.get(Publication, publication_id) if publication_id else None
    if found is None or found.state not in HARVESTED:
        raise OAIError("idDoesNotExist", f"No record {value!r} here.")
    return found


def answer(request) -> bytes:
    """The response to an OAI-PMH request, errors included (they are answers too)."""
    try:
        verb, arguments = _arguments(request)
    except OAIError as bad:
        response = Response(request, None, {})
        response.error(bad.code, bad.message)
        return response.bytes()
    response = Response(request, verb, arguments)
    response.echo()
    try:
        if verb == "Identify":
            _identify(response)
        elif verb == "ListMetadataFormats":
            if "identifier" in arguments:
                _record_by_identifier(response, arguments["identifier"])
            formats = response.element("ListMetadataFormats")
            for prefix, (schema, namespace, _write) in FORMATS.items():
                found = response.element("metadataFormat", formats)
                response.element("metadataPrefix", found).text = prefix
                response.element("schema", found).text = schema
                response.element("metadataNamespace", found).text = namespace
        elif verb == "ListSets":
            if "resumptionToken" in arguments:
                raise OAIError("badResumptionToken", "The list of sets comes in one piece.")
            sets = response.element("ListSets")
            for spec, name in _sets():
                found = response.element("set", sets)
                response.element("setSpec", found).text = spec
                response.element("setName", found).text = name
        elif verb == "GetRecord":
            publication = _record_by_identifier(response, arguments["identifier"])
            prefix = arguments["metadataPrefix"]
            if prefix not in FORMATS:
                raise OAIError("cannotDisseminateFormat", _no_format(prefix))
            _record(response, response.element("GetRecord"), publication, prefix)
        else:
            _list(response, verb, arguments)
    except OAIError as bad:
        for child in list(response.root)[2:]:
            response.root.remove(child)
        if bad.code == "badArgument":  # the arguments are not echoed then
            response.request_element.attrib.clear()
        response.error(bad.code, bad.message)
    return response.bytes()
