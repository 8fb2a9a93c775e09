"""In a real browser: a candidate saves an alert, applies for an open UN Volunteer post
and follows the application; a recruitment adviser takes an interviewed candidate onto
the shortlist and opens the shortlist for the organisation. axe-core checks each page."""

from __future__ import annotations

import re

import pytest

from norec_core.testing import axe_violations, log_in, log_out


def _checked(page, failures: dict) -> None:
    if violations := axe_violations(page):
        failures[page.url] = violations


@pytest.mark.norec_backends("sqlite")
def test_a_candidate_applies_and_an_adviser_shortlists(page):
    failures: dict = {}
    for path in (
        "/multilateral/",
        "/multilateral/network",
        "/multilateral/network/join",
        "/multilateral/pages/programmes",
    ):
        page.goto(path)
        _checked(page, failures)

    log_in(page, "ingrid.solberg.0@example.no", "demo-candidate")
    page.goto("/multilateral/alerts")
    page.get_by_label("Programme").select_option(label="UN Volunteer (UNV)")
    page.get_by_label("Field of work").fill("gender")
    page.get_by_role("button", name="Save the alert").click()
    assert "The alert is saved" in page.get_by_role("status").first.inner_text()
    _checked(page, failures)
    page.goto("/multilateral/profile")
    _checked(page, failures)
    page.goto("/multilateral/posts?programme=unv")
    _checked(page, failures)
    page.goto("/multilateral/applications")
    applied = page.locator("main").inner_text()
    post = next(
        name
        for name in (
            "Gender Specialist",
            "Data Analyst",
            "Climate Finance Associate",
            "Youth Volunteer, Communications",
            "Monitoring and Evaluation Specialist",
        )
        if name not in applied
    )
    page.goto("/multilateral/posts?programme=unv")
    page.get_by_role("link", name=post).click()
    _checked(page, failures)
    page.get_by_role("link", name="Apply for this post").click()
    _checked(page, failures)
    page.get_by_label("Why this post, and why you").fill(
        "Five years of project work with partners in East Africa, and fluent French."
    )
    page.get_by_role("button", name=re.compile("^(Apply|Send)")).click()
    assert "Your application is received." in page.get_by_role("status").first.inner_text()
    _checked(page, failures)
    page.get_by_role("link", name=re.compile(post)).first.click()
    assert page.locator("strong", has_text="Received").is_visible()  # the status
    assert page.get_by_text("Internal notes").count() == 0
    _checked(page, failures)
    log_out(page)

    log_in(page, "recruitment@example.org", "demo-recruitment_adviser")
    page.goto("/multilateral/rounds")
    _checked(page, failures)
    page.get_by_role("link", name="JPO round 2027").click()
    _checked(page, failures)
    for row in page.locator("tbody tr").all():
        if "Screening and interviews" in row.inner_text():
            row.get_by_role("link").last.click()  # the post's applications
            break
    _checked(page, failures)
    interviewed = page.get_by_role("row", name=re.compile("Interviewed")).first
    name = interviewed.get_by_role("link").inner_text()
    interviewed.get_by_role("link").click()
    _checked(page, failures)
    page.get_by_role("button", name="Shortlist", exact=True).click()
    assert page.get_by_text("Shortlisted", exact=True).first.is_visible()
    page.locator("main dd a").first.click()  # the post
    _checked(page, failures)
    page.get_by_role("link", name="Shortlist", exact=True).click()
    assert page.get_by_role("heading", name=name).is_visible()
    assert page.get_by_role("link", name="the shortlist as PDF").is_visible()
    assert page.get_by_role("link", name="as an Excel workbook").is_visible()
    _checked(page, failures)
    page.goto("/multilateral/careers")
    _checked(page, failures)
    page.goto("/multilateral/network")
    _checked(page, failures)
    assert failures == {}, failures
