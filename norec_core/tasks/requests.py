"""Requests for work done outside a web request (jobs, scheduled tasks), so that the same
code as in a view (sessions, mail, URLs) works there."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pyramid.registry import Registry
from pyramid.request import Request
from pyramid.scripting import prepare


@contextmanager
def background_request(registry: Registry) -> Iterator[Request]:
    """A request whose URLs begin with `norec.base_url`, never with a client's Host."""
    base_url = registry.settings.get("norec.base_url", "http://127.0.0.1:6543")
    env = prepare(request=Request.blank("/", base_url=base_url), registry=registry)
    try:
        yield env["request"]
    finally:
        env["closer"]()
