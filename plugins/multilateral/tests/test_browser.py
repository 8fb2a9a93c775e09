"""In a real browser: a candidate saves an alert, applies for an open UN Volunteer post
and follows the application; a recruitment adviser takes an interviewed candidate onto
the shortlist and opens the shortlist for the organisation. A candidate who misses the
language rule is flagged at every step, and each step forward asks for the override and
its reason. axe-core checks each page."""

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
    page.get_by_role("row", name=re.compile("Screening and interviews")).get_by_role(
        "link"
    ).first.click()
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


JPO_OPEN = (
    "Nutrition Officer",
    "Digital Governance Analyst",
    "Supply Chain Officer",
    "Associate Protection Officer",
)
ENGLISH_FOR_ADVISERS = "English at working level (C1, advanced / C2, proficient / Mother tongue)"


def _override(page, step: str, reason: str) -> None:
    """Take the step by override: refused without a reason, taken with one."""
    page.get_by_role("button", name=step).click()
    assert "This step needs a comment that gives the reason." in page.locator("main").inner_text()
    page.get_by_role("link", name="Back").click()
    page.locator("textarea[name=comment]").fill(reason)
    page.get_by_role("button", name=step).click()
    assert "Done:" in page.get_by_role("status").first.inner_text()


@pytest.mark.norec_backends("sqlite")
def test_a_candidate_missing_the_language_rule_is_flagged_at_every_step(page):
    failures: dict = {}
    # The demonstration candidate's English is B2, where the posts ask for C1.
    log_in(page, "ingrid.solberg.0@example.no", "demo-candidate")
    page.goto("/multilateral/applications")
    applied = page.locator("main").inner_text()
    post = next(name for name in JPO_OPEN if name not in applied)
    page.goto("/multilateral/posts?programme=jpo")
    page.get_by_role("link", name=post).click()
    post_path = page.url.split("localhost", 1)[-1].split(":", 1)[-1]
    post_path = "/" + post_path.split("/", 1)[1]
    page.get_by_role("link", name="Apply for this post").click()
    rule = page.get_by_role("listitem").filter(has_text="English at working level")
    assert "not met" in rule.inner_text() and "your level: B2, upper intermediate" in (
        rule.inner_text()
    )
    _checked(page, failures)
    page.get_by_label("Why this post, and why you").fill("Six years of nutrition work.")
    page.get_by_role("button", name=re.compile("^(Apply|Send)")).click()
    assert "Your application is received." in page.get_by_role("status").first.inner_text()
    log_out(page)

    log_in(page, "recruitment@example.org", "demo-recruitment_adviser")
    page.goto(post_path + "/applications")
    row = page.get_by_role("row", name=re.compile("Ingrid Solberg"))
    assert ENGLISH_FOR_ADVISERS in row.inner_text()  # on the list, in the adviser's words
    row.get_by_role("link", name="Ingrid Solberg").click()
    main = page.locator("main")
    assert "does not meet every rule of the post" in main.inner_text()
    eligible = page.get_by_role("button", name="Eligible", exact=True)
    assert eligible.is_disabled()  # flagged at screening: only an override moves it on
    assert "the candidate's level: B2, upper intermediate" in main.inner_text()
    _checked(page, failures)
    _override(page, "Eligible, overriding the rules", "Fluent in field work; tested B2+.")
    page.get_by_role("button", name="Longlist").click()
    page.get_by_text("Record a score").click()
    page.get_by_label("Panellist").fill("Kari Nordmann, Norec")
    page.get_by_label("Score (1 to 5)").fill("4")
    page.get_by_role("button", name="Record the score").click()
    page.get_by_role("button", name="Interviewed").click()
    assert page.get_by_role("button", name="Shortlist", exact=True).is_disabled()
    _override(page, "Shortlist, overriding the rules", "The best interview of the post.")

    page.goto(post_path + "/shortlist")
    compared = page.get_by_role("table", name="The candidates side by side")
    row = compared.get_by_role("row", name=re.compile("Ingrid Solberg"))
    assert ENGLISH_FOR_ADVISERS in row.inner_text()  # on the shortlist
    assert "The best interview of the post." in row.inner_text()
    _checked(page, failures)
    page.goto(post_path + "/applications")
    page.get_by_role("link", name="Ingrid Solberg").click()
    nominate = page.get_by_role("button", name="Nominate to the organisation")
    assert nominate.is_disabled()
    _override(page, "Nominate, overriding the rules", "UNICEF accepts B2 English here.")
    history = page.locator("main").inner_text()
    assert "Nominated to the organisation" in history
    assert "«UNICEF accepts B2 English here.»" in history
    _checked(page, failures)
    assert failures == {}, failures
