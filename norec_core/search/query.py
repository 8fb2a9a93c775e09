"""Finding records: ranked full-text matches narrowed by facets, only those the viewer may
see, with the counts of each facet's values among them.

The same few queries answer whatever the index holds: one for the kinds and permissions
in the index, one counting, one for the page, one for the facets plus one per facet the
viewer narrowed by (its other values are counted without it, so they stay choosable).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import reduce
from typing import Any

from pyramid.request import Request
from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.sql.expression import True_, literal

from norec_core.contributions import SearchSource
from norec_core.i18n import _
from norec_core.i18n.codes import country_name, language_name
from norec_core.lists import PAGE_SIZE, Page
from norec_core.search import words
from norec_core.search.index import SOURCES
from norec_core.search.models import FTS_TABLE, TSVECTOR_COLUMN, IndexedDocument, IndexedFacet
from norec_core.security import permitted

# The facets every document has, in the order a search page shows them; plugins' follow.
CORE_FACETS = {
    "type": _("Type"),
    "country": _("Country"),
    "year": _("Year"),
    "language": _("Language"),
}
# The values a facet shows at most, the most frequent first (and those chosen, always).
FACET_VALUES = 15


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    kind: Any  # the source's title
    summary: str
    date: Any
    score: float


@dataclass(frozen=True)
class FacetValue:
    value: str
    title: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    title: Any
    values: list[FacetValue]


@dataclass(frozen=True)
class Found:
    page: Page  # of Hits
    facets: list[Facet]


def facet_titles(request: Request) -> dict[str, Any]:
    titles = dict(CORE_FACETS)
    for source in request.registry[SOURCES].values():
        titles.update(source.facets)
    return titles


def find(
    request: Request,
    text: str = "",
    filters: Mapping[str, Iterable[str]] | None = None,
    kinds: Iterable[str] | None = None,
    page: int = 1,
) -> Found:
    """Search the index for `text` (every word, or a word it starts with, in any of its
    stems), among the documents with one of the chosen values of each facet in `filters`
    ({"country": ["KE", "NO"], "type": ["activity"]}) and, where given, of the source
    names in `kinds`. Without text, the newest come first."""
    sources: dict[str, SearchSource] = request.registry[SOURCES]
    titles = facet_titles(request)
    chosen = {
        name: sorted({str(v)[:200] for v in values if v})
        for name, values in (filters or {}).items()
        if name in titles
    }
    chosen = {name: values for name, values in chosen.items() if values}
    base = [_visible(request, sources, kinds)]
    match = _match(request, text)

    def selected(query: Select, without: str | None = None) -> Select:
        """`query` over the documents that match, narrowed by the facets chosen (but
        `without`'s, for that facet's own counts)."""
        query = query.where(*base)
        if match is not None:
            query = match.narrow(query)
        for name, values in chosen.items():
            if name != without:
                query = query.where(
                    IndexedDocument.id.in_(
                        select(IndexedFacet.document_id).where(
                            IndexedFacet.name == name, IndexedFacet.value.in_(values)
                        )
                    )
                )
        return query

    session = request.dbsession
    total = session.scalar(selected(select(func.count()).select_from(IndexedDocument)))
    count = max(1, -(-total // PAGE_SIZE))
    number = min(max(1, page), count)
    if match is not None:
        query = selected(select(IndexedDocument, match.score))
        query = query.order_by(match.score.desc(), IndexedDocument.title)
    else:
        query = selected(select(IndexedDocument, literal(0.0)))
        query = query.order_by(IndexedDocument.date.desc().nulls_last(), IndexedDocument.title)
    rows = session.execute(query.limit(PAGE_SIZE).offset((number - 1) * PAGE_SIZE)).all()
    hits = [_hit(request, sources, document, score) for document, score in rows]
    facets = _facets(request, sources, titles, chosen, selected)
    return Found(Page(hits, number, count, total, request), facets)


def _visible(request: Request, sources: dict[str, SearchSource], kinds) -> ColumnElement[bool]:
    """The documents whose record the viewer holds the document's permission on."""
    query = select(IndexedDocument.kind, IndexedDocument.permission).distinct()
    if kinds is not None:
        query = query.where(IndexedDocument.kind.in_(list(kinds)))
    conditions = []
    for kind, permission in request.dbsession.execute(query):
        source = sources.get(kind)
        if source is None:  # its plugin is not enabled here
            continue
        condition = and_(IndexedDocument.kind == kind, IndexedDocument.permission == permission)
        allowed = permitted(request, source.model, permission)
        if not isinstance(allowed, True_):
            records = select(source.model.id).where(allowed)
            condition = and_(condition, IndexedDocument.record_id.in_(records))
        conditions.append(condition)
    return or_(false(), *conditions)


@dataclass(frozen=True)
class _Match:
    """How a query over documents keeps those matching the words, and ranks them."""

    score: Any  # higher is better
    condition: Any = None
    matched: Any = None  # SQLite: the full-text table's matches, to join

    def narrow(self, query: Select) -> Select:
        if self.matched is not None:
            query = query.join(self.matched, self.matched.c.id == IndexedDocument.id)
        return query.where(self.condition) if self.condition is not None else query


def _match(request: Request, text: str) -> _Match | None:
    """The match of every word of `text`, or None for no text."""
    found = words.query_words(text)
    if not found:
        return None
    if request.dbsession.get_bind().dialect.name == "sqlite":
        expression = " AND ".join(
            "(" + " OR ".join(f'"{v}"*' for v in words.variants(w)) + ")" for w in found
        )
        matched = (
            select(
                literal_column("rowid").label("id"),
                # bm25 is lower for better matches; a title word weighs ten text words.
                (-func.bm25(literal_column(FTS_TABLE), 10.0, 1.0)).label("score"),
            )
            .select_from(table(FTS_TABLE))
            .where(literal_column(FTS_TABLE).op("MATCH")(expression))
            # Matched once, then joined: inlined, SQLite would run the full-text query
            # again for each document it joins (seconds at 12,000 documents).
            .cte("matched")
            .prefix_with("MATERIALIZED")
        )
        return _Match(matched.c.score, matched=matched)
    # On PostgreSQL the words are a condition on the document's own tsvector (GIN).
    tsv = literal_column(f"search_document.{TSVECTOR_COLUMN}")
    query = reduce(lambda a, b: a.op("&&")(b), (_tsquery(w) for w in found))
    return _Match(func.ts_rank_cd(tsv, query), condition=tsv.op("@@")(query))


def _tsquery(word: str):
    """`word` as a prefix, as written or in Norwegian or English stems: PostgreSQL's own
    dictionaries stem it as they stemmed the documents."""
    # The configurations are written into the SQL, not bound: to_tsquery of constants is
    # then computed once per query, not once per document ranked.
    forms = [
        func.to_tsquery(literal_column(f"'{config}'::regconfig"), f"{word}:*")
        for config in ("simple", *words.QUERY_STEMMERS)
    ]
    return reduce(lambda a, b: a.op("||")(b), forms)


def _hit(request: Request, sources, document: IndexedDocument, score) -> Hit:
    source = sources[document.kind]
    if source.url is not None:
        url = source.url(request, document.record_id)
    else:
        url = request.route_path(source.route, id=document.record_id)
    return Hit(document.title, url, source.title, document.summary, document.date, score or 0.0)


def _facets(request, sources, titles, chosen, selected) -> list[Facet]:
    session = request.dbsession

    def counted(names: Iterable[str], *, without: str | None = None, negate: bool = False):
        ids = selected(select(IndexedDocument.id), without)
        query = select(IndexedFacet.name, IndexedFacet.value, func.count()).where(
            IndexedFacet.document_id.in_(ids)
        )
        if negate and names:
            query = query.where(IndexedFacet.name.not_in(names))
        elif not negate:
            query = query.where(IndexedFacet.name.in_(names))
        return session.execute(query.group_by(IndexedFacet.name, IndexedFacet.value)).all()

    rows = list(counted(list(chosen), negate=True))
    for name in chosen:
        rows += counted([name], without=name)
    values: dict[str, list[tuple[str, int]]] = {}
    for name, value, count in rows:
        values.setdefault(name, []).append((value, count))
    for name, picked in chosen.items():  # a chosen value stays visible at 0
        present = {v for v, _c in values.get(name, [])}
        values.setdefault(name, []).extend((v, 0) for v in picked if v not in present)
    facets = []
    for name, title in titles.items():
        picked = chosen.get(name, ())
        # Years newest first; other values the most frequent first, then by name.
        if name == "year":
            ranked = sorted(values.get(name, []), reverse=True)
        else:
            ranked = sorted(values.get(name, []), key=lambda vc: (-vc[1], vc[0]))
        shown = [vc for i, vc in enumerate(ranked) if i < FACET_VALUES or vc[0] in picked]
        if shown:
            facets.append(
                Facet(
                    name,
                    title,
                    [
                        FacetValue(v, _value_title(request, sources, name, v), c, v in picked)
                        for v, c in shown
                    ],
                )
            )
    return facets


def _value_title(request: Request, sources, name: str, value: str) -> str:
    if name == "type":
        source = sources.get(value)
        return request.localizer.translate(source.title) if source else value
    if name == "country":
        return country_name(value, request.locale_name)
    if name == "language":
        return language_name(value, request.locale_name)
    return value
