"""Assessors are assigned, declare conflicts of interest (and see those the platform sees
itself), score each criterion, and the score sheet adds it up."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from norec_core import import_history, now
from norec_grants import assessment
from norec_grants.models import Participant
from norec_grants.workflow import APPLICATION_WORKFLOW


@pytest.fixture
def in_assessment(application, db_session):
    import_history(
        db_session,
        application,
        APPLICATION_WORKFLOW,
        [(s, application.created_at, "test", "") for s in ("submit", "screen", "assess")],
    )
    return application


def _assign(norec, application, email, status=302):
    form = norec.get(f"/grants/applications/{application.id}").forms["assign"]
    form["email"] = email
    return form.submit("submit", status=status)


def test_an_assessor_declares_then_scores(client, make_user, in_assessment, db_session):
    application = in_assessment
    norec = client(make_user("lead@norec.example.org", roles=["caseworker"]).email)
    reviewer = make_user("reviewer@uni.example.org")
    page = _assign(norec, application, "nobody@example.org", status=422)
    assert "No account has this e-mail address" in page.text
    _assign(norec, application, reviewer.email)
    db_session.refresh(application)
    assert [a.user for a in application.assignments] == [reviewer]

    outside = client(reviewer.email)
    page = outside.get(f"/grants/applications/{application.id}")  # assessors read it
    assert "Score the application" not in page.text
    # Scoring waits for the declaration.
    page = outside.get(f"/grants/applications/{application.id}/scores", status=302).follow()
    assert "Declare first whether you have a conflict of interest." in page.text
    form = page.forms["norec-form"]
    form["conflict"] = "false"
    form.submit("submit").follow()
    form = outside.get(f"/grants/applications/{application.id}/scores").forms["norec-form"]
    relevance, learning = application.call.scheme.criteria
    form[f"score_{relevance.id}"] = "4"
    page = form.submit("submit", status=422)  # every criterion is scored
    form = page.forms["norec-form"]
    assert form[f"score_{relevance.id}"].value == "4"
    form[f"score_{learning.id}"] = "2"
    form[f"comment_{learning.id}"] = "Little on learning at home."
    form.submit("submit", status=302)
    db_session.refresh(application)
    assert {(s.criterion_id, s.score) for s in application.scores} == {
        (relevance.id, 4),
        (learning.id, 2),
    }
    # Scoring again changes the scores, never adds a second set.
    form = outside.get(f"/grants/applications/{application.id}/scores").forms["norec-form"]
    form[f"score_{learning.id}"] = "3"
    form.submit("submit", status=302)
    db_session.refresh(application)
    assert sorted(s.score for s in application.scores) == [3, 4]

    # Another user, even a caseworker, cannot score in the reviewer's name.
    norec.get(f"/grants/applications/{application.id}/scores", status=403)


def test_the_score_sheet_is_one_table_a_row_per_criterion(
    client, make_user, in_assessment, db_session
):
    application = in_assessment
    relevance, learning = application.call.scheme.criteria
    relevance.description = "Does the plan answer a need at both hospitals?"
    reviewer = make_user("tabled@uni.example.org")
    assessment.assign(db_session, application, reviewer)
    (mine,) = application.assignments
    mine.conflict, mine.declared_at = False, now()
    db_session.flush()
    outside = client(reviewer.email)
    page = outside.get(f"/grants/applications/{application.id}/scores")
    form = page.html.find("form", id="norec-form")
    (table,) = form.find_all("table")
    assert [th.get_text(strip=True) for th in table.thead.find_all("th", scope="col")] == [
        "Criterion",
        "Weight",
        *"12345",
    ]
    rows = {}
    for tr in table.tbody.find_all("tr"):
        header = tr.find("th", scope="row")
        radios = tr.find_all("input", type="radio")
        assert len(radios) == 5 and len({r["name"] for r in radios}) == 1  # one group a row
        for n, radio in enumerate(radios, start=1):
            label = form.find("label", attrs={"for": radio["id"]})
            assert "visually-hidden" in label["class"]
            assert label.get_text(strip=True) == f"Score {n} for {header.span.get_text()}"
        rows[radios[0]["name"]] = (header, tr.find_all("td")[0].get_text(strip=True))
    assert set(rows) == {f"score_{relevance.id}", f"score_{learning.id}"}
    header, weight = rows[f"score_{relevance.id}"]
    assert weight == "3" and "need at both hospitals" in header.get_text()
    # The comments follow the table, in the order of its rows.
    comments = [t["name"] for t in table.find_all_next("textarea")]
    assert comments == [name.replace("score_", "comment_") for name in rows]

    # An error stands in the row of its criterion; the score given is kept.
    sheet = page.forms["norec-form"]
    sheet[f"score_{relevance.id}"] = "5"
    page = sheet.submit("submit", status=422)
    assert page.forms["norec-form"][f"score_{relevance.id}"].value == "5"
    unscored = page.html.find("input", attrs={"name": f"score_{learning.id}"}).find_parent("tr")
    assert "Required" in unscored.find("th", scope="row").get_text()
    assert all(r["aria-invalid"] == "true" for r in unscored.find_all("input"))
    (link,) = page.html.select("[data-error-summary] a")
    assert page.html.find(id=link["href"][1:]) is unscored.find("input")
    scored = page.html.find("input", attrs={"name": f"score_{relevance.id}"}).find_parent("tr")
    assert "Required" not in scored.get_text()


def test_the_score_sheet_totals_and_averages(in_assessment, make_user, db_session):
    application = in_assessment
    relevance, learning = application.call.scheme.criteria  # weights 3 and 1
    first, second = make_user(), make_user()
    for user, scores in ((first, (5, 4)), (second, (3, 2))):
        assessment.assign(db_session, application, user)
        assessment.save_scores(
            db_session,
            application,
            user,
            {relevance.id: (scores[0], ""), learning.id: (scores[1], "")},
        )
    third = make_user()
    assessment.assign(db_session, application, third)
    assessment.save_scores(db_session, application, third, {relevance.id: (1, "")})
    sheet = assessment.sheet(application)
    assert sheet.maximum == 20
    assert [row.average for row in sheet.rows] == [Decimal("3.00"), Decimal("3.00")]
    # A partial score sheet has no total and leaves the average total alone.
    assert sheet.totals == {first.id: Decimal(19), second.id: Decimal(11)}
    assert sheet.average_total == Decimal("15.00")


def test_conflicts_the_platform_sees(
    app_request, in_assessment, contacts, hospitals, make_user, make_person, db_session
):
    application = in_assessment
    kari = contacts[0]
    found = [
        app_request.localizer.translate(c)
        for c in assessment.seen_conflicts(app_request, application, kari)
    ]
    assert found == ["Contact person of Haukeland, an applicant."]
    employee = make_user(person=make_person(employer="vellore"))
    found = assessment.seen_conflicts(app_request, application, employee)
    assert [app_request.localizer.translate(c) for c in found] == [
        "Works for Vellore, an applicant."
    ]
    application.lead = employee.person
    assert len(assessment.seen_conflicts(app_request, application, employee)) == 2
    alumna = make_user(person=make_person())
    _partnership, bergen, vellore = hospitals
    db_session.add(
        Participant(
            application=application,
            person=alumna.person,
            sending=vellore,
            receiving=bergen,
            starts_on=datetime.date(2020, 1, 1),
            ends_on=datetime.date(2020, 6, 30),
        )
    )
    db_session.flush()
    found = assessment.seen_conflicts(app_request, application, alumna)
    assert [app_request.localizer.translate(c) for c in found] == [
        "Was on an exchange with Haukeland, an applicant.",
        "Was on an exchange with Vellore, an applicant.",
    ]
    assert assessment.seen_conflicts(app_request, application, make_user()) == []


def test_a_seen_conflict_must_be_explained_or_declared(client, in_assessment, contacts, db_session):
    application = in_assessment
    kari = contacts[0]
    assessment.assign(db_session, application, kari)
    client = client(kari.email)
    page = client.get(f"/grants/applications/{application.id}/conflicts")
    assert "Contact person of Haukeland, an applicant." in page.text
    form = page.forms["norec-form"]
    form["conflict"] = "false"
    page = form.submit("submit", status=422)
    assert "explain why it is none, or declare it" in page.text
    form = page.forms["norec-form"]
    form["conflict"] = "true"
    form["note"] = "I lead the ward that sends nurses."
    form.submit("submit", status=302)
    db_session.refresh(application)
    assert application.assignments[0].conflict is True
    # Who declared a conflict does not score.
    client.get(f"/grants/applications/{application.id}/scores", status=302)


def test_an_assessor_is_asked_to_assess(client, in_assessment, make_user, db_session):
    reviewer = make_user("asked@uni.example.org")
    assessment.assign(db_session, in_assessment, reviewer)
    client = client(reviewer.email)
    home = client.get("/")
    assert f"Assess {in_assessment.title}" in home.text
    assert home.html.find("a", href=f"/grants/applications/{in_assessment.id}/scores")


def test_assessors_do_not_see_each_others_scores(client, in_assessment, make_user, db_session):
    application = in_assessment
    relevance, learning = application.call.scheme.criteria
    first, second = make_user("first@uni.example.org"), make_user("second@uni.example.org")
    for user, score in ((first, 5), (second, 1)):
        assessment.assign(db_session, application, user)
        assessment.save_scores(
            db_session, application, user, {relevance.id: (score, ""), learning.id: (score, "")}
        )
    sheet = (
        client(first.email)
        .get(f"/grants/applications/{application.id}")
        .html.find("caption", string=lambda t: t and t.startswith("Score sheet"))
        .parent
    )
    headers = [th.text for th in sheet.find("thead").find_all("th")]
    assert "first@uni.example.org" in headers and "second@uni.example.org" not in headers


def test_one_assessor_never_changes_anothers_scores(client, in_assessment, make_user, db_session):
    """Two assessors of one application: each form saves its own sheet, whatever it posts."""
    application = in_assessment
    relevance, learning = application.call.scheme.criteria
    first, second = make_user("one@uni.example.org"), make_user("two@uni.example.org")
    for user in (first, second):
        assessment.assign(db_session, application, user)
    for assignment in application.assignments:
        assignment.conflict, assignment.declared_at = False, now()  # declared: none
    db_session.flush()
    for user, score in ((first, "5"), (second, "1")):
        form = client(user.email).get(f"/grants/applications/{application.id}/scores")
        form = form.forms["norec-form"]
        form[f"score_{relevance.id}"], form[f"score_{learning.id}"] = score, score
        form.submit("submit", status=302)
    db_session.expire_all()
    given = {(s.user_id, s.criterion_id): s.score for s in application.scores}
    assert given == {
        (first.id, relevance.id): 5,
        (first.id, learning.id): 5,
        (second.id, relevance.id): 1,
        (second.id, learning.id): 1,
    }
