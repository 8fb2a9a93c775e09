"""In a real browser: an editor describes a report, attaches its PDF and publishes it;
a reader finds it by a word that is only inside the PDF. axe-core checks each page."""

from __future__ import annotations

import re

import pytest
from weasyprint import HTML

from norec_core.testing import axe_violations, log_in, log_out

WORD = "Kilimanjarowise"  # in the PDF only, nowhere in the description


def _checked(page, failures: dict) -> None:
    if violations := axe_violations(page):
        failures[page.url] = violations


@pytest.mark.norec_backends("sqlite")
def test_an_editor_publishes_a_report_and_a_reader_finds_it_by_a_word_in_its_pdf(page, tmp_path):
    failures: dict = {}
    pdf = tmp_path / "mentoring-report.pdf"
    pdf.write_bytes(
        HTML(string=f"<h1>Mentoring</h1><p>The {WORD} method of peer mentoring.</p>").write_pdf()
    )
    log_in(page, "editor@example.org", "demo-editor")
    page.goto("/research/")
    _checked(page, failures)
    page.get_by_role("link", name="New publication").click()
    _checked(page, failures)
    page.get_by_label(re.compile(r"^Type\b")).select_option(label="Report")
    page.get_by_role("combobox", name=re.compile(r"^Language\b")).select_option(label="English")
    page.get_by_label(re.compile(r"^Title\b")).first.fill("Peer mentoring between clinics")
    page.get_by_label("Summary in plain language").first.fill(
        "How nurses in two countries taught each other."
    )
    page.get_by_label("Authors").fill("ingvild.skeie@forumfor.example")
    page.get_by_role("checkbox", name="Health", exact=True).check()
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Peer mentoring between clinics"
    _checked(page, failures)
    page.get_by_role("link", name="Files and versions").click()
    page.get_by_label(re.compile("^File")).set_input_files(str(pdf))
    page.get_by_role("button", name="Upload").click()
    assert "The file is added." in page.get_by_role("status").first.inner_text()
    _checked(page, failures)
    page.get_by_role("link", name="The publication's page").click()
    page.get_by_role("button", name="Send to review").click()
    page.get_by_role("button", name="Publish").click()
    assert page.locator("strong", has_text="Published").first.is_visible()
    _checked(page, failures)
    log_out(page)

    page.goto("/research/publications")
    _checked(page, failures)
    page.get_by_label("Search the publications").fill(WORD.lower())
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_role("link", name="Peer mentoring between clinics").click()
    assert page.get_by_role("link", name="mentoring-report.pdf").is_visible()
    assert page.get_by_role("link", name="BibTeX").is_visible()
    _checked(page, failures)
    page.goto("/research/commissions")
    _checked(page, failures)
    page.get_by_role("link", name="Reciprocity in triangular partnerships").click()
    _checked(page, failures)
    assert failures == {}, failures
