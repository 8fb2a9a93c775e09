"""In a real browser: an applicant builds an application over several sessions, with the
partner's contact person, and submits it; a caseworker screens it, an assessor scores it
and another caseworker decides it (four eyes). axe-core
checks every page on the way."""

from __future__ import annotations

import re

import pytest

from norec_core.testing import axe_violations, log_in, log_out

CONTACT, VELLORE = "contact@example.org", "vellore@example.org"
PASSWORD = "demo-contact"


def _checked(page, failures: dict) -> None:
    if violations := axe_violations(page):
        failures[page.url] = violations


@pytest.mark.norec_backends("sqlite")
def test_an_application_from_draft_to_decision(page):
    failures: dict = {}
    # First session: the Norwegian partner starts the application and plans a first line.
    log_in(page, CONTACT, PASSWORD)
    page.goto("/grants/")
    _checked(page, failures)
    page.get_by_role("region", name="Open calls").get_by_role("link").first.click()
    _checked(page, failures)
    page.get_by_role("link", name="Apply for a partnership").click()
    page.get_by_label("Partnership").select_option(label="Nurse exchange Bergen–Vellore")
    page.get_by_label("Title of the project").fill("Nurses learning intensive care together")
    page.get_by_role("button", name="Start the application").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Nurses learning intensive care together"
    )
    application = re.search(r"/applications/(\d+)", page.url).group(1)
    _checked(page, failures)
    page.get_by_role("link", name="Plan an exchange").click()
    page.get_by_label("Sending organisation").select_option(label="Haukeland University Hospital")
    page.get_by_label("Receiving organisation").select_option(
        label="Christian Medical College Vellore"
    )
    page.get_by_label("Participants").fill("2")
    page.get_by_label("Profession").fill("nurses")
    page.get_by_label("Months").fill("24")  # longer than the scheme funds
    page.get_by_role("button", name="Add to the plan").click()
    assert page.get_by_label("Profession").input_value() == "nurses"  # kept
    assert page.get_by_label("Months").get_attribute("aria-invalid") == "true"
    _checked(page, failures)
    page.get_by_label("Months").fill("6")
    page.get_by_role("button", name="Add to the plan").click()
    assert "sends participants but receives none" in page.content()
    log_out(page)

    # Second session: the Indian partner plans the way back and confirms.
    log_in(page, VELLORE, PASSWORD)
    page.goto("/grants/applications/mine")
    page.get_by_role("link", name="Nurses learning intensive care together", exact=True).click()
    page.get_by_role("link", name="Plan an exchange").click()
    page.get_by_label("Sending organisation").select_option(
        label="Christian Medical College Vellore"
    )
    page.get_by_label("Receiving organisation").select_option(label="Haukeland University Hospital")
    page.get_by_label("Participants").fill("2")
    page.get_by_label("Profession").fill("nurses")
    page.get_by_label("Months").fill("6")
    page.get_by_role("button", name="Add to the plan").click()
    page.get_by_role("button", name="Confirm for Christian Medical College Vellore").click()
    log_out(page)

    # Third session: the Norwegian partner confirms and submits.
    log_in(page, CONTACT, PASSWORD)
    page.goto(f"/grants/applications/{application}")
    page.get_by_role("button", name="Confirm for Haukeland University Hospital").click()
    missing = page.get_by_role("region", name="Before the application can be submitted")
    assert missing.count() == 0, missing.inner_text()
    page.get_by_role("button", name="Submit", exact=True).click()
    assert page.get_by_role("status").inner_text() == "Done: Submitted."
    _checked(page, failures)
    log_out(page)

    # The caseworker screens against the checklist and sends the case to an assessor.
    log_in(page, "caseworker@example.org", "demo-caseworker")
    page.goto(f"/grants/applications/{application}")
    page.get_by_role("button", name="Start screening").click()
    page.get_by_role("link", name="Go through the checklist").click()
    for box in page.get_by_label("Met", exact=True).all():
        box.check()
    _checked(page, failures)
    page.get_by_role("button", name="Save the checklist").click()
    page.get_by_label("E-mail of the assessor").fill("caseworker@example.org")
    page.get_by_role("button", name="Assign").click()
    assert "handles this case as its caseworker" in page.content()  # four eyes
    page.get_by_label("E-mail of the assessor").fill("assessor@example.org")
    page.get_by_role("button", name="Assign").click()
    page.get_by_role("button", name="Send to assessment").click()
    _checked(page, failures)
    log_out(page)

    # The assessor declares no conflict and is taken straight to the scores.
    log_in(page, "assessor@example.org", "demo-assessor")
    page.goto(f"/grants/applications/{application}")
    page.get_by_role("link", name="Declare conflicts of interest").click()
    _checked(page, failures)
    page.get_by_label("No, I can assess it").check()
    page.get_by_role("button", name="Save").click()
    assert "Declare first" not in page.content()
    for radio in page.locator("input[type=radio][value='4']").all():
        radio.check()
    _checked(page, failures)
    page.get_by_role("button", name="Save the scores").click()
    log_out(page)

    # The head of section, who did not handle the case, decides it.
    log_in(page, "head@example.org", "demo-head")
    page.goto(f"/grants/applications/{application}")
    assert "Weighted total" in page.content()
    page.get_by_role("link", name="Decide the application").click()
    page.get_by_label("Approved", exact=True).check()
    page.get_by_label("Reasons").fill(
        "A reciprocal plan with clear learning goals for both hospitals."
    )
    _checked(page, failures)
    page.get_by_role("button", name="Decide and send the letter").click()
    assert page.get_by_role("status").inner_text().startswith("The decision is recorded")
    page.get_by_role("link", name="The decision letter").click()
    assert "Your right to appeal" in page.content()
    _checked(page, failures)
    assert failures == {}
