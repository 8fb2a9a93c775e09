"""Pages kept in memory while nothing they show can have changed.

A view declared with `page_cache=True` has its rendered answer kept, in this process, under
everything the page can depend on:

- the address with its query, the language, the `Accept` header;
- the whole cookie session: who is logged in, their login session and CSRF token;
- the minute (a page that says what is upcoming or open changes as time passes: what
  depends on the clock alone may lag it by up to a minute, as a proxy's copy may);
- the state of the database (`norec_core.db.state_token`), which changes with any commit
  of any process and with any change this connection makes.

Asked again with the same of all these, the same page is answered without routing, loading
or rendering: the permission that let the user see it was decided by the same data. Only a
200 is kept, only after its transaction committed, only if the view left the session as it
found it (a new CSRF token or a message shown) and set no cookie, and only while the login
session stays valid by the clock (`norec_core.accounts.sessions.user_for`). Such a view
must depend on nothing else (no counter of views, no randomness); most reading pages don't.

`norec.page_cache_mb` sets each process's memory for pages (default 32; 0 turns it off).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import threading
from collections import OrderedDict
from typing import NamedTuple

from pyramid.interfaces import IRoutesMapper
from pyramid.response import Response

from norec_core import clock
from norec_core.accounts.sessions import FOREVER, KEY
from norec_core.db import state_token

ROUTES = "norec.page_cache_routes"  # names of routes with a cached view
_CACHE = "norec.page_cache"
_CACHEABLE = "_norec_page_cacheable"
LARGEST_PAGE = 1024 * 1024  # bytes: an export of a long list is not worth the memory
LONGEST_ADDRESS = 2000  # characters: longer ones are not kept (nobody types them twice)
# What a kept page costs beside its body and headers (its key's digest, the structures):
# a page with an empty body still counts, so memory stays bounded however small they are.
ENTRY_COST = 512


class Page(NamedTuple):
    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    valid_until: datetime.datetime

    def response(self) -> Response:
        return Response(status=self.status, headerlist=list(self.headers), body=self.body)

    @property
    def cost(self) -> int:
        return ENTRY_COST + len(self.body) + sum(len(k) + len(v) for k, v in self.headers)


class PageCache:
    """The least recently used pages are forgotten first, to keep within `max_bytes`.
    Pages are kept under a digest of their key (`_key`), whose parts (a long query, a
    session) may be far larger than the page."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        # Pages asked for and found, and asked for at all: what the cache is worth.
        self.hits = self.asked = 0
        self._pages: OrderedDict[bytes, Page] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: bytes) -> Page | None:
        with self._lock:
            self.asked += 1
            page = self._pages.get(key)
            if page is not None:
                self.hits += 1
                self._pages.move_to_end(key)
            return page

    def put(self, key: bytes, page: Page) -> None:
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self.size -= old.cost
            self._pages[key] = page
            self.size += page.cost
            while self.size > self.max_bytes:
                _, dropped = self._pages.popitem(last=False)
                self.size -= dropped.cost

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self.size = 0

    def __len__(self) -> int:
        return len(self._pages)


def _session_state(request) -> str:
    return json.dumps(dict(request.session), sort_keys=True, default=str)


def _key(request, session_state: str) -> bytes | None:
    """A digest of all a kept page is found by, or None where the state has no name."""
    state = state_token(request.dbsession)
    if state is None:
        return None
    minute = int(clock.now().timestamp() // 60)
    parts = (
        request.path_qs,
        request.locale_name,
        request.headers.get("Accept", ""),
        session_state,
        minute,
        state,
    )
    return hashlib.blake2b(repr(parts).encode(), digest_size=20).digest()


def _valid_until(request) -> datetime.datetime | None:
    """Until when the login session stays as this request found it, if nothing changes."""
    if not isinstance(request.session.get(KEY), str):
        return FOREVER
    return getattr(request, "login_valid_until", None)


def _keepable(request, response, session_state: str) -> bool:
    return (
        request.__dict__.get(_CACHEABLE, False)
        and response.status_code == 200
        and "Set-Cookie" not in response.headers
        and isinstance(response.app_iter, list)
        and len(response.body) <= LARGEST_PAGE
        and _session_state(request) == session_state
    )


def page_cache_tween_factory(handler, registry):
    cache: PageCache | None = registry.get(_CACHE)
    if cache is None:
        return handler
    routes_mapper = registry.getUtility(IRoutesMapper)
    routes = registry.setdefault(ROUTES, set())

    def page_cache_tween(request):
        if request.method != "GET":
            return handler(request)
        if len(request.path_qs) > LONGEST_ADDRESS:
            return handler(request)
        route = routes_mapper(request)["route"]
        if route is None or route.name not in routes:
            return handler(request)
        session_state = _session_state(request)
        # First in the transaction: the state must not be newer than what the page shows.
        key = _key(request, session_state)
        if key is None:
            return handler(request)
        page = cache.get(key)
        if page is not None and clock.now() < page.valid_until:
            return page.response()
        response = handler(request)
        valid_until = _valid_until(request)
        if valid_until is not None and _keepable(request, response, session_state):
            page = Page(
                response.status,
                tuple((k, v) for k, v in response.headerlist if k.lower() != "set-cookie"),
                response.body,
                valid_until,
            )

            def keep(committed: bool) -> None:
                if committed:
                    cache.put(key, page)

            request.tm.get().addAfterCommitHook(keep)
        return response

    return page_cache_tween


def page_cache_view(view, info):
    """The `page_cache` view option: mark the view's route, and each request it answers."""
    if not info.options.get("page_cache"):
        return view
    route_name = info.options.get("route_name")
    if route_name is None:
        raise ValueError(f"{info.original_view}: page_cache needs a route_name")
    info.registry.setdefault(ROUTES, set()).add(route_name)

    def cacheable(context, request):
        request.__dict__[_CACHEABLE] = True
        return view(context, request)

    return cacheable


page_cache_view.options = ("page_cache",)


def includeme(config) -> None:
    megabytes = int(config.get_settings().get("norec.page_cache_mb", 32))
    if megabytes > 0:
        config.registry[_CACHE] = PageCache(megabytes * 1024 * 1024)
    config.add_view_deriver(page_cache_view)
    # Closest to the views: the host and body checks, the security headers and the
    # session's cookie apply to a kept page as to a new one.
    config.add_tween(
        "norec_core.page_cache.page_cache_tween_factory",
        under="norec_core.request_checks.request_checks_tween_factory",
    )
