"""Research about a partnership or an activity shows on its page (through the core's
section hook, no plugin imports another), and each publication's views and downloads
are counted per month, robots left out, for the editors' dashboard."""

from __future__ import annotations

from sqlalchemy import select

from norec_core.testing import pdf_file
from norec_research.models import Publication, PublicationText, Usage, Version

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def test_a_partnership_and_an_activity_show_the_research_about_them(
    client, make_user, make_partnership, make_activity, make_person, db_session
):
    partnership = make_partnership(title="Nurse exchange Bergen–Vellore")
    activity = make_activity(title="Midwifery seminar")
    editor = client(make_user("research-editor@example.org", roles=["editor"]).email)
    author = make_person(email="author@example.org")
    page = editor.get("/research/publications/new")
    form = next(f for f in page.forms.values() if f.id == "publication")
    form["type"], form["language"], form["title"] = "study", "en", "What the nurses brought home"
    form["authors"] = author.email
    form["partnership"] = [str(partnership.id)]
    form["activity"] = [str(activity.id)]
    form.submit("submit").follow()
    publication = db_session.scalars(select(Publication)).one()
    reader = client()
    own_page = f"/partnerships/{partnership.id}"
    assert "Research about this" not in reader.get(own_page)  # not published yet
    for step in ("submit", "publish"):
        page = editor.get(f"/research/publications/{publication.id}")
        form = next(f for f in page.forms.values() if "/workflow/" in (f.action or ""))
        form.submit("transition", value=step)
    for path in (own_page, f"/activities/{activity.id}"):
        page = reader.get(path)
        section = page.html.find(string="Research about this").find_parent("section")
        assert section.find("a", string="What the nurses brought home")


def test_views_and_downloads_are_counted_without_robots(client, make_user, db_session, mail):
    publication = Publication(
        type="report",
        state="published",
        texts=[PublicationText(language="en", title="Counted")],
        versions=[Version(number=1)],
    )
    db_session.add(publication)
    db_session.flush()
    editor = client(make_user("research-editor@example.org", roles=["editor"]).email)
    page = editor.get(f"/research/publications/{publication.id}/files")
    form = next(f for f in page.forms.values() if f.id == "file")
    form["upload"] = ("counted.pdf", pdf_file())
    form.submit("submit")
    reader = client()
    path = f"/research/publications/{publication.id}"
    for agent in (BROWSER, BROWSER, "Googlebot/2.1 (+http://www.google.com/bot.html)", ""):
        page = reader.get(path, headers={"User-Agent": agent})
    link = reader.get(path, headers={"User-Agent": BROWSER}).html.find("a", string="counted.pdf")
    assert (
        reader.get(link["href"], headers={"User-Agent": BROWSER}).follow().body.startswith(b"%PDF")
    )
    reader.get(link["href"], headers={"User-Agent": "python-requests/2.32"})
    row = db_session.scalars(select(Usage)).one()
    assert (row.views, row.downloads) == (3, 1)
    overview = editor.get("/research/")
    assert overview.html.find(string="Publications read per month")
    assert overview.html.find(string="Files downloaded per month")
    assert not editor.get("/").html.find(string="Publications read per month")
    assert not client().get("/research/").html.find(string="Publications read per month")


def _panel(page) -> dict[str, str]:
    """The landing page's side panel, as {term: what it says}."""
    aside = page.html.find("aside", attrs={"aria-labelledby": "record-heading"})
    return {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in aside.select("dl dt")
    }


def test_the_landing_page_shows_its_identifier_and_how_often_it_was_used(
    client, make_user, db_session, mail
):
    import datetime

    from norec_research import usage

    publication = Publication(
        type="report",
        state="published",
        published_on=datetime.date(2021, 9, 15),
        licence="CC-BY-4.0",
        texts=[PublicationText(language="en", title="Counted on its page")],
        versions=[Version(number=1), Version(number=2)],
    )
    db_session.add(publication)
    db_session.flush()
    # Two years ago, when the monthly counts began: in the total, not in the last 12 months.
    this_month = usage._month()
    db_session.add(
        Usage(
            publication_id=publication.id,
            month=this_month.replace(year=this_month.year - 2),
            views=1200,
            downloads=1300,
        )
    )
    editor = client(make_user("research-editor@example.org", roles=["editor"]).email)
    form = next(
        f
        for f in editor.get(f"/research/publications/{publication.id}/files").forms.values()
        if f.id == "file"
    )
    form["upload"] = ("counted.pdf", pdf_file())
    form.submit("submit")
    reader = client()
    path = f"/research/publications/{publication.id}"
    headers = {"User-Agent": BROWSER}
    link = reader.get(path, headers=headers).html.find("a", string="counted.pdf")["href"]
    reader.get(link, headers=headers)
    reader.get(path, headers={"User-Agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"})
    panel = _panel(reader.get(path, headers=headers))  # the reader's second view counts
    assert panel["Identifier"] == f"http://localhost{path}"
    assert panel["Views"] == "1,202 2 in the last 12 months"
    assert panel["Downloads"] == "1,301 1 in the last 12 months"
    assert (panel["Type"], panel["Publication date"]) == ("Report", "September 15, 2021")
    assert (panel["Licence"], panel["Version"]) == ("Creative Commons Attribution 4.0", "2")
    page = reader.get(path, headers=headers | {"Accept-Language": "nb"})
    panel = _panel(page)
    assert panel["Visninger"] == "1\xa0203 3 de siste 12 månedene"  # as Norwegian writes it
    assert panel["Nedlastinger"] == "1\xa0301 1 de siste 12 månedene"
    assert page.html.select_one("#cite-heading + ul a[type='application/x-bibtex']")
    publication.doi = "10.5072/norec.7"
    db_session.flush()
    page = reader.get(path, headers=headers)
    identifier = page.html.find("aside").find("a", href="https://doi.org/10.5072/norec.7")
    assert identifier.text == "https://doi.org/10.5072/norec.7"
