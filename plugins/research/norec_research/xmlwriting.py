"""XML out of ElementTree with the document's own namespace as the default one.

ElementTree keeps its prefixes in one registry for the whole process; OAI-PMH and
DataCite each want theirs unprefixed, so each document sets it under a lock as it is
written, and no thread writes with another's default."""

from __future__ import annotations

import datetime
import threading
from xml.etree.ElementTree import Element, register_namespace, tostring

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_LOCK = threading.Lock()
PREFIXES = {
    XSI: "xsi",
    "http://www.openarchives.org/OAI/2.0/oai_dc/": "oai_dc",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://datacite.org/schema/kernel-4": "datacite",
}


def write(root: Element, default_namespace: str) -> bytes:
    with _LOCK:
        for uri, prefix in PREFIXES.items():
            register_namespace(prefix, uri)
        register_namespace("", default_namespace)
        body = tostring(root, encoding="unicode")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body.encode("utf-8")


def utc(moment: datetime.datetime | datetime.date | None) -> str:
    """A moment as OAI-PMH and Atom write it: UTC, to the second, with a Z; a date is its
    midnight in UTC, and nothing the start of 2000 (an Atom feed owes a time)."""
    if moment is None:
        moment = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    elif not isinstance(moment, datetime.datetime):
        moment = datetime.datetime(moment.year, moment.month, moment.day, tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
