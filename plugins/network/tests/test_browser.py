"""In a real browser: an adviser invites Tanzania; an alumnus accepts the invitation,
chooses a password, fills the profile, finds a mentor in the resource bank and asks for
mentoring. axe-core checks every page on the way."""

from __future__ import annotations

import re

import pytest

from norec_core.testing import axe_violations, log_in, log_out


def _checked(page, failures: dict) -> None:
    if violations := axe_violations(page):
        failures[page.url] = violations


@pytest.mark.norec_backends("sqlite")
def test_an_alumnus_joins_fills_the_profile_and_finds_a_mentor(page, mail):
    failures: dict = {}
    log_in(page, "adviser@example.org", "demo-network_adviser")
    page.goto("/network/waves")
    _checked(page, failures)
    page.get_by_label("Countries").select_option(label="Tanzania")
    page.get_by_label("At most this many invitations").fill("1")
    page.get_by_role("button", name="Preview who would be invited").click()
    assert "1 people would be invited." in page.get_by_role("status").first.inner_text()
    page.get_by_role("button", name="Send the invitations").click()
    _checked(page, failures)
    page.goto("/network/directory")
    _checked(page, failures)
    page.goto("/network/statistics")
    _checked(page, failures)
    log_out(page)

    invitation = mail.messages[-1]
    body = invitation.get_body(("plain",)).get_content()
    page.goto(re.search(r"http://localhost(/act/\S+)", body).group(1))
    _checked(page, failures)
    page.get_by_role("button", name="Confirm").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome to Norec Network"
    _checked(page, failures)
    page.get_by_label(re.compile(r"^New password\W*$")).fill("kilimanjaro at dawn 1998")
    page.get_by_label("New password again").fill("kilimanjaro at dawn 1998")
    page.get_by_label("List me in the network's directory").check()
    page.get_by_role("button", name="Join").click()

    assert page.get_by_role("heading", level=1).inner_text() == "My network profile"
    assert page.evaluate("document.activeElement === document.body")  # no field focused
    _checked(page, failures)
    page.get_by_label("City", exact=True).fill("Arusha")
    page.get_by_label("Expertise", exact=True).fill("midwifery, maternal health")
    page.get_by_label("Who sees my name").select_option(label="Members of the network")
    page.get_by_label("Who sees my expertise").select_option(label="Members of the network")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("heading", level=1).is_visible()
    assert "Arusha" in page.content()
    _checked(page, failures)

    page.goto("/network/directory")
    page.get_by_label("Search for").fill("Wanjiru")
    page.get_by_role("button", name="Search", exact=True).click()
    _checked(page, failures)
    page.get_by_role("link", name="Wanjiru Kamau").click()
    assert page.evaluate("document.activeElement === document.body")  # nor the ask form's
    _checked(page, failures)
    page.get_by_label("What would you like help with?").fill(
        "I am starting a midwifery course in Arusha and would value your advice."
    )
    page.get_by_role("button", name="Ask for mentoring").click()
    assert "Your request is sent." in page.get_by_role("status").first.inner_text()
    row = page.get_by_role("row", name=re.compile("Wanjiru Kamau"))
    assert "waiting for an answer" in row.inner_text()
    _checked(page, failures)
    assert mail.messages[-1]["To"] == "wanjiru.kamau@example.org"
    assert failures == {}, failures
