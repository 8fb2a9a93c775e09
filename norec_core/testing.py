"""The Norec pytest plugin: the fixtures the core's tests, the plugins' and a third party's share.

Registered through the `pytest11` entry point, so installing norec-core is enough. Every
test that uses the database runs once on SQLite (a real file) and once on PostgreSQL (a
real server this plugin starts), unless `--norec-db` narrows the list or the test (or its
module, with `pytestmark`) is marked `norec_backends("sqlite")` because what it checks lies
above the database:

- `app`: the WSGI application with every installed plugin enabled;
- `db_session`: a session on the migrated database; everything a test and the requests
  it makes write is rolled back afterwards;
- `testapp`: WebTest against `app`, with `testapp.login(email, password)`,
  `testapp.csrf_token()`, `testapp.take_step(record, transition, comment)` and
  `testapp.resave(path, formid)` (an edit form saved twice as it is);
- `admin_app`: `testapp` logged in as an administrator; `client(email)`: another
  browser of its own, logged in as that user (`client()`: anonymous);
- `query_counter`: counts the SQL statements the app executes; with `pages_made_anew`,
  those of pages made, none answered from the page cache (`norec_core.page_cache`);
- `smtp_server`: a real SMTP server on loopback (aiosmtpd) that the app delivers to;
  `smtp_server.messages` holds what arrived, `stop()` and `start()` simulate an outage;
- `redis_url`: a throw-away Redis server (Debian's redis-server), for the task queue;
- `make_person`, `make_organisation`, `make_partnership`, `make_activity`: factories that
  add a record with plausible values, any of which a keyword overrides;
- `make_user`: a user with the given site roles (none makes a plain member), who logs in
  with `testapp.login(user.email, USER_PASSWORD)`;
- `run_due(app.registry, moment)`: run the scheduled tasks due at `moment` as the worker
  would, returning the names of those that ran;
- `rebuild_index(dbsession, [source names])`: index anew the records a test inserted in
  bulk, past the ORM (a query-count test over thousands of rows);
- `live_server`, `chromium` and `page`: the application on waitress with every plugin's
  demo data, and a Chromium tab on it; `log_in(page, email, password)`, `log_out(page)`
  and `axe_violations(page)` (WCAG 2.1 AA, by axe-core) for browser tests;
- `pdf_file(pages=1)`: the bytes of a real, blank PDF, which an upload field takes (one
  only claiming to be a PDF is refused, as pypdf cannot read it);
- `private_core_imports(path)`: where a plugin imports more of norec_core than its
  public surface (assert it returns `[]` in the plugin's own tests);
- `make_settings(database_url, **settings)`, `upgrade(settings, revision="heads")` and
  `downgrade(settings, revision)`; `assert_migrations_match(settings, plugin, prefix)`
  upgrades an empty database with the plugin alone, compares it with the models and
  downgrades `"<plugin>@base"`;
- `plugin_routes(registry, plugin)`, `fill_route(pattern, values)`, `is_refused(response)`
  and `matrix_mismatches(browser, case, matrix, paths, posted)`: the route-and-role
  matrix of a plugin's `test_plugin.py`; `demo_app` (the application over a copy of the
  demo data, for the module; `demo_settings(tmp_path_factory, smtp_server)`, its
  settings; `load_demo_database(settings)` loads the demo into another database),
  `demo_paths(app, plugin, values)`,
  `demo_browser(app, roles)` and `demo_mismatches(browser, case, matrix, paths)` walk
  the same matrix over every kind of demo record (see docs/writing-a-plugin.md).

Run a plugin's tests with `pip install norec-core[test]` installed; `--norec-db=sqlite`
runs them on SQLite alone (the default is both SQLite and PostgreSQL, which needs
Debian's postgresql package).

Background work runs in-process right after each commit (`norec.queue.url = immediate`),
so a test sees the mail a request sent as soon as the request returns.
"""

from __future__ import annotations

import itertools
import os

import pytest
from sqlalchemy.orm import Session

from norec_core.browser_testing import (  # noqa: F401 (fixtures and helpers of this plugin)
    axe_violations,
    chromium,
    demo_app,
    demo_settings,
    live_server,
    load_demo_database,
    log_in,
    log_out,
    page,
)
from norec_core.factories import (  # noqa: F401 (fixtures of this plugin)
    USER_PASSWORD,
    make_activity,
    make_organisation,
    make_partnership,
    make_person,
    make_user,
    pdf_file,
)
from norec_core.migrate import downgrade, upgrade  # noqa: F401 (for the plugins' tests)
from norec_core.plugin_checks import (  # noqa: F401 (for the plugins' tests)
    assert_migrations_match,
    demo_browser,
    demo_mismatches,
    demo_paths,
    fill_route,
    is_refused,
    matrix_mismatches,
    plugin_routes,
)
from norec_core.query_counting import QueryCounter, query_counter  # noqa: F401 (a fixture)
from norec_core.search.index import (
    rebuild_index,  # noqa: F401 (for the plugins' tests)
    track,
)
from norec_core.surface import private_core_imports  # noqa: F401 (for the plugins' tests)
from norec_core.tasks.schedule import run_due  # noqa: F401 (for the plugins' tests)
from norec_core.test_browsers import ADMIN_EMAIL, ADMIN_PASSWORD, testapp_class
from norec_core.test_settings import CHEAP_HASHING, SESSION_SECRET, make_settings  # noqa: F401
from norec_core.testservers import (  # noqa: F401 (public here too, for the plugins' tests)
    PostgreSQLServer,
    RedisServer,
    SMTPServer,
    free_port,
    postgresql_bindir,
    wait_for_port,
)

BACKENDS = ("sqlite", "postgresql")
_databases = itertools.count(1)


def pytest_addoption(parser):
    """Adds `--norec-db`: the backends database tests run on (NOREC_TEST_DB, or both)."""
    parser.addoption(
        "--norec-db",
        default=os.environ.get("NOREC_TEST_DB", ",".join(BACKENDS)),
        help="comma-separated database backends to run database tests on (sqlite,postgresql)",
    )


def pytest_configure(config):
    """Declares the markers, and hashes passwords cheaply (see `CHEAP_HASHING`)."""
    from norec_core.accounts import passwords

    config.addinivalue_line(
        "markers", "norec_backends(*names): run this database test on these backends only"
    )
    config.addinivalue_line(
        "markers", "browser: runs in Chromium (given to every test that uses `page`)"
    )
    config.addinivalue_line(
        "markers", "postgresql: runs on PostgreSQL (given to every test that uses the server)"
    )
    # Users made before any application (the administrator of `migrated_database`).
    passwords.configure(CHEAP_HASHING)


def pytest_collection_modifyitems(items):
    """Marks each test `browser` or `postgresql` by the fixtures it uses."""
    # Marked by what they use, so that `-m "not browser and not postgresql"` runs the
    # quick part of any plugin's tests with nothing to remember.
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "live_server" in fixtures or "chromium" in fixtures:
            item.add_marker(pytest.mark.browser)
        callspec = getattr(item, "callspec", None)
        on_postgresql = callspec is not None and callspec.params.get("norec_backend") == (
            "postgresql"
        )
        if on_postgresql or "postgresql_server" in fixtures:
            item.add_marker(pytest.mark.postgresql)


def pytest_generate_tests(metafunc):
    """Runs each database test once per backend chosen, as `norec_backends` narrows it."""
    if "norec_backend" in metafunc.fixturenames:
        chosen = [b.strip() for b in metafunc.config.getoption("--norec-db").split(",") if b]
        # @pytest.mark.norec_backends("sqlite"): a test whose point does not depend on the
        # database (and is slow) runs on the backends it names only.
        marker = metafunc.definition.get_closest_marker("norec_backends")
        if marker is not None:
            chosen = [b for b in chosen if b in marker.args]
        metafunc.parametrize("norec_backend", chosen, indirect=True, scope="session")


@pytest.fixture(scope="session")
def norec_backend(request):
    """The name of the backend under test: "sqlite" or "postgresql" (session-wide)."""
    if request.param not in BACKENDS:
        raise pytest.UsageError(f"--norec-db: unknown backend {request.param!r}")
    return request.param


# -- PostgreSQL ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgresql_server():
    """A PostgreSQL server of the tests' own, started once for the session in a
    temporary folder (Debian's postgresql package; `NOREC_PG_BINDIR` names another);
    `create_database(name)` gives the URL of a new, empty database on it."""
    bindir = postgresql_bindir()
    if bindir is None:
        pytest.fail(
            "PostgreSQL is not installed (apt-get install postgresql); "
            "or run only on SQLite with --norec-db=sqlite"
        )
    server = PostgreSQLServer(bindir)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def database_url(norec_backend, request, tmp_path_factory):
    """The URL of an empty database of the backend under test."""
    if norec_backend == "sqlite":
        path = tmp_path_factory.mktemp("sqlite") / "norec.sqlite"
        return f"sqlite:///{path}"
    server = request.getfixturevalue("postgresql_server")
    # A name of its own each time: when the tests of one worker switch backend and back,
    # the previous database may still have the previous app's connections open.
    return server.create_database(f"norec_test_{next(_databases)}")


# -- The application ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def smtp_server():
    """A real SMTP server on loopback (aiosmtpd) for the session; the applications deliver
    to it. Use `mail` in a test, which empties it first."""
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mail(smtp_server):
    """The SMTP server, emptied for this test, and started again if a test stopped it."""
    smtp_server.clear()
    yield smtp_server
    if smtp_server._controller is None:
        smtp_server.start()


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """The URL of a throw-away Redis server (Debian's redis-server) for the session, for a
    test of the task queue with `norec.queue.url` set to it."""
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope="session")
def app_settings(database_url, smtp_server):
    """The settings of the session's application: `make_settings` on the backend's
    database, mail to `smtp_server`."""
    return make_settings(database_url, **{"norec.mail.port": str(smtp_server.port)})


@pytest.fixture(scope="session")
def migrated_database(app_settings):
    """Upgrade the database with the real migrations, and add an administrator."""
    from norec_core import migrate
    from norec_core.accounts.users import save_user
    from norec_core.db import make_engine

    migrate.upgrade(app_settings)
    engine = make_engine(app_settings["sqlalchemy.url"])
    with Session(engine) as session, session.begin():
        save_user(
            session, ADMIN_EMAIL, ADMIN_PASSWORD, display_name="Test administrator", roles=["admin"]
        )
    engine.dispose()
    return app_settings


@pytest.fixture(scope="session")
def app(migrated_database):
    """The WSGI application (`norec_core.app.main`) with every installed plugin enabled, on
    the migrated database; `app.registry` is what `run_due` and `plugin_routes` take."""
    from norec_core.app import main

    app = main({}, **migrated_database)
    yield app
    app.registry["norec.db_engine"].dispose()


@pytest.fixture
def db_connection(app):
    """A connection inside a transaction that is rolled back when the test ends.

    The application's request sessions are bound to it, and each request's commit becomes
    a savepoint release, so what requests write is visible to the test and then undone.
    """
    registry = app.registry
    # Pages kept by an earlier test were made with its settings and hooks, which a test
    # may have changed: each test begins with none.
    if "norec.page_cache" in registry:
        registry["norec.page_cache"].clear()
    engine = registry["norec.db_engine"]
    connection = engine.connect()
    transaction = connection.begin()
    registry["norec.db_bind"] = connection
    yield connection
    registry["norec.db_bind"] = engine
    transaction.rollback()
    connection.close()


@pytest.fixture
def db_session(app, db_connection):
    """A SQLAlchemy session on the test's connection: what a test adds, the requests it
    makes see, and everything is rolled back when the test ends; the search index follows
    its flushes as the application's do."""
    session = Session(bind=db_connection, join_transaction_mode="create_savepoint")
    # What the tests' records are, the search finds, as it would the application's.
    track(session, app.registry["norec.search_sources"])
    yield session
    session.close()


@pytest.fixture
def app_request(app, db_session):
    """A request of the app outside any view, whose session is the test's: for calling
    what takes a request (attach, send_mail, find, render_pdf) directly."""
    from pyramid.scripting import prepare

    env = prepare(registry=app.registry)
    env["request"].dbsession = db_session
    yield env["request"]
    env["closer"]()


@pytest.fixture
def pages_made_anew(monkeypatch):
    """No page answered from the page cache: each is made, as after a change."""
    from norec_core.page_cache import PageCache

    monkeypatch.setattr(PageCache, "get", lambda _cache, _key: None)


@pytest.fixture
def testapp(app, db_connection):
    """WebTest's `TestApp` on `app`, anonymous, with `login(email, password)` (the
    administrator by default), `csrf_token()`, `take_step(record, transition, comment)`
    and `resave(path, formid)`."""
    return testapp_class()(app, extra_environ={"HTTP_HOST": "localhost"})


@pytest.fixture
def client(app, testapp):
    """A browser of its own for each person: `client(email)` is logged in as `email`
    (a user made with `make_user`), `client()` is anonymous."""

    def make(email: str | None = None, password: str | None = None):
        browser = type(testapp)(app, extra_environ={"HTTP_HOST": "localhost"})
        if email is not None:
            browser.login(email, password or USER_PASSWORD)
        return browser

    return make


@pytest.fixture
def admin_app(testapp):
    """`testapp` logged in as the test administrator (`ADMIN_EMAIL`, role admin)."""
    testapp.login()
    return testapp
