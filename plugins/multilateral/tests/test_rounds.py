"""Recruitment rounds as the JPO process runs them: posts reserved in a round, published
together (with the alerts), the shortlist mailed to the organisation with its PDF and
workbook (which nominates), and the organisation's choice filling the post."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pypdf
from sqlalchemy import select

from norec_core import now
from norec_multilateral import rounds
from norec_multilateral.models import Alert, Placement, RecruitmentRound


def _form(page, formid):
    return next(f for f in page.forms.values() if f.id == formid)


def test_a_round_is_made_its_posts_reserved_and_published_at_once(
    recruiter, make_post, make_person, db_session, mail
):
    page = recruiter.get("/multilateral/rounds/new")
    form = _form(page, "norec-form")
    form["title"] = "JPO round 2027"
    form["programme"] = "jpo"
    form["deadline"] = ""
    page = form.submit("submit").follow()
    recruitment_round = db_session.scalars(select(RecruitmentRound)).one()
    assert "Planned: posts being reserved" in page
    deadline = now().replace(microsecond=0) + datetime.timedelta(days=30)
    recruitment_round.deadline = deadline
    posts = [make_post(published=False, round_id=recruitment_round.id) for _ in range(2)]
    watcher = make_person(email="watcher@example.org")
    db_session.add(Alert(person_id=watcher.id, programme="jpo", field="health"))
    db_session.flush()
    db_session.expire(recruitment_round)
    page = recruiter.get(f"/multilateral/rounds/{recruitment_round.id}")
    assert page.html.find(string="Reserved with the organisation")
    page = page.forms[next(k for k, f in page.forms.items() if "publish" in f.fields)].submit(
        "publish"
    )
    page = page.follow()
    assert "2 posts are published; 2 alerts went to candidates." in page
    db_session.expire_all()
    assert all(p.published and p.deadline == deadline for p in posts)
    assert rounds.round_stage(recruitment_round) == "open"
    assert [m["To"] for m in mail.messages] == ["watcher@example.org"] * 2


def test_the_shortlist_goes_to_the_organisation_and_its_choice_fills_the_post(
    recruiter, make_post, make_candidacy, db_session, mail
):
    post = make_post(deadline=now() - datetime.timedelta(days=5))
    chosen = make_candidacy(post, "shortlisted", given_name="Ingrid", family_name="Solberg")
    other = make_candidacy(post, "shortlisted", given_name="Magnus", family_name="Haugen")
    make_candidacy(post, "longlisted", given_name="Jonas", family_name="Lie")
    page = recruiter.get(f"/multilateral/posts/{post.id}/shortlist")
    form = _form(page, "send")
    assert "Norway's shortlist for the post Health Officer" in form["message"].value
    form["to"] = "not an address"
    page = form.submit("submit", status=422)
    assert page.html.find(class_="is-invalid") or "This is not an e-mail address." in page
    form = _form(page, "send")
    form["to"] = "jpo@unicef.example.org"
    page = form.submit("submit").follow()
    assert "The shortlist is sent; 2 candidates are nominated." in page
    db_session.expire_all()
    assert {chosen.state, other.state} == {"nominated"}
    assert post.shortlist_sent_on == rounds.today()
    assert rounds.post_stage(post) == "sent"
    message = mail.messages[-1]
    assert message["To"] == "jpo@unicef.example.org"
    assert message["Reply-To"] == "recruiter@example.org"
    files = {a.get_filename(): a.get_content() for a in message.iter_attachments()}
    pdf_name = next(n for n in files if n.endswith(".pdf"))
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(files[pdf_name])).pages)
    assert "Ingrid Solberg" in text and "Magnus Haugen" in text and "Jonas" not in text
    book = openpyxl.load_workbook(io.BytesIO(files[f"shortlist-{post.id}.xlsx"]))
    names = {row[1] for row in book.active.iter_rows(min_row=2, values_only=True)}
    assert names == {"Solberg", "Haugen"}
    # The organisation chose Ingrid: the post is filled, and her placement recorded.
    page = recruiter.get(f"/multilateral/applications/{chosen.id}")
    form = next(f for f in page.forms.values() if "/workflow/" in (f.action or ""))
    form.submit("transition", value="select")
    db_session.expire_all()
    assert post.outcome == "filled" and rounds.post_stage(post) == "filled"
    placement = db_session.scalars(select(Placement)).one()
    assert (placement.person_id, placement.organisation_id) == (
        chosen.person_id,
        post.organisation_id,
    )
    assert placement.started_on == rounds.today()


def test_an_outcome_without_a_selection_is_recorded_on_the_post(recruiter, make_post, db_session):
    post = make_post(deadline=now() - datetime.timedelta(days=5))
    page = recruiter.get(f"/multilateral/posts/{post.id}/outcome")
    page = _form(page, "outcome").submit("submit", status=422)  # no choice: the error
    assert page.html.find(class_="invalid-feedback") or "Required" in page
    form = _form(page, "outcome")
    form["outcome"] = "cancelled"
    form.submit("submit").follow()
    db_session.expire_all()
    assert rounds.post_stage(post) == "cancelled"


def test_the_advisers_front_page_asks_to_screen_once_a_post_has_closed(
    recruiter, make_post, make_candidacy
):
    task = "Screen the applications to posts that have closed"
    still_open = make_post(deadline=now() + datetime.timedelta(days=5))
    make_candidacy(still_open, "submitted", given_name="Kari", family_name="Nordmann")
    assert task not in recruiter.get("/").text  # applications may still come
    closed = make_post(deadline=now() - datetime.timedelta(days=2))
    make_candidacy(closed, "submitted", given_name="Ingrid", family_name="Solberg")
    make_candidacy(closed, "submitted", given_name="Magnus", family_name="Haugen")
    make_candidacy(closed, "eligible", given_name="Jonas", family_name="Lie")  # screened
    link = recruiter.get("/").html.find("a", string=task)
    assert link["href"] == f"/multilateral/posts/{closed.id}/applications"
    assert link.find_parent("li").find(class_="badge").text == "2"
