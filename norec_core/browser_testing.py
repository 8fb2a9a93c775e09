"""The browser part of the Norec pytest plugin (`norec_core.testing` registers it):
the application served by waitress with every plugin's demonstration data, Debian's
Chromium driven by Playwright, and axe-core's WCAG 2.1 AA check."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from norec_core.test_settings import make_settings

AXE_FILE = Path("node_modules") / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _demo_template(tmp_path_factory, settings: dict) -> Path:
    """A migrated SQLite file with every plugin's demonstration data, and its files,
    made once for the whole run: the workers of pytest-xdist share it (they take turns
    under a lock), and each module copies it. Loading the demo took some twenty seconds,
    which every browser module paid."""
    import fcntl

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    folder = root / "browser-demo"
    with open(root / "browser-demo.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "ready").exists():
            shutil.rmtree(folder, ignore_errors=True)
            (folder / "files").mkdir(parents=True)
            built = {
                **settings,
                "sqlalchemy.url": f"sqlite:///{folder / 'norec.sqlite'}",
                "norec.files.url": f"file://{folder / 'files'}",
            }
            load_demo_database(built)
            (folder / "ready").touch()
    return folder


def load_demo_database(settings: dict) -> None:
    """Migrate the empty database of `settings` and load every plugin's demonstration
    data into it (its files into `norec.files.url`), indexed for the site search as
    `norec demo load` does. Every connection is closed after, so that SQLite has folded
    its write-ahead log into the file."""
    from sqlalchemy.orm import Session as OrmSession

    from norec_core import migrate
    from norec_core.app import main
    from norec_core.db import make_engine
    from norec_core.domain.demo import load_demo
    from norec_core.plugins import search_sources
    from norec_core.search.index import track

    migrate.upgrade(settings)
    app = main({}, **settings)
    engine = make_engine(settings["sqlalchemy.url"])
    try:
        with OrmSession(engine) as session, session.begin():
            track(session, search_sources(app.registry["norec.pm"]))
            load_demo(app.registry, session)
    finally:
        engine.dispose()
        app.registry["norec.db_engine"].dispose()


def demo_settings(tmp_path_factory, smtp_server) -> dict:
    """Settings of an application over a copy of its own of the demo database (made once
    a run, see `_demo_template`), mailing to `smtp_server`: for tests that walk the demo
    as a visitor would, in the browser or through WebTest."""
    here = tmp_path_factory.mktemp("demo")
    settings = make_settings(
        f"sqlite:///{here / 'norec.sqlite'}",
        **{
            "norec.mail.port": str(smtp_server.port),
            "norec.files.url": f"file://{here / 'files'}",
            # The agency's colours as development.ini sets them: axe checks them in use.
            "norec.colours": "primary #1a4f8b\nheader #1a4f8b\nheader_text #ffffff",
        },
    )
    template = _demo_template(tmp_path_factory, settings)
    shutil.copyfile(template / "norec.sqlite", here / "norec.sqlite")
    shutil.copytree(template / "files", here / "files")
    return settings


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory, smtp_server):
    """The application, for WebTest, over a copy of its own (for the module) of the demo
    data of every installed plugin: what `demo_browser` and `demo_paths` walk."""
    from norec_core.app import main

    return main({}, **demo_settings(tmp_path_factory, smtp_server))


@pytest.fixture(scope="module")
def live_server(tmp_path_factory, smtp_server):
    """The real application on waitress, over a real SQLite file holding the demonstration
    data of every installed plugin (a copy of its own for each module); its base URL. Its
    mail goes to the test's SMTP server (the `mail` fixture), with links beginning
    http://localhost as in the other tests."""
    import threading

    from waitress.server import create_server

    from norec_core.app import main

    app = main({}, **demo_settings(tmp_path_factory, smtp_server))
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium, driven by Playwright (browsers cannot be downloaded here)."""
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium is not installed: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser tab on `live_server`, in English; the test fails if anything the
    page loads or runs breaks its Content-Security-Policy."""
    context = chromium.new_context(base_url=live_server, locale="en-GB")
    page = context.new_page()
    refused = []
    page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    yield page
    context.close()
    assert not refused, refused


def log_in(page, email: str, password: str) -> None:
    """Log in through the login form, as a person would."""
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")


def log_out(page) -> None:
    """Log out in the Chromium `page` with the layout's button, back on the front page."""
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/")


def axe_script() -> Path:
    """axe-core's script, from npm (`npm install axe-core`): `NOREC_AXE_JS` if set, else
    `node_modules/` in the folder the tests run from or one above it (a plugin's own
    checkout or the platform's), else beside an editable install of norec-core."""
    if os.environ.get("NOREC_AXE_JS"):
        return Path(os.environ["NOREC_AXE_JS"])
    here = Path.cwd().resolve()
    for folder in (here, *here.parents, Path(__file__).resolve().parents[1]):
        if (folder / AXE_FILE).is_file():
            return folder / AXE_FILE
    raise FileNotFoundError(
        f"{AXE_FILE} not found: run `npm install axe-core`, or set NOREC_AXE_JS"
    )


def axe_violations(page) -> list[str]:
    """What axe-core finds against WCAG 2.1 A and AA on the page as it stands."""
    # Evaluated by the driver, which the Content-Security-Policy allows: a <script> tag
    # with axe inline would be refused like any other inline script.
    page.evaluate(axe_script().read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
    ]
