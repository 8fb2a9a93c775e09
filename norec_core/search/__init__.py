"""The site search: an index of what plugins' `SearchSource`s make of their records,
kept in step with every commit and searched with the database's own full-text search
(FTS5 on SQLite, `tsvector` with a GIN index on PostgreSQL), with facets."""

from __future__ import annotations

from norec_core.search import index


def includeme(config) -> None:
    registry = config.registry

    def follow(session) -> None:
        # The index follows what each session flushes, as the sources read then.
        index.track(session, registry.get("norec.search_sources") or {})

    registry.setdefault("norec.session_followers", []).append(follow)
    config.add_route("search", "/search")
    config.scan("norec_core.search.views")
