"""In a real browser: Debian's Chromium driven by Playwright, pages checked by axe-core.

The server is the real application on waitress, over a real SQLite file with the demo data
(the `live_server`, `chromium` and `page` fixtures of norec_core.testing).
"""

from norec_core.domain.demo import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD
from norec_core.testing import axe_violations
from norec_core.testing import log_in as log_in_as


def log_in(page):
    log_in_as(page, DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD)


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
    # The focus is on the error summary, which links to each field in error.
    summary = page.get_by_role("alert")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "alert"
    summary.get_by_role("link", name="Country").click()
    assert page.evaluate("document.activeElement.id") == country.get_attribute("id")
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
    # The plugins' staff pages.
    "/grants/applications",
    "/grants/schemes/1/edit",
    "/grants/calls/new",
    "/grants/exchange-rates",
    "/grants/partners",
    "/grants/partners/1",
    "/grants/applications/5",
    "/grants/applications/5/money",
    "/grants/applications/5/participants",
    "/network/register",
    "/network/register/import",
    "/network/register/matches",
    "/network/register/matches/6",
    "/network/waves",
    "/network/waves/1",
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


def test_the_navigation_keeps_to_one_row_and_its_menus_work_with_the_keyboard(page):
    log_in(page)
    nav = page.get_by_role("navigation", name="Main")
    for language in ("Nynorsk", "Bokmål", "English"):
        # The switch goes round the server and back: measure the page it comes back to.
        with page.expect_navigation():
            page.get_by_role("link", name=language, exact=True).click()
        rows = page.evaluate(
            "new Set([...document.querySelectorAll('nav[aria-label] > ul > li')]"
            ".map(li => li.offsetTop)).size"
        )
        assert rows == 1, language
        assert page.evaluate("document.querySelector('nav[aria-label]').scrollWidth") <= 1280
    menu = nav.locator("details").first
    summary = menu.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert menu.evaluate("m => m.open")
    first = menu.get_by_role("link").first
    assert first.is_visible()
    assert axe_violations(page) == []
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert not menu.evaluate("m => m.open")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    # One open at a time.
    menus = nav.locator("details")
    if menus.count() > 1:
        menus.nth(0).locator("summary").click()
        menus.nth(1).locator("summary").click()
        assert not menus.nth(0).evaluate("m => m.open")
