"""The site search: an index of what plugins' `SearchSource`s make of their records,
kept in step with every commit and searched with the database's own full-text search
(FTS5 on SQLite, `tsvector` with a GIN index on PostgreSQL), with facets."""

from __future__ import annotations

from norec_core.search import index  # noqa: F401  (its session listeners keep the index)


def includeme(config) -> None:
    config.add_route("search", "/search")
    config.scan("norec_core.search.views")
