"""Keeping the search index in step with the records: what a flush writes of them is
indexed right after it, in the same transaction, so the index never shows a record that
was rolled back nor misses one that was committed.

A session takes part when `track` gave it the sources (the request's sessions, the
workers' and the command line's do). Changes the ORM does not see (bulk UPDATEs, rows
deleted by the database's cascades) reach the index at the next `norec search reindex`.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from functools import reduce

from sqlalchemy import (
    Column,
    MetaData,
    Table,
    bindparam,
    cast,
    delete,
    event,
    func,
    insert,
    inspect,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import REGCONFIG, TSVECTOR
from sqlalchemy.orm import Session

from norec_core.contributions import SearchDocument, SearchSource
from norec_core.files.models import StoredFile
from norec_core.search import words
from norec_core.search.models import TSVECTOR_COLUMN, IndexedDocument, IndexedFacet

log = logging.getLogger(__name__)

SOURCES = "norec.search_sources"
_PENDING = "norec.search_pending"
_BATCH = 500


def track(session: Session, sources: dict[str, SearchSource]) -> None:
    """Index what `session` flushes of the records of `sources` (by name)."""
    session.info[SOURCES] = sources


def reindex(session: Session, *records) -> None:
    """Index `records` again now, for a change the ORM does not see on them (an embargo
    that ended, a related record's new name, a file attached), in one write."""
    write(
        session,
        {
            (source.name, record.id): record
            for record in records
            for source in _sources_of(session, type(record))
        },
    )


def _sources_of(session: Session, model: type) -> list[SearchSource]:
    sources = session.info.get(SOURCES) or {}
    return [s for s in sources.values() if isinstance(s.model, type) and issubclass(model, s.model)]


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _context) -> None:
    if not session.info.get(SOURCES):
        return
    pending = session.info.setdefault(_PENDING, {})
    for obj in (*session.new, *session.dirty):
        for source in _sources_of(session, type(obj)):
            pending[(source.name, obj.id)] = obj
        if isinstance(obj, StoredFile):
            _file_changed(session, pending, obj)
    for obj in session.deleted:
        for source in _sources_of(session, type(obj)):
            pending[(source.name, obj.id)] = None
        if isinstance(obj, StoredFile):
            _file_changed(session, pending, obj)


def _file_changed(session: Session, pending: dict, stored: StoredFile) -> None:
    # The record's document holds its files' text; it is read again at commit.
    for source in session.info[SOURCES].values():
        if source.model.__tablename__ == stored.resource_type:
            pending.setdefault((source.name, stored.resource_id), _RELOAD)


_RELOAD = object()  # a record to load after the flush: its file changed, not the record itself


@event.listens_for(Session, "after_flush_postexec")
def _write_pending(session: Session, _context) -> None:
    # After the flush, when new records have their ids and deleted ones are gone.
    pending = session.info.pop(_PENDING, None)
    if pending:
        write(session, pending)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)


def write(session: Session, changes: dict[tuple[str, int], object]) -> None:
    """Replace the documents of the `(source name, record id)` keys by those of the
    records given, or remove them where the record is None (deleted)."""
    sources = session.info[SOURCES]
    by_kind: dict[str, list[int]] = {}
    for kind, record_id in changes:
        by_kind.setdefault(kind, []).append(record_id)
    _remove(session, by_kind)
    documents = []
    for (kind, record_id), record in changes.items():
        source = sources[kind]
        if record is _RELOAD:
            record = session.get(source.model, record_id)
        if record is None or not _alive(record):
            continue
        document = source.document(record)
        if document is not None:
            documents.append((kind, record_id, document))
    _insert(session, documents)


def _alive(record) -> bool:
    state = inspect(record)
    return state.persistent and not state.deleted


def _remove(session: Session, by_kind: dict[str, list[int]]) -> None:
    for kind, record_ids in by_kind.items():
        for start in range(0, len(record_ids), _BATCH):
            chunk = record_ids[start : start + _BATCH]
            ids = list(
                session.scalars(
                    select(IndexedDocument.id).where(
                        IndexedDocument.kind == kind, IndexedDocument.record_id.in_(chunk)
                    )
                )
            )
            _delete_ids(session, ids)


def _delete_ids(session: Session, ids: list[int]) -> None:
    if not ids:
        return
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("DELETE FROM search_fts WHERE rowid = :id"), [{"id": i} for i in ids])
    # Facets go with their document (ON DELETE CASCADE on both databases).
    session.execute(delete(IndexedDocument).where(IndexedDocument.id.in_(ids)))


def _as_datetime(value) -> datetime.datetime | None:
    if value is None or isinstance(value, datetime.datetime):
        return value
    return datetime.datetime(value.year, value.month, value.day, tzinfo=datetime.UTC)


def _facets(kind: str, document: SearchDocument) -> list[tuple[str, str]]:
    date = _as_datetime(document.date)
    found = [("type", kind)]
    found += [("country", document.country)] if document.country else []
    found += [("year", str(date.year))] if date is not None else []
    found += [("language", document.language)] if document.language else []
    for name, values in document.facets.items():
        for value in [values] if isinstance(values, str) else values:
            if value:
                found.append((name, str(value)[:200]))
    return list(dict.fromkeys(found))


def _insert(session: Session, documents: list[tuple[str, int, SearchDocument]]) -> None:
    sqlite = session.get_bind().dialect.name == "sqlite"
    statement = _INSERT if sqlite else _INSERT_WITH_TSVECTOR
    for start in range(0, len(documents), _BATCH):
        batch = documents[start : start + _BATCH]
        rows = [
            {
                "kind": kind,
                "record_id": record_id,
                "title": document.title[:500],
                "summary": document.summary,
                "language": document.language,
                "date": _as_datetime(document.date),
                "permission": document.permission,
                **(
                    {}
                    if sqlite
                    else {"config": words.config(document.language), "body": document.text}
                ),
            }
            for kind, record_id, document in batch
        ]
        ids = session.scalars(statement, rows).all()
        facets = [
            {"document_id": i, "name": name, "value": value}
            for i, (kind, _r, document) in zip(ids, batch, strict=True)
            for name, value in _facets(kind, document)
        ]
        session.execute(insert(IndexedFacet), facets)
        if sqlite:
            _fill_fts(session, ids, [d for _k, _r, d in batch])


_INSERT = insert(IndexedDocument).returning(IndexedDocument.id, sort_by_parameter_order=True)


def _weighted(words_param: str, config, weight: str):
    return func.setweight(
        func.to_tsvector(config, bindparam(words_param)), literal_column(f"'{weight}'")
    )


def _tsvector():
    """The document's words in its language's stems and as written (so that stop words
    and names are found too); the title weighs more than the text (A against B)."""
    config = cast(bindparam("config"), REGCONFIG)
    simple = literal_column("'simple'::regconfig")
    parts = [
        _weighted("title", config, "A"),
        _weighted("title", simple, "A"),
        _weighted("body", config, "B"),
        _weighted("body", simple, "B"),
    ]
    return reduce(lambda a, b: a.op("||")(b), parts)


# PostgreSQL's documents carry their tsvector column, which the model leaves out.
_WITH_TSVECTOR = Table(
    "search_document",
    MetaData(),
    *(Column(c.name, c.type, primary_key=c.primary_key) for c in IndexedDocument.__table__.c),
    Column(TSVECTOR_COLUMN, TSVECTOR),
)
_INSERT_WITH_TSVECTOR = (
    insert(_WITH_TSVECTOR)
    .values(
        {c.name: bindparam(c.name) for c in IndexedDocument.__table__.c if c.name != "id"}
        | {TSVECTOR_COLUMN: _tsvector()}
    )
    .returning(_WITH_TSVECTOR.c.id, sort_by_parameter_order=True)
)


def _fill_fts(session: Session, ids: list[int], documents: list[SearchDocument]) -> None:
    session.execute(
        text("INSERT INTO search_fts (rowid, title, body) VALUES (:id, :title, :body)"),
        [
            {
                "id": i,
                "title": words.indexed_text(d.title, d.language),
                "body": words.indexed_text(d.text, d.language),
            }
            for i, d in zip(ids, documents, strict=True)
        ],
    )


def rebuild_index(session: Session, kinds: Iterable[str] | None = None) -> dict[str, int]:
    """Index every record of the sources named in `kinds` (all by default) anew; returns
    how many documents each now has."""
    sources = session.info[SOURCES]
    counts = {}
    for name in kinds or sources:
        source = sources[name]
        if session.get_bind().dialect.name == "sqlite":
            session.execute(
                text(
                    "DELETE FROM search_fts WHERE rowid IN "
                    "(SELECT id FROM search_document WHERE kind = :kind)"
                ),
                {"kind": name},
            )
        session.execute(delete(IndexedDocument).where(IndexedDocument.kind == name))
        ids = list(session.scalars(select(source.model.id).order_by(source.model.id)))
        counts[name] = 0
        for start in range(0, len(ids), _BATCH):
            records = session.scalars(
                select(source.model)
                .where(source.model.id.in_(ids[start : start + _BATCH]))
                .options(*source.options)
            )
            documents = [(name, r.id, d) for r in records if (d := source.document(r)) is not None]
            _insert(session, documents)
            counts[name] += len(documents)
            session.expunge_all()  # a rebuild of 12,000 records holds one batch at a time
        log.info("indexed %d %s", counts[name], name)
    if session.get_bind().dialect.name == "postgresql":
        # The planner's statistics, before autovacuum's: a full index changes them all.
        session.execute(text("ANALYZE search_document, search_facet"))
    return counts
