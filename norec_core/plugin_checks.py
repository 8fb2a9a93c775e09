"""The checks every plugin's `test_plugin.py` makes of the plugin as a whole, so that each
writes only what is its own: which routes it has, who may open them (the route-and-role
matrix), and whether its migrations build what its models describe. Offered to plugins
by `norec_core.testing`."""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, func, inspect, select

from norec_core.accounts.users import save_user
from norec_core.db import Base, new_session
from norec_core.factories import USER_PASSWORD
from norec_core.migrate import downgrade, upgrade
from norec_core.test_browsers import testapp_class

# {name} or {name:regex}; a regex may hold {m,n} repetitions.
_PLACEHOLDER = re.compile(r"\{(\w+)(?::(?:[^{}]|\{[^}]*\})*)?\}")


def plugin_routes(registry, plugin: str) -> dict[str, str]:
    """The routes of `plugin` (those named "<plugin>.…"): each name and its pattern, as
    "/grants/applications/{id:\\d+}"."""
    found = {}
    for item in registry.introspector.get_category("routes"):
        route = item["introspectable"]
        if route["name"].startswith(plugin + "."):
            found[route["name"]] = "/" + route["pattern"].lstrip("/")
    return found


def fill_route(pattern: str, values: Mapping[str, object]) -> str:
    """The path of `pattern` with each placeholder ({id}, {id:\\d+}, {format:(bib|ris)})
    replaced by `values[name]`; KeyError names one `values` lacks."""
    return _PLACEHOLDER.sub(lambda found: str(values[found[1]]), pattern)


def is_refused(response) -> bool:
    """Whether `response` refuses the user: 401 or 403, or a redirect to the login page
    (what an anonymous visitor is given). A 404 is not a refusal: the matrix tests a
    record the user may see, and a hidden one answers 404 to all who may not."""
    return response.status_int in (401, 403) or (
        response.status_int in (302, 303) and "/login?came_from=" in response.location
    )


def matrix_mismatches(
    browser, case: str, matrix: Mapping[str, frozenset], paths, posted: Mapping | None = None
) -> list:
    """Where `browser`, logged in as `case`, is allowed or refused contrary to `matrix`
    (route name → the cases allowed): the route, its path and the status, for each route
    whose answer says otherwise (a server error always counts). `paths` maps a route
    name to the path to ask; a route in `posted` is sent a POST of its form data there
    (with the CSRF token), the others a GET. Assert the result is `[]`."""
    found, posted, token = [], posted or {}, None
    for name, allowed in sorted(matrix.items()):
        if name in posted:
            token = token or browser.csrf_token()
            data = {"csrf_token": token, **posted[name]}
            response = browser.post(paths[name], data, expect_errors=True)
        else:
            response = browser.get(paths[name], expect_errors=True)
        if response.status_int >= 500 or is_refused(response) == (case in allowed):
            found.append((name, paths[name], response.status))
    return found


def demo_paths(app, plugin: str, values: Mapping[str, object] | None = None) -> dict:
    """The paths to walk of each route of `plugin` on the demo data of `app`: route name →
    paths, with {id} filled by records of the route's model (the first of each workflow
    state, or the first and the last), other placeholders by `values`; a route whose
    placeholders cannot all be filled is left out. For `demo_mismatches`."""
    values = dict(values or {})
    found: dict[str, list[str]] = {}
    with new_session(app.registry) as session:
        for item in app.registry.introspector.get_category("routes"):
            route = item["introspectable"]
            if not route["name"].startswith(plugin + "."):
                continue
            pattern = "/" + route["pattern"].lstrip("/")
            names = {match[1] for match in _PLACEHOLDER.finditer(pattern)}
            ids = [None]
            if "id" in names and "id" not in values:
                ids = _demo_ids(session, route)
            if names - set(values) - {"id"} or not ids:
                continue
            paths = {fill_route(pattern, {"id": record_id, **values}) for record_id in ids}
            found[route["name"]] = sorted(paths)
    return found


def _demo_ids(session, route) -> list[int]:
    model = getattr(route["factory"], "model", None)
    if model is None:
        return []
    if hasattr(model, "state"):
        query = select(func.min(model.id)).group_by(model.state)
    else:
        query = select(func.min(model.id)).union(select(func.max(model.id)))
    return sorted(i for i in session.scalars(query) if i is not None)


def demo_browser(app, roles: list[str] | None):
    """A WebTest browser on `app` (one over the demo data): anonymous for None, else a new
    user of the site `roles` (`[]`, a member), logged in, holding no local role."""
    browser = testapp_class()(app, extra_environ={"HTTP_HOST": "localhost"})
    if roles is None:
        return browser
    email = f"{'-'.join(roles) or 'member'}.{secrets.token_hex(4)}@demo-walk.example.org"
    with new_session(app.registry) as session, session.begin():
        save_user(session, email, USER_PASSWORD, roles=roles)
    browser.login(email, USER_PASSWORD)
    return browser


def demo_mismatches(browser, case: str, matrix: Mapping[str, frozenset], paths) -> list:
    """What `browser` (a `demo_browser` of `case`) meets on the demo data contrary to
    `matrix`: a server error anywhere, or a page served (2xx) on a route the matrix
    refuses `case`. Refusing may be a 401, a 403, the login page or a 404 (a record
    hidden from the user); where the matrix allows, a record may still be closed to
    the user in its state. Each mismatch: route, path, status."""
    found = []
    for name, allowed in sorted(matrix.items()):
        for path in paths.get(name, ()):
            response = browser.get(path, expect_errors=True)
            served = 200 <= response.status_int < 300
            if response.status_int >= 500 or (served and case not in allowed):
                found.append((name, path, response.status))
    return found


def assert_migrations_match(settings: dict, plugin: str, table_prefix: str) -> None:
    """Upgrade the empty database of `settings` (`make_settings(url, **{"norec.plugins":
    plugin})`), check that the plugin's tables (named `table_prefix`…) are what its models
    describe, then downgrade "<plugin>@base" and check they are gone and the core's
    tables are left."""
    engine = create_engine(settings["sqlalchemy.url"])
    try:
        upgrade(settings)
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert [d for d in differences if f"'{table_prefix}" in repr(d)] == []
        downgrade(settings, f"{plugin}@base")
        tables = set(inspect(engine).get_table_names())
        assert not {t for t in tables if t.startswith(table_prefix)}
        assert "person" in tables
    finally:
        engine.dispose()
