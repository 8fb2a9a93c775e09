"""Requests for work done outside a web request (jobs, scheduled tasks), so that the same
code as in a view (sessions, mail, URLs) works there."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pyramid.registry import Registry
from pyramid.scripting import prepare

from norec_core.urls import Request, base_url


@contextmanager
def background_request(registry: Registry) -> Iterator[Request]:
    """A request whose URLs begin with `norec.base_url`, never with a client's Host."""
    request = Request.blank("/", base_url=base_url(registry.settings))
    env = prepare(request=request, registry=registry)
    try:
        yield env["request"]
    finally:
        env["closer"]()
