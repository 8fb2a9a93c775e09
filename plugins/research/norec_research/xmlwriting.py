"""XML out of ElementTree with the document's own namespace as the default one.

ElementTree keeps its prefixes in one registry for the whole process; OAI-PMH and
DataCite each want theirs unprefixed, so each document sets it under a lock as it is
written, and no thread writes with another's default."""

from __future__ import annotations

import threading
from xml.etree.ElementTree import Element, register_namespace, tostring

_LOCK = threading.Lock()
PREFIXES = {
    "http://www.w3.org/2001/XMLSchema-instance": "xsi",
    "http://www.openarchives.org/OAI/2.0/oai_dc/": "oai_dc",
    "http://purl.org/dc/elements/1.1/": "dc",
}


def write(root: Element, default_namespace: str) -> bytes:
    with _LOCK:
        for uri, prefix in PREFIXES.items():
            register_namespace(prefix, uri)
        register_namespace("", default_namespace)
        body = tostring(root, encoding="unicode")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body.encode("utf-8")
