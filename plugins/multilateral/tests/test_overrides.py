"""Eligibility carried to the end (issue 25): every rule a candidate misses is shown in
the adviser's words and the reader's language at screening, on the applications and the
shortlist, in the shortlist's PDF and workbook; each step forward past a missed rule is an
override with its reason, kept in the history; the candidate keeps birth date and
citizenship in the profile, and their open applications are checked again. The mailed
shortlist carries each candidate's P11 profile and CV."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pypdf
import pytest
from sqlalchemy import select

from norec_core import import_history, workflow_history
from norec_core.testing import USER_PASSWORD, pdf_file
from norec_multilateral.models import Candidacy, Candidate, LanguageSkill, PanelScore, Work
from norec_multilateral.workflow import CANDIDACY_WORKFLOW

PDF = pdf_file()
AGE_RULE = "The candidate will be 36 at the closing date; the limit is 32."


@pytest.fixture
def failing(make_post, make_person, make_user, client, db_session):
    """An application, sent through the apply page, that misses the English rule (B2
    where C1 is asked) and the age limit: 36 at the closing date, where 32 is the most."""
    deadline = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=20)
    post = make_post(
        title="Health Officer",
        citizenship=["NO"],
        max_age=32,
        languages=["en"],
        deadline=deadline,
    )
    born = deadline.date().replace(year=deadline.year - 36) - datetime.timedelta(days=1)
    person = make_person(given_name="Sigrid", birth_date=born, citizenship="NO")
    make_user(person.email, person=person)
    db_session.add(Candidate(person=person, languages=[LanguageSkill(code="en", level="B2")]))
    db_session.flush()
    form = client(person.email, USER_PASSWORD).get(f"/multilateral/posts/{post.id}/apply")
    form = form.forms["apply"]
    form["motivation"] = "Ten years of child health work in East Africa."
    form.submit(status=302)
    return db_session.scalars(select(Candidacy).where(Candidacy.post_id == post.id)).one()


def _workflow_form(page):
    return next(f for f in page.forms.values() if "/workflow/" in (f.action or ""))


def _take(browser, candidacy, name, comment="", status=302):
    form = _workflow_form(browser.get(f"/multilateral/applications/{candidacy.id}"))
    form["comment"] = comment
    return form.submit("transition", value=name, status=status)


def test_the_rules_missed_are_worded_for_the_adviser_and_for_the_candidate(
    failing, recruiter, client
):
    assert not failing.eligible
    page = recruiter.get(f"/multilateral/applications/{failing.id}")
    assert AGE_RULE in page.text
    assert "the candidate&#39;s level: B2, upper intermediate" in page.text or (
        "the candidate's level: B2, upper intermediate" in page.text
    )
    assert "en at working level" not in page.text  # a name, never a code
    candidate = client(failing.candidate.person.email, USER_PASSWORD)
    own = candidate.get(f"/multilateral/applications/{failing.id}")
    assert "The age limit at the closing date is 32; you will be 36." in own.text
    assert "The candidate will be" not in own.text
    # In Norwegian, with the names CLDR gives.
    nynorsk = recruiter.get(
        f"/multilateral/applications/{failing.id}", headers={"Accept-Language": "nn"}
    )
    assert "Engelsk" in nynorsk.text and "English" not in nynorsk.text.split("<main")[1]


def test_each_step_forward_past_a_missed_rule_is_an_override_with_a_reason(
    failing, recruiter, db_session, mail, app_request
):
    page = recruiter.get(f"/multilateral/applications/{failing.id}")
    eligible = page.html.find("button", value="screen_in")
    assert eligible.has_attr("disabled")  # flagged at screening
    assert AGE_RULE in page.html.find(id=eligible["aria-describedby"]).text
    _take(recruiter, failing, "screen_in", status=409)
    _take(recruiter, failing, "screen_in_override", status=422)  # the reason is owed
    _take(recruiter, failing, "screen_in_override", "The agency waives the age limit.")
    db_session.refresh(failing)
    assert failing.state == "eligible"
    listed = recruiter.get(f"/multilateral/posts/{failing.post_id}/applications")
    assert AGE_RULE in listed.text and "by override" in listed.text  # on the longlist too
    _take(recruiter, failing, "longlist")
    db_session.add(PanelScore(candidacy_id=failing.id, panellist="Kari", score=4))
    db_session.flush()
    _take(recruiter, failing, "interview")
    _take(recruiter, failing, "shortlist", status=409)
    _take(recruiter, failing, "shortlist_override", "Strongest interview of the round.")
    _take(recruiter, failing, "nominate", status=409)
    _take(recruiter, failing, "nominate_override", status=422)
    _take(recruiter, failing, "nominate_override", "UNICEF accepts B2 English here.")
    db_session.refresh(failing)
    assert failing.state == "nominated"
    kept = [(h.transition, h.comment) for h in workflow_history(app_request, failing)]
    assert ("nominate_override", "UNICEF accepts B2 English here.") in kept
    assert ("screen_in_override", "The agency waives the age limit.") in kept
    # The candidate is told of each step, as of the step itself.
    told = [m["Subject"] for m in mail.messages]
    assert told.count("Your application for Health Officer") == 4  # not the interview


def test_the_candidate_corrects_birth_date_and_citizenship_and_is_checked_again(
    failing, client, db_session
):
    candidate = client(failing.candidate.person.email, USER_PASSWORD)
    page = candidate.get("/multilateral/profile")
    form = page.forms["personal"]
    form["birth_date"] = "1860-01-01"
    page = form.submit(status=422)  # the error at its field, the input kept
    assert "Give the day you were born." in page.text
    form = page.forms["personal"]
    form["birth_date"] = (datetime.date.today() - datetime.timedelta(days=365 * 28)).isoformat()
    form["citizenship"] = "SE"
    page = form.submit().follow()
    assert "Your open applications are checked again" in page.text
    db_session.refresh(failing)
    rules = {c["rule"]: c["ok"] for c in failing.checks}
    assert rules == {"citizenship": False, "age": True, "language:en": False}
    page = candidate.get(f"/multilateral/applications/{failing.id}")
    assert "Citizenship of Norway is asked; yours on record is Sweden." in page.text


def test_the_shortlist_compares_flags_and_carries_each_profile_and_cv(
    failing, make_candidacy, recruiter, client, db_session, mail
):
    steps = [
        (s, failing.submitted_at, "Adviser", "By override.")
        for s in ("screen_in_override", "longlist", "interview", "shortlist_override")
    ]
    import_history(db_session, failing, CANDIDACY_WORKFLOW, steps)
    db_session.add(PanelScore(candidacy_id=failing.id, panellist="Kari", score=4))
    db_session.flush()
    owner = client(failing.candidate.person.email, USER_PASSWORD)
    form = owner.get("/multilateral/profile").forms["cv"]
    form["upload"] = ("cv.pdf", PDF)
    form.submit()

    page = recruiter.get(f"/multilateral/posts/{failing.post_id}/shortlist")
    table = page.html.find("table", id="comparison")
    row = table.find("tbody").find("tr").get_text(" ", strip=True)
    assert "Sigrid" in row and "1 of 3" in row and AGE_RULE in row
    cells = [c.get_text(" ", strip=True) for c in table.find("tbody").find_all("td")]
    assert cells[1:] == ["4", "English: B2, upper intermediate", "0"]
    assert "By override." in row
    p11_link = table.find("a", string="P11 profile (PDF)")["href"]
    p11_page = recruiter.get(p11_link)
    assert p11_page.content_type == "application/pdf"
    assert owner.get(p11_link).content_type == "text/html"  # their page, not the PDF

    pdf = recruiter.get(page.html.find("a", string="the shortlist as PDF")["href"])
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.body)).pages)
    assert "Rules of the post not met" in text and "limit is 32" in text
    xlsx = recruiter.get(page.html.find("a", string="as an Excel workbook")["href"])
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.body)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert AGE_RULE in rows[1][rows[0].index("Rules not met")]

    form = page.forms["send"]
    form["to"] = "jpo@unicef.example.org"
    page = form.submit(status=422)  # nominating Sigrid owes the reason
    assert "Not every rule is met by: Sigrid" in page.text
    form = page.forms["send"]
    form["override"] = "UNICEF accepts B2 English for this post."
    form.submit().follow()
    db_session.refresh(failing)
    assert failing.state == "nominated"
    [message] = [m for m in mail.messages if m["To"] == "jpo@unicef.example.org"]
    files = {p.get_filename(): p for p in message.iter_attachments()}
    slug = failing.candidate.person.full_name.casefold().replace(" ", "-")
    assert {f"p11-{slug}.pdf", f"cv-{slug}.pdf"} <= set(files)
    p11 = pypdf.PdfReader(io.BytesIO(files[f"p11-{slug}.pdf"].get_content()))
    p11_text = "".join(p.extract_text() for p in p11.pages)
    assert "Personal history" in p11_text and "B2, upper intermediate" in p11_text
    assert files[f"cv-{slug}.pdf"].get_content() == PDF
    assert db_session.scalar(select(Candidacy.state).where(Candidacy.id == failing.id)) == (
        "nominated"
    )


def test_markup_in_a_candidates_profile_is_text_in_the_shortlist_pdf(
    failing, recruiter, db_session
):
    # Work as the candidate describes it on their profile.
    payload = '<img src="file:///etc/hostname"><b>bold</b>'
    failing.candidate.work.append(
        Work(employer=f"Clinic {payload}", title="Nurse", started_on=datetime.date(2015, 1, 1))
    )
    steps = [
        (s, failing.submitted_at, "Adviser", "By override.")
        for s in ("screen_in_override", "longlist", "interview", "shortlist_override")
    ]
    import_history(db_session, failing, CANDIDACY_WORKFLOW, steps)
    db_session.flush()
    page = recruiter.get(f"/multilateral/posts/{failing.post_id}/shortlist")
    pdf = recruiter.get(page.html.find("a", string="the shortlist as PDF")["href"])
    reader = pypdf.PdfReader(io.BytesIO(pdf.body))
    text = "".join("".join(p.extract_text() for p in reader.pages).split())
    assert '<imgsrc="file:///etc/hostname"><b>bold</b>' in text
    assert not any(p.images for p in reader.pages)
