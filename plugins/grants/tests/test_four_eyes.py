"""Assessment as an agency runs it: the caseworker who handles a case neither assesses
nor decides it, nor does anyone with a conflict in it; a conflict is worded in the tense
of the exchange behind it; the declare-then-score flow says what follows; and a
partnership applies to a call once."""

from __future__ import annotations

import datetime

import pytest

from norec_core import now
from norec_grants import assessment
from norec_grants.models import Application, Participant


@pytest.fixture
def screened(client, make_ready, contacts, make_user, screen):
    """The application submitted by Kari and screened, then sent to assessment, by a
    caseworker through the web: that caseworker handles the case."""
    application = make_ready()
    client(contacts[0].email).take_step(application, "submit")
    handler = make_user("handler@norec.example.org", roles=["caseworker"])
    norec = client(handler.email)
    norec.take_step(application, "screen")
    screen(norec, application)
    norec.take_step(application, "assess")
    return application, handler, norec


def _assign(norec, application, email, status=302):
    form = norec.get(f"/grants/applications/{application.id}").forms["assign"]
    form["email"] = email
    return form.submit("submit", status=status)


def test_the_caseworker_handling_a_case_does_not_assess_it(screened, client, db_session):
    application, handler, norec = screened
    page = _assign(norec, application, handler.email, status=422)
    assert "handles this case as its caseworker" in page.text
    assert page.forms["assign"]["email"].value == handler.email  # input kept
    db_session.refresh(application)
    assert application.assignments == []
    # Assigned some other way (before they took the case), they still cannot score.
    assessment.assign(db_session, application, handler)
    norec.get(f"/grants/applications/{application.id}/scores", status=403)


def test_nobody_decides_a_case_they_handle_or_have_a_conflict_in(
    screened, client, make_user, make_person, db_session
):
    application, _handler, norec = screened
    page = norec.get(f"/grants/applications/{application.id}/decide", status=403)
    assert "another caseworker decides it" in page.text
    # A caseworker who works for an applicant has a conflict the platform sees.
    employee = make_user(
        "colleague@norec.example.org", roles=["caseworker"], person=make_person(employer="Vellore")
    )
    page = client(employee.email).get(f"/grants/applications/{application.id}/decide", status=403)
    assert "conflict of interest in this case (Works for Vellore" in page.text
    # One who declared a conflict as assessor does not decide either.
    declared = make_user("declared@norec.example.org", roles=["caseworker"])
    mine = assessment.assign(db_session, application, declared)
    mine.conflict, mine.conflict_note, mine.declared_at = True, "My sister applies.", now()
    db_session.flush()
    client(declared.email).get(f"/grants/applications/{application.id}/decide", status=403)
    # A second caseworker, with no tie to the case, decides.
    other = client(make_user("decider@norec.example.org", roles=["caseworker"]).email)
    form = other.get(f"/grants/applications/{application.id}/decide").forms["norec-form"]
    form["outcome"], form["reasons"] = "approved", "A clear plan with learning on both sides."
    form.submit("submit", status=302)
    db_session.refresh(application)
    assert application.state == "approved"


def test_a_conflict_is_worded_in_the_tense_of_its_exchange(
    app_request, application, hospitals, make_user, make_person, db_session
):
    _partnership, bergen, vellore = hospitals
    today = now().date()
    day = datetime.timedelta(days=1)
    people = {}
    for name, starts, ends in (
        ("coming", today + 300 * day, today + 480 * day),
        ("away", today - 30 * day, today + 150 * day),
        ("back", today - 400 * day, today - 200 * day),
    ):
        user = make_user(person=make_person())
        people[name] = user
        db_session.add(
            Participant(
                application=application,
                person=user.person,
                sending=bergen,
                receiving=vellore,
                starts_on=starts,
                ends_on=ends,
            )
        )
    db_session.flush()

    def wording(user):
        found = assessment.seen_conflicts(app_request, application, user)
        return [app_request.localizer.translate(c) for c in found]

    assert wording(people["coming"])[0] == "Will be on an exchange with Haukeland, an applicant."
    assert wording(people["away"])[0] == "Is on an exchange with Haukeland, an applicant."
    assert wording(people["back"])[0] == "Was on an exchange with Haukeland, an applicant."


def test_after_declaring_the_assessor_is_told_what_follows(
    screened, client, make_user, db_session, mail
):
    application, handler, norec = screened
    free, tied = make_user("free@uni.example.org"), make_user("tied@uni.example.org")
    for user in (free, tied):
        _assign(norec, application, user.email)
    # No conflict: straight on to the scores, and no "declare first" on the way.
    assessor = client(free.email)
    form = assessor.get(f"/grants/applications/{application.id}/conflicts").forms["norec-form"]
    form["conflict"] = "false"
    page = form.submit("submit", status=302).follow()
    assert "score the application now" in page.text
    assert "Declare first" not in page.text
    assert page.forms["norec-form"].action.endswith("/scores") or "score_" in page.text
    # A conflict: the assessor stands aside, is not asked to assess any more, is never
    # told to declare first, and the caseworker handling the case is told.
    assessor = client(tied.email)
    form = assessor.get(f"/grants/applications/{application.id}/conflicts").forms["norec-form"]
    form["conflict"], form["note"] = "true", "I supervised one of the nurses."
    page = form.submit("submit", status=302).follow()
    assert "you do not assess this application" in page.text
    page = assessor.get(f"/grants/applications/{application.id}/scores", status=302).follow()
    assert "you do not score it" in page.text and "Declare first" not in page.text
    assert f"Assess {application.title}" not in assessor.get("/").text
    [told] = [m for m in mail.messages if m["To"] == handler.email]
    assert told["Subject"] == f"An assessor stands aside: «{application.title}»"
    assert "I supervised one of the nurses." in told.get_body(("plain",)).get_content()


def test_one_application_per_call_and_partnership(
    client, open_call, hospitals, contacts, db_session
):
    partnership = hospitals[0]
    kari, priya = client(contacts[0].email), client(contacts[1].email)

    def start(who, title):
        form = who.get(f"/grants/calls/{open_call.id}/apply").forms["norec-form"]
        form["partnership_id"], form["title"] = str(partnership.id), title
        return form.submit("submit", status=302)

    start(kari, "Nurses learn together")
    first = db_session.query(Application).one()
    # Priya, of the other partner, tries again: she is taken to the first.
    page = start(priya, "Nurses, a second try")
    assert page.location.endswith(f"/grants/applications/{first.id}")
    assert "has applied to this call already" in page.follow().text
    assert db_session.query(Application).count() == 1


def test_screening_is_a_checklist_of_the_schemes_requirements(
    client, make_ready, contacts, make_user, db_session
):
    application = make_ready()
    client(contacts[0].email).take_step(application, "submit")
    norec = client(make_user("handler@norec.example.org", roles=["caseworker"]).email)
    norec.take_step(application, "screen")
    # Not to assessment before each requirement is ticked or explained.
    page = norec.take_step(application, "assess", status=409)
    assert "Go through the screening checklist first" in page.text
    url = f"/grants/applications/{application.id}/screening"
    form = norec.get(url).forms["norec-form"]
    assert "Every partner both sends and receives participants." in norec.get(url).text
    for field in form.fields["met"][1:]:
        field.checked = True  # all but the first, the countries
    page = form.submit("submit", status=422)
    assert "Not met: say why" in page.text
    form = page.forms["norec-form"]
    form.fields["note"][0].value = "Kenya was added to the scheme after the call; accepted."
    form.submit("submit", status=302)
    norec.take_step(application, "assess")
    db_session.refresh(application)
    assert application.state == "in_assessment"
    assert application.screening["countries"] == {
        "met": False,
        "note": "Kenya was added to the scheme after the call; accepted.",
    }
    page = norec.get(f"/grants/applications/{application.id}")
    assert "not met: Kenya was added" in page.text
