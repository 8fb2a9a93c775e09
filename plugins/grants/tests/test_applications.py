"""An application built by its applicants through the pages: started from a call, planned,
budgeted, confirmed by every partner and submitted, with every refusal explained."""

from __future__ import annotations

import datetime
from decimal import Decimal

from norec_core import now
from norec_core.testing import pdf_file
from norec_grants.models import Application


def _step(client, application, transition, comment="", status=302):
    page = client.get(f"/grants/applications/{application.id}")
    return client.post(
        f"/workflow/grants_application/{application.id}",
        {
            "csrf_token": page.html.find("input", {"name": "csrf_token"})["value"],
            "transition": transition,
            "comment": comment,
            "came_from": f"/grants/applications/{application.id}",
        },
        status=status,
    )


def test_a_contact_person_starts_an_application_from_the_call(
    client, open_call, hospitals, contacts, db_session
):
    partnership = hospitals[0]
    kari = client(contacts[0].email)
    call_page = kari.get(f"/grants/calls/{open_call.id}")
    assert "Open for applications until" in call_page.text
    form = call_page.click(href=f"/grants/calls/{open_call.id}/apply").forms["norec-form"]
    form["partnership_id"] = str(partnership.id)
    form["lead_email"] = "nobody@example.org"  # an error keeps what was typed
    page = form.submit("submit", status=422)
    assert "Nobody with this e-mail address is registered" in page.text
    form = page.forms["norec-form"]
    form["title"] = "Nurses learn together"
    form["lead_email"] = ""
    page = form.submit("submit", status=302).follow()
    assert "The application is saved as a draft" in page.text
    application = db_session.query(Application).one()
    assert (application.state, application.created_by) == ("draft", contacts[0])
    assert application.partnership == partnership
    assert "Plan at least one exchange." in page.text


def test_only_contact_persons_apply_and_never_after_the_deadline(
    client, make_user, open_call, closed_call, contacts
):
    stranger = client(make_user("stranger@example.org").email)
    page = stranger.get(f"/grants/calls/{open_call.id}/apply", status=403)
    assert "Ask Norec to make you contact person" in page.text
    kari = client(contacts[0].email)
    page = kari.get(f"/grants/calls/{closed_call.id}/apply", status=409)
    assert "No application is accepted after the deadline" in page.text
    assert "Closed" in kari.get(f"/grants/calls/{closed_call.id}").text


def test_the_plan_and_budget_are_built_line_by_line(
    client, application, hospitals, contacts, inr, db_session
):
    _partnership, bergen, vellore = hospitals
    kari = client(contacts[0].email)
    base = f"/grants/applications/{application.id}"
    form = kari.get(f"{base}/exchanges/new").forms["norec-form"]
    form["sending_id"] = form["receiving_id"] = str(bergen.id)
    form["months"] = "24"
    form["participants"] = "2"
    form["profession"] = "nurses"
    page = form.submit("submit", status=422)
    assert "The scheme funds exchanges of 3 to 12 months." in page.text
    form = page.forms["norec-form"]
    assert form["profession"].value == "nurses"  # kept
    form["months"] = "6"
    page = form.submit("submit", status=422)
    assert "An organisation cannot receive its own participants" in page.text
    form = page.forms["norec-form"]
    form["receiving_id"] = str(vellore.id)
    page = form.submit("submit").follow()
    # Reciprocity, explained at each partner: one line each way is still missing.
    reciprocity = page.html.find(id=f"reciprocity-{vellore.id}")
    assert "Vellore receives participants but sends none" in reciprocity.text
    assert "Haukeland sends participants but receives none" in page.text

    form = kari.get(f"{base}/costs/new").forms["norec-form"]
    form["description"], form["amount"], form["currency"] = "Hostel", "10000", "KES"
    page = form.submit("submit", status=422)
    assert "No rate from KES to NOK is recorded yet" in page.text
    form = page.forms["norec-form"]
    form["currency"] = "INR"
    page = form.submit("submit").follow()
    db_session.refresh(application)
    (cost,) = application.costs
    assert (cost.amount, cost.currency, cost.rate) == (
        Decimal("10000.00"),
        "INR",
        Decimal("0.126400"),
    )
    # 2 participants: 24,000 travel and 114,006 stay (6 months), and 1,264 converted.
    assert "NOK\u00a0139,270.00" in page.text
    assert application.revision == 3


def test_every_partner_confirms_and_a_change_asks_again(
    client, application, hospitals, contacts, db_session
):
    _partnership, bergen, vellore = hospitals
    kari, priya = client(contacts[0].email), client(contacts[1].email)
    base = f"/grants/applications/{application.id}"
    page = kari.get(base)
    forms = [f for f in page.forms.values() if f.action.endswith("/confirm")]
    assert [f["organisation"].value for f in forms] == [str(bergen.id)]  # only her own
    forms[0].submit().follow()
    # Priya cannot confirm for Haukeland by forging the form.
    token = priya.get(base).html.find("input", {"name": "csrf_token"})["value"]
    priya.post(f"{base}/confirm", {"csrf_token": token, "organisation": str(bergen.id)}, status=403)
    priya.post(f"{base}/confirm", {"csrf_token": token, "organisation": "x"}, status=403)
    priya.post(f"{base}/confirm", {"csrf_token": token, "organisation": str(vellore.id)})
    db_session.refresh(application)
    assert {c.organisation_id for c in application.confirmations} == {bergen.id, vellore.id}
    page = kari.get(base)
    assert page.text.count("confirmed by") == 2
    form = kari.get(f"{base}/edit").forms["norec-form"]
    form["summary"] = "A new summary"
    page = form.submit().follow()
    assert page.text.count("confirmed by") == 0 and page.text.count("not confirmed") == 2


def test_submission_is_refused_with_the_reason_until_all_is_there(
    client, application, hospitals, contacts, db_session, make_ready
):
    kari = client(contacts[0].email)
    page = kari.get(f"/grants/applications/{application.id}")
    button = page.html.find("button", {"name": "transition", "value": "submit"})
    assert button.has_attr("disabled")
    assert "Submit: Plan at least one exchange." in page.text
    refused = _step(kari, application, "submit", status=409)
    assert "Plan at least one exchange." in refused.text
    make_ready()
    _step(kari, application, "submit")
    db_session.refresh(application)
    assert application.state == "submitted" and application.submitted_at is not None
    # Submitted: the plan is Norec's now, and the applicant can no longer change it.
    kari.get(f"/grants/applications/{application.id}/edit", status=403)
    kari.get(f"/grants/applications/{application.id}/exchanges/new", status=403)


def test_a_submission_after_the_deadline_is_refused(
    client, application, hospitals, contacts, db_session, make_ready
):
    make_ready()
    application.call.closes_at = now() - datetime.timedelta(minutes=1)
    db_session.flush()
    kari = client(contacts[0].email)
    refused = _step(kari, application, "submit", status=409)
    assert "No application is accepted after the deadline" in refused.text
    db_session.refresh(application)
    assert application.state == "draft"


def test_the_case_moves_through_every_state(
    client,
    screen,
    application,
    hospitals,
    contacts,
    make_user,
    db_session,
    make_ready,
    last_year,
    travelled,
):
    make_ready()
    kari = client(contacts[0].email)
    norec = client(make_user("case@norec.example.org", roles=["caseworker"]).email)
    # Four eyes: a second caseworker decides the case the first handles.
    decider = client(make_user("decider@norec.example.org", roles=["caseworker"]).email)

    def state():
        db_session.refresh(application)
        return application.state

    _step(kari, application, "submit")
    _step(kari, application, "screen", status=403)  # the applicant cannot move the case
    _step(norec, application, "screen")
    assert "This step needs a comment" in _step(norec, application, "request_info", status=422).text
    _step(norec, application, "request_info", "Who supervises the nurses?")
    assert state() == "more_info"
    kari.get(f"/grants/applications/{application.id}/edit")  # theirs to change again
    _step(kari, application, "answer", "The ward's head nurse.")
    assert state() == "submitted"
    _step(norec, application, "screen")
    screen(norec, application)
    _step(norec, application, "assess")
    # Deciding is done with the decision form, which records the amounts and reasons.
    assert "Record the decision" in _step(norec, application, "approve", "A plan.", 409).text
    form = decider.get(f"/grants/applications/{application.id}/decide").forms["norec-form"]
    form["outcome"], form["reasons"] = "approved", "A clear plan with learning on both sides."
    form.submit("submit", status=302)
    assert state() == "approved"
    for step in ("sign", "start"):
        _step(norec, application, step)
    assert state() == "in_progress"
    travelled(application)  # the participants went, and are home again
    form = kari.get(f"/grants/applications/{application.id}/report").forms["norec-form"]
    form["results"], form["knowledge_transfer"] = "Routines changed.", "Seminars at home."
    form.submit("submit")
    _step(kari, application, "report")
    _step(norec, application, "return_report", "Add the costs.")
    _step(kari, application, "report")
    assert "neither paid nor cancelled" in _step(norec, application, "close", status=409).text
    for _n in range(2):  # the agreement is signed and the participants have left
        money = norec.get(f"/grants/applications/{application.id}/money")
        [pay, *_rest] = [f for f in money.forms.values() if f.action.endswith("/money/pay")]
        pay.submit().follow()
    _step(norec, application, "close")
    assert state() == "closed"
    _step(kari, application, "withdraw", status=409)  # a closed case stays closed


def test_withdrawal_and_rejection(
    client, application, hospitals, contacts, make_user, db_session, make_ready
):
    make_ready()
    kari = client(contacts[0].email)
    norec = client(make_user("case2@norec.example.org", roles=["caseworker"]).email)
    decider = client(make_user("decider2@norec.example.org", roles=["caseworker"]).email)
    _step(kari, application, "submit")
    _step(norec, application, "screen")
    form = decider.get(f"/grants/applications/{application.id}/decide").forms["norec-form"]
    form["outcome"] = "rejected"
    page = form.submit("submit", status=422)  # a rejection owes its reasons
    assert "Required" in page.text
    form = page.forms["norec-form"]
    form["reasons"] = "The exchange lies outside what the scheme funds."
    form.submit("submit", status=302)
    db_session.refresh(application)
    assert application.state == "rejected" and application.decision.years == []


def test_someone_elses_application_stays_private(client, application, make_user):
    outsider = client(make_user("outsider@example.org").email)
    outsider.get(f"/grants/applications/{application.id}", status=403)
    anonymous = client()
    page = anonymous.get(f"/grants/applications/{application.id}", status=302)
    assert "/login" in page.location


def test_my_applications_and_the_task_on_the_front_page(client, application, contacts):
    kari = client(contacts[0].email)
    mine = kari.get("/grants/applications/mine")
    assert "Nurses learn together" in mine.text and "Draft" in mine.text
    assert "Finish and submit Nurses learn together" in kari.get("/").text


def test_a_pdf_is_attached_and_anything_else_refused(client, application, contacts, db_session):
    from webtest import Upload

    kari = client(contacts[0].email)
    base = f"/grants/applications/{application.id}"
    form = kari.get(base).forms["attachment"]
    form["upload"] = Upload("budget.pdf", b"not a pdf at all", "application/pdf")
    page = form.submit("submit", status=422)
    assert "This kind of file cannot be used here." in page.text
    pdf = pdf_file()
    form = page.forms["attachment"]
    form["upload"] = Upload("budget.pdf", pdf, "application/pdf")
    page = form.submit("submit").follow()
    assert "budget.pdf" in page.text
    link = page.html.find("a", string="budget.pdf")["href"]
    assert kari.get(link).body == pdf


def test_the_applicant_withdraws_and_the_case_ends(
    client, application, hospitals, contacts, db_session, make_ready
):
    make_ready()
    kari = client(contacts[0].email)
    _step(kari, application, "submit")
    _step(kari, application, "withdraw")
    db_session.refresh(application)
    assert application.state == "withdrawn"
    _step(kari, application, "submit", status=409)  # a withdrawn application stays so


def test_a_stranger_learns_neither_state_nor_existence(client, make_user, application):
    """Someone who may not see an application is answered as if there were none: the
    step's refusal would name its state, and a 403 would say it exists."""
    for browser in (client(), client(make_user("stranger@example.org").email)):
        for id_ in (application.id, application.id + 1000):
            page = browser.post(
                f"/workflow/grants_application/{id_}",
                {"transition": "withdraw", "csrf_token": browser.csrf_token()},
                status=404,
            )
            assert "state" not in page.text


def test_a_line_number_no_line_can_have_is_not_found(client, application, contacts):
    """More digits than int() reads (4,300) failed the view; an Arabic-Indic digit is a
    digit to the route's \\d, but not an id."""
    kari = client(contacts[0].email)
    token = kari.csrf_token()
    for line in ("9" * 5000, "99999999999999999999", "%D9%A1"):  # Arabic-Indic one
        for kind in ("exchange", "cost"):
            path = f"/grants/applications/{application.id}/{kind}/{line}/delete"
            kari.post(path, {"csrf_token": token}, status=404)


def _tasks(browser) -> dict[str, tuple[str, str]]:
    """The front page's tasks: title to (link, count)."""
    section = browser.get("/").html.find(id="tasks-heading").find_parent("section")
    return {
        li.a.text: (li.a["href"], li.find(class_="badge").text) for li in section.find_all("li")
    }


def test_a_caseworkers_front_page_asks_for_each_step_that_waits_for_the_agency(
    client, application, contacts, make_ready, make_user
):
    caseworker = client(make_user("case3@norec.example.org", roles=["caseworker"]).email)
    assert not any("applications" in title for title in _tasks(caseworker))
    make_ready()
    _step(client(contacts[0].email), application, "submit")
    queue = "/grants/applications?state=submitted"
    assert _tasks(caseworker)["Start screening new applications"] == (queue, "1")
    _step(caseworker, application, "screen")
    tasks = _tasks(caseworker)
    assert "Start screening new applications" not in tasks
    assert tasks["Finish screening applications"] == ("/grants/applications?state=screening", "1")
    # The applicant is asked nothing of the agency's steps.
    assert "Finish screening applications" not in _tasks(client(contacts[0].email))
