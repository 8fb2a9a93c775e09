"""An application's way through a round: every step and its guard, the candidate's
withdrawal, and the advisers' notes and panel scores, which no page shows a candidate."""

from __future__ import annotations

import datetime

import pytest
from sqlalchemy import select

from norec_core import Organisation, WorkflowError, now, transition
from norec_multilateral.models import (
    Candidacy,
    CandidacyNote,
    Candidate,
    MultilateralPost,
    PanelScore,
)


@pytest.fixture
def candidacy(db_session, make_person, make_user):
    undp = Organisation(name="UNDP", country="US", kind="international")
    post = MultilateralPost(
        programme="jpo",
        organisation=undp,
        title="Programme Analyst",
        duty_station="Nairobi",
        deadline=now() + datetime.timedelta(days=9),
        published=True,
    )
    person = make_person(given_name="Ingrid")
    make_user(person.email, person=person)
    found = Candidacy(
        post=post,
        candidate=Candidate(person=person),
        person_id=person.id,
        motivation="Climate work in Kenya.",
        eligible=True,
        checks=[],
    )
    db_session.add(found)
    db_session.flush()
    return found


@pytest.fixture
def adviser(client, make_user):
    return client(make_user("jpo2@example.org", roles=["recruitment_adviser"]).email)


def _step(browser, candidacy, name, comment="", status=302):
    page = browser.get(f"/multilateral/applications/{candidacy.id}")
    form = next(f for f in page.forms.values() if "/workflow/" in (f.action or ""))
    form["comment"] = comment
    return form.submit("transition", value=name, status=status)


def test_every_step_from_received_to_selected(adviser, candidacy, db_session):
    for name, state in (("screen_in", "eligible"), ("longlist", "longlisted")):
        _step(adviser, candidacy, name)
        db_session.refresh(candidacy)
        assert candidacy.state == state
    # An interview is recorded with the panel's scores first.
    page = adviser.get(f"/multilateral/applications/{candidacy.id}")
    assert "Record the panel&#39;s scores of the interview first." in page.text or (
        "Record the panel's scores of the interview first." in page.text
    )
    form = page.forms["score"]
    form["panellist"], form["score"], form["comment"] = "Kari (UNDP)", "4", "Strong on climate"
    form.submit().follow()
    for name, state in (
        ("interview", "interviewed"),
        ("shortlist", "shortlisted"),
        ("nominate", "nominated"),
        ("select", "selected"),
    ):
        _step(adviser, candidacy, name)
        db_session.refresh(candidacy)
        assert candidacy.state == state


def test_ineligible_and_not_selected_owe_a_reason(adviser, candidacy, db_session, app_request):
    page = _step(adviser, candidacy, "screen_out", status=422)
    assert candidacy.state == "submitted" and page.status_int == 422
    _step(adviser, candidacy, "screen_out", comment="No master's degree by the deadline")
    db_session.refresh(candidacy)
    assert candidacy.state == "ineligible"
    with pytest.raises(WorkflowError):
        transition(app_request, candidacy, "longlist")


def test_the_candidate_withdraws_and_never_sees_notes_or_scores(
    adviser, client, candidacy, db_session
):
    page = adviser.get(f"/multilateral/applications/{candidacy.id}")
    form = page.forms["note"]
    form["text"] = "Referee says: excellent, but wants Geneva"
    form.submit().follow()
    form = adviser.get(f"/multilateral/applications/{candidacy.id}").forms["score"]
    form["panellist"], form["score"] = "Ola", "2"
    form.submit()
    assert db_session.scalars(select(CandidacyNote)).one()
    assert db_session.scalars(select(PanelScore)).one()

    candidate = client(candidacy.candidate.person.email)
    pages = [
        candidate.get(f"/multilateral/applications/{candidacy.id}"),
        candidate.get("/multilateral/applications"),
        candidate.get(f"/multilateral/posts/{candidacy.post_id}"),
    ]
    for page in pages:
        assert "excellent, but wants Geneva" not in page.text
        assert "Ola" not in page.text and "panel" not in page.text.lower()
    candidate.get(f"/multilateral/posts/{candidacy.post_id}/applications", status=403)
    # No API route serves applications, notes or scores: the document names none.
    paths = candidate.get("/api/v1/openapi.json").json["paths"]
    assert [p for p in paths if "multilateral" in p] == []
    # Posting a note or a score is refused too: the forms are the advisers'.
    token = pages[0].forms[next(iter(pages[0].forms))]["csrf_token"].value
    candidate.post(
        f"/multilateral/applications/{candidacy.id}",
        {"csrf_token": token, "__formid__": "note", "text": "Hire me"},
    )
    assert db_session.scalars(select(CandidacyNote)).one().text.startswith("Referee")

    page = pages[0]
    form = next(f for f in page.forms.values() if "/workflow/" in (f.action or ""))
    form.submit("transition", value="withdraw")
    db_session.refresh(candidacy)
    assert candidacy.state == "withdrawn"


def test_another_person_cannot_open_the_application(client, make_user, candidacy):
    client(make_user("someone@example.org").email).get(
        f"/multilateral/applications/{candidacy.id}", status=403
    )
    client().get(f"/multilateral/applications/{candidacy.id}", status=302)  # log in first


def test_the_shortlist_as_page_pdf_and_workbook(adviser, client, candidacy, db_session):
    import io

    import openpyxl
    import pypdf

    from norec_core import import_history
    from norec_multilateral.models import Education
    from norec_multilateral.workflow import CANDIDACY_WORKFLOW

    candidacy.candidate.education = [
        Education(
            degree="master",
            field="Climate economics",
            institution="NMBU",
            started_on=datetime.date(2019, 8, 15),
            finished_on=datetime.date(2021, 6, 15),
        )
    ]
    db_session.add(PanelScore(candidacy_id=candidacy.id, panellist="Kari", score=4))
    steps = ("screen_in", "longlist", "interview", "shortlist")
    import_history(
        db_session, candidacy, CANDIDACY_WORKFLOW, [(s, now(), "Adviser", "") for s in steps]
    )
    db_session.flush()
    page = adviser.get(f"/multilateral/posts/{candidacy.post_id}/shortlist")
    assert "Ingrid" in page.text and "Climate economics" in page.text
    assert "panel average 4.0" in page.text

    pdf = adviser.get(page.html.find("a", string="the shortlist as PDF")["href"])
    assert pdf.content_type == "application/pdf"
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.body)).pages)
    assert "Programme Analyst" in text and "Climate economics" in text and "Ingrid" in text

    xlsx = adviser.get(page.html.find("a", string="as an Excel workbook")["href"])
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.body)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Given name", "Family name") and rows[1][0] == "Ingrid"
    assert "Climate economics" in rows[1][7] and rows[1][6] == 4.0

    candidate = client(candidacy.candidate.person.email)
    candidate.get(f"/multilateral/posts/{candidacy.post_id}/shortlist", status=403)


def test_a_stranger_learns_neither_state_nor_existence(client, make_user, candidacy):
    """The workflow view answers a stranger as if there were no such application: a 409
    "cannot be taken from the state …" would tell anyone the state of anyone's."""
    candidacy.state = "ineligible"
    anonymous, other = client(), client(make_user("other@example.org").email)
    for browser in (anonymous, other):
        for id_ in (candidacy.id, candidacy.id + 1000):
            page = browser.post(
                f"/workflow/multilateral_application/{id_}",
                {"transition": "withdraw", "csrf_token": browser.csrf_token()},
                status=404,
            )
            assert "Screened" not in page.text and "not eligible" not in page.text
    # Someone who may see the application is still told why the step cannot be taken.
    candidate = client(candidacy.candidate.person.email)
    page = candidate.post(
        f"/workflow/multilateral_application/{candidacy.id}",
        {"transition": "withdraw", "csrf_token": candidate.csrf_token()},
        status=409,
    )
    assert "cannot be taken from the state" in page.text
