"""In a real browser: Debian's Chromium driven by Playwright, pages checked by axe-core.

The server is the real application on waitress, over a real SQLite file with the demo data.
"""

import os
import shutil
import threading
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from norec_core import migrate
from norec_core.app import main
from norec_core.db import make_engine
from norec_core.domain.demo import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD
from norec_core.testing import make_settings

AXE = Path(__file__).parents[1] / "node_modules" / "axe-core" / "axe.min.js"
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


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    from waitress.server import create_server

    database = tmp_path_factory.mktemp("browser") / "norec.sqlite"
    settings = make_settings(
        f"sqlite:///{database}", **{"norec.plugins": "grants network multilateral research"}
    )
    migrate.upgrade(settings)
    app = main({}, **settings)
    engine = make_engine(settings["sqlalchemy.url"])
    with Session(engine) as session, session.begin():
        app.registry["norec.pm"].hook.norec_demo_data(dbsession=session)
    engine.dispose()
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium is not installed: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="en-GB")
    page = context.new_page()
    # Everything a page loads or runs keeps to its Content-Security-Policy.
    refused = []
    page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    yield page
    context.close()
    assert refused == []


def log_in(page):
    page.goto("/login")
    page.get_by_label("E-mail").fill(DEMO_ADMIN_EMAIL)
    page.get_by_label("Password").fill(DEMO_ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")


def axe_violations(page) -> list[str]:
    # Evaluated by the driver, which the Content-Security-Policy allows: a <script> tag
    # with axe inline would be refused like any other inline script.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
    ]


def test_log_in_create_a_person_and_find_it_listed(page):
    log_in(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    page.get_by_role("link", name="New person").click()
    page.get_by_label("Given name").fill("Aisha")
    page.get_by_label("Family name").fill("Mwangi")
    page.get_by_label("E-mail", exact=True).fill("aisha.mwangi@example.org")
    page.get_by_label("Country", exact=True).select_option("KE")
    page.get_by_label("Languages", exact=True).select_option(["sw", "en"])
    page.get_by_role("button", name="Create").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Aisha Mwangi"
    assert page.get_by_role("status").inner_text() == "Created."
    page.goto("/people?q=mwangi")
    assert page.get_by_role("link", name="Mwangi, Aisha").is_visible()


def test_invalid_input_in_the_browser_keeps_what_was_typed(page):
    log_in(page)
    page.goto("/organisations/new")
    page.get_by_label("Name").fill("Half-filled organisation")
    page.get_by_role("button", name="Create").click()
    assert page.get_by_label("Name").input_value() == "Half-filled organisation"
    country = page.get_by_label("Country")
    assert country.get_attribute("aria-invalid") == "true"
    assert page.get_by_role("alert").is_visible()
    assert axe_violations(page) == []


def test_keyboard_reaches_the_skip_link_first(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switch_in_the_browser(page):
    page.goto("/activities")
    page.get_by_role("link", name="Nynorsk").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Aktivitetar"
    assert page.evaluate("document.documentElement.lang") == "nn"
    assert axe_violations(page) == []


PUBLIC_PAGES = [
    "/",
    "/organisations",
    "/organisations/1",
    "/partnerships",
    "/partnerships/1",
    "/activities",
    "/activities?when=past",
    "/activities/1",
    "/search?q=hospital",
    "/login",
    "/register",
    "/password/forgot",
    "/no-such-page",
    "/grants/",
    "/network/",
    "/multilateral/",
    "/research/",
]
ADMIN_PAGES = [
    "/",  # the staff's dashboard, with its chart
    "/people",
    "/people/1",
    "/people/new",
    "/people/1/edit",
    "/organisations/new",
    "/organisations/1/edit",
    "/partnerships/new",
    "/partnerships/1/edit",
    "/activities/new",
    "/activities/1/edit",
    "/activities/1",
    "/partnerships/2",  # proposed: the workflow's buttons and comment field
    "/people/1/erase",
    "/people/1/documents",
    "/account",
    "/account/email",
    "/account/password",
    "/account/tokens",
    "/admin",
    "/admin/users",
    "/admin/users/1",
    "/admin/users/new",
    "/admin/audit",
    "/admin/outbox",
    "/admin/mailing",
    "/admin/jobs",
]


def test_public_pages_pass_axe(page):
    failures = {}
    for path in PUBLIC_PAGES:
        page.goto(path)
        if violations := axe_violations(page):
            failures[path] = violations
    assert failures == {}


def test_administration_pages_pass_axe_in_nynorsk(page):
    log_in(page)
    page.get_by_role("link", name="Nynorsk").click()
    failures = {}
    for path in ADMIN_PAGES:
        page.goto(path)
        if violations := axe_violations(page):
            failures[path] = violations
    page.goto("/partnerships/new")
    page.get_by_role("button", name="Opprett").click()
    if violations := axe_violations(page):
        failures["/partnerships/new (errors)"] = violations
    assert failures == {}


def test_a_mass_mailing_shows_its_progress_and_passes_axe(page):
    log_in(page)
    page.goto("/admin/mailing")
    page.get_by_label("Subject").fill("Norec Network gathering in Nairobi")
    page.get_by_label("Message").fill("Welcome to the gathering.")
    page.get_by_role("button", name="Send").click()
    # The page's script asks for the status until the job is finished.
    page.get_by_role("status").get_by_text("Finished").wait_for()
    assert page.locator("progress").get_attribute("value") == "100"
    assert axe_violations(page) == []


def test_a_workflow_step_with_the_keyboard(page):
    log_in(page)
    page.goto("/partnerships/2")
    page.get_by_label("Comment").fill("Both hospitals have signed.")
    approve = page.get_by_role("button", name="Approve")
    approve.focus()
    page.keyboard.press("Enter")
    page.get_by_text("Done: Approved.").wait_for()
    assert "Both hospitals have signed." in page.content()
