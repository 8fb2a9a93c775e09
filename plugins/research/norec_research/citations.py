"""A publication's citation in the three formats reference managers import: BibTeX
(Zotero, JabRef, LaTeX), RIS (EndNote, Mendeley) and CSL-JSON (Zotero, pandoc)."""

from __future__ import annotations

import json
import re
import unicodedata

from norec_research import reading
from norec_research.models import Publication

BIBTEX_TYPES = {
    "report": "techreport",
    "study": "techreport",
    "policy_brief": "techreport",
    "article": "article",
    "video": "misc",
    "webinar": "misc",
}
RIS_TYPES = {
    "report": "RPRT",
    "study": "RPRT",
    "policy_brief": "RPRT",
    "article": "JOUR",
    "video": "VIDEO",
    "webinar": "VIDEO",
}
CSL_TYPES = {
    "report": "report",
    "study": "report",
    "policy_brief": "report",
    "article": "article",
    "video": "motion_picture",
    "webinar": "motion_picture",
}


def _first(publication: Publication):
    return publication.texts[0] if publication.texts else None


def _names(publication: Publication) -> list[tuple[str, str]]:
    """(family, given) of each author, in the byline's order."""
    return [(a.person.family_name, a.person.given_name) for a in publication.authors]


def _key(publication: Publication) -> str:
    family = _names(publication)[0][0] if publication.authors else "norec"
    ascii_name = unicodedata.normalize("NFKD", family).encode("ascii", "ignore").decode()
    year = publication.published_on.year if publication.published_on else "nd"
    return f"{re.sub(r'[^A-Za-z]', '', ascii_name).lower() or 'norec'}{year}-{publication.id}"


def _bibtex_escape(value: str) -> str:
    value = value.replace("\\", "\\textbackslash{}")
    for char in "{}&%$#_":
        value = value.replace(char, "\\" + char)
    return value.replace("~", "\\textasciitilde{}").replace("^", "\\textasciicircum{}")


def bibtex(request, publication: Publication) -> str:
    first = _first(publication)
    fields = [
        ("title", first.title if first else ""),
        ("author", " and ".join(f"{f}, {g}" for f, g in _names(publication))),
        ("year", str(publication.published_on.year) if publication.published_on else ""),
        ("month", str(publication.published_on.month) if publication.published_on else ""),
        (
            "institution" if BIBTEX_TYPES[publication.type] == "techreport" else "publisher",
            reading.publisher(request),
        ),
        ("abstract", first.abstract or first.summary if first else ""),
        ("language", first.language if first else ""),
        ("doi", publication.doi or ""),
        ("url", request.route_url("research.publication", id=publication.id)),
        ("keywords", ", ".join(publication.topics)),
    ]
    lines = [f"@{BIBTEX_TYPES[publication.type]}{{{_key(publication)},"]
    lines += [f"  {name} = {{{_bibtex_escape(value)}}}," for name, value in fields if value]
    return "\n".join(lines) + "\n}\n"


def ris(request, publication: Publication) -> str:
    first = _first(publication)
    lines = [("TY", RIS_TYPES[publication.type])]
    lines += [("AU", f"{f}, {g}") for f, g in _names(publication)]
    lines += [("TI", first.title)] if first else []
    if publication.published_on:
        lines += [("PY", str(publication.published_on.year))]
        lines += [("DA", publication.published_on.strftime("%Y/%m/%d"))]
    lines += [("AB", (first.abstract or first.summary).replace("\n", " "))] if first else []
    lines += [("LA", first.language)] if first else []
    lines += [("PB", reading.publisher(request))]
    lines += [("KW", topic) for topic in publication.topics]
    lines += [("DO", publication.doi)] if publication.doi else []
    lines += [("UR", request.route_url("research.publication", id=publication.id))]
    lines += [("ER", "")]
    # RIS: two letters, two spaces, a hyphen, a space; CRLF line ends.
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value or tag == "ER")


def csl(request, publication: Publication) -> dict:
    first = _first(publication)
    found = {
        "id": _key(publication),
        "type": CSL_TYPES[publication.type],
        "title": first.title if first else "",
        "author": [{"family": f, "given": g} for f, g in _names(publication)],
        "publisher": reading.publisher(request),
        "URL": request.route_url("research.publication", id=publication.id),
        "language": first.language if first else None,
        "abstract": (first.abstract or first.summary) if first else None,
    }
    if publication.published_on:
        day = publication.published_on
        found["issued"] = {"date-parts": [[day.year, day.month, day.day]]}
    if publication.doi:
        found["DOI"] = publication.doi
    return {k: v for k, v in found.items() if v}


def csl_json(request, publication: Publication) -> str:
    return json.dumps([csl(request, publication)], ensure_ascii=False, indent=2)
