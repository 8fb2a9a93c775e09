"""The research plugin's front page, kind and demonstration data."""

import re

import pytest
from sqlalchemy import func, select

from norec_core import load_core_demo
from norec_research import hooks


def test_navigation_and_overview(testapp):
    assert testapp.get("/").html.find("nav").find("a", href="/research/").text == "Research"
    assert "Research and knowledge" in testapp.get("/research/").text


def test_kind_is_registered(app):
    assert app.registry["norec.activity_kinds"]["seminar"].title == "Research seminar"


# The whole demo is loaded on PostgreSQL too, in the core's test_demo.
@pytest.mark.norec_backends("sqlite")
def test_demo_publications_in_every_state(db_session, client, app_request):
    from norec_research.models import Publication
    from norec_research.workflow import STATE_TITLES

    load_core_demo(db_session)
    hooks.norec_demo_data(db_session, app_request)
    db_session.flush()
    states = dict(
        db_session.execute(
            select(Publication.state, func.count()).group_by(Publication.state)
        ).all()
    )
    assert set(states) == set(STATE_TITLES) and sum(states.values()) >= 120
    reader = client()
    page = reader.get("/research/")
    assert "Seminar: what exchanges give partner organisations" in page.text
    found = reader.get("/research/publications", {"q": "volunteering covid"})
    covid = found.click("Covid-19 and the future of volunteering for development")
    assert "Corrected survey figures in chapter 3" in covid  # version 2
    assert "Covid-19 og framtida for frivillig arbeid for utvikling" in covid  # nynorsk
    video = reader.get("/research/publications", {"q": "two minutes"}).click(
        "Triangular partnerships in two minutes"
    )
    assert video.html.find("a", href="https://video.example.org/gpi-triangular")
    from norec_core import Partnership
    from norec_research.models import Usage

    nurses = db_session.scalar(
        select(Partnership.id).where(Partnership.title == "Nurse exchange Bergen–Vellore")
    )
    page = reader.get(f"/partnerships/{nurses}")
    assert page.html.find(string="Research about this")
    assert db_session.scalar(select(func.sum(Usage.views))) > 1000
    catalogue = reader.get("/research/publications")
    for hit in catalogue.html.select("ol li"):  # each year once, after its title
        assert not re.search(r"\(\d{4}\)\s*\(\d{4}\)", hit.get_text(" ")), hit
    calls = reader.get("/research/commissions")
    assert "South–South personnel exchange: what think tanks in the South see" in calls
    _demo_reports_are_downloadable_and_searchable(db_session, reader, app_request)
    assert "Reciprocity in triangular partnerships" in calls


def _demo_reports_are_downloadable_and_searchable(db_session, reader, app_request):
    """Most demo publications come with their report as a PDF (demo_files): a visitor
    downloads it and finds it by a word that is only inside the PDFs."""
    import io

    from pypdf import PdfReader

    from norec_core import file_data, files_of
    from norec_research.models import Publication

    published = db_session.scalars(
        select(Publication).where(Publication.state == "published").order_by(Publication.id)
    ).all()
    with_file = [p for p in published if files_of(app_request, p)]
    assert with_file == [p for p in published if p.type != "video"]  # a video is its link
    page = reader.get(f"/research/publications/{with_file[0].id}")
    link = page.html.find("a", href=re.compile(r"/download/"))["href"]
    pdf = reader.get(link).maybe_follow()
    assert pdf.content_type == "application/pdf" and pdf.body.startswith(b"%PDF")
    # "mangrove" is in a twelfth of the reports' texts and in no title or summary.
    found = reader.get("/research/publications", {"q": "mangrove"})
    hits = found.html.select("ol li")
    assert 3 <= len(hits) < len(published) / 4
    # The reports written for the demo are laid out by the core's PDF service, with their
    # text in each of their languages.
    covid = files_of(app_request, published[0])[0]
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(file_data(app_request, covid))).pages
    )
    assert "Covid-19 og framtida for frivillig arbeid for utvikling" in " ".join(text.split())
    embargoed = [p for p in published if p.embargo_until is not None and files_of(app_request, p)]
    assert embargoed
    reader.get(f"/files/{files_of(app_request, embargoed[0])[0].id}/x.pdf", status=404)
    draft = db_session.scalars(
        select(Publication).where(Publication.state == "draft").order_by(Publication.id)
    ).first()
    draft_files = files_of(app_request, draft)
    if draft_files:
        reader.get(f"/files/{draft_files[0].id}/x.pdf", status=404)
