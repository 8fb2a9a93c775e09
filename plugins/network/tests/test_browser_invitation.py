"""In a real browser: an invitee confirms the invitation, closes the tab before choosing a
password, and later finishes joining from the same link."""

from __future__ import annotations

import re

import pytest

from norec_core.testing import log_in, log_out


@pytest.mark.norec_backends("sqlite")
def test_an_invitation_left_after_confirm_is_finished_from_the_same_link(page, mail):
    log_in(page, "adviser@example.org", "demo-network_adviser")
    page.goto("/network/waves")
    page.get_by_label("Countries").select_option(label="Tanzania")
    page.get_by_label("At most this many invitations").fill("1")
    page.get_by_role("button", name="Preview who would be invited").click()
    page.get_by_role("button", name="Send the invitations").click()
    log_out(page)
    body = mail.messages[-1].get_body(("plain",)).get_content()
    link = re.search(r"http://localhost(/act/\S+)", body).group(1)

    tab = page.context.new_page()
    tab.goto(link)
    tab.get_by_role("button", name="Confirm").click()
    assert tab.get_by_role("heading", level=1).inner_text() == "Welcome to Norec Network"
    tab.close()  # and the browser with it: the session is gone
    page.context.clear_cookies()

    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome to Norec Network"
    page.get_by_label(re.compile(r"^New password\W*$")).fill("serengeti at noon 2003")
    page.get_by_label("New password again").fill("serengeti at noon 2003")
    page.get_by_role("button", name="Join").click()
    assert page.get_by_role("heading", level=1).inner_text() == "My network profile"
