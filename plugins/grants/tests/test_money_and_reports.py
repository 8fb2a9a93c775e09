"""The grant's money (instalments paid at milestones, costs against the budget), the
final report, the reminders before each deadline, and what caseworkers see overdue."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from norec_core import now
from norec_core.testing import run_due
from norec_grants import payments, reports
from norec_grants.models import Participant

DECIDED = ("submit", "screen", "assess", "approve")


def _step(client, application, name, status=302):
    token = client.get(f"/grants/applications/{application.id}").html.find(
        "input", {"name": "csrf_token"}
    )["value"]
    return client.post(
        f"/workflow/grants_application/{application.id}",
        {"csrf_token": token, "transition": name, "comment": "", "came_from": "/"},
        status=status,
    )


def test_signing_plans_the_instalments_and_they_are_paid_at_their_milestones(
    client, make_user, application, hospitals, make_person, db_session, make_granted
):
    make_granted(DECIDED)
    norec = client(make_user("money@norec.example.org", roles=["caseworker"]).email)
    _step(norec, application, "sign")
    db_session.refresh(application)
    amounts = [(i.milestone, i.amount) for i in application.instalments]
    # Half, two fifths and the rest: whole kroner that add up to the total exactly.
    assert amounts == [
        ("agreement_signed", Decimal("50000.00")),
        ("participants_departed", Decimal("40000.00")),
        ("final_report_approved", Decimal("10001.00")),
    ]
    first, second, _last = application.instalments
    page = norec.get(f"/grants/applications/{application.id}/money")
    pay = [f for f in page.forms.values() if f.action.endswith("/pay")]
    assert [f["instalment"].value for f in pay] == [str(first.id)]  # only what is due
    pay[0].submit().follow()
    token = norec.csrf_token()
    refused = norec.post(
        f"/grants/applications/{application.id}/money/pay",
        {"csrf_token": token, "instalment": str(second.id)},
    ).follow()
    assert "is not reached yet" in refused.text
    db_session.refresh(first)
    assert first.paid_at is not None and second.paid_at is None
    application.participants.append(
        Participant(
            person=make_person(),
            sending=hospitals[1],
            receiving=hospitals[2],
            starts_on=now().date() - datetime.timedelta(days=1),
            ends_on=now().date() + datetime.timedelta(days=180),
        )
    )
    db_session.flush()
    assert payments.reached(application, "participants_departed")
    assert not payments.reached(application, "final_report_approved")


def test_the_final_report_is_written_then_handed_in(
    client, application, hospitals, contacts, db_session, make_granted, last_year, travelled
):
    make_granted((*DECIDED, "sign", "start"))
    travelled(application)  # the exchanges are over
    kari = client(contacts[0].email)
    refused = _step(kari, application, "report", status=409)
    assert "Write the final report first" in refused.text
    form = kari.get(f"/grants/applications/{application.id}/report").forms["norec-form"]
    form["results"] = "Both wards changed their routines."
    form["knowledge_transfer"] = "Seminars at home after each exchange."
    form["cost_travel"] = "25000.50"
    form["cost_stay"] = "-5"
    page = form.submit("submit", status=422)  # nothing typed is lost
    form = page.forms["norec-form"]
    assert form["results"].value == "Both wards changed their routines."
    form["cost_stay"] = "100000"
    form.submit("submit").follow()
    _step(kari, application, "report")
    db_session.refresh(application)
    assert application.state == "final_report"
    lines = {line.category: line for line in payments.costs(application)}
    # Budget: travel 24,000 (two participants), stay 114,006 (six months each).
    assert lines["travel"].difference == Decimal("1000.50")
    assert lines["stay"].difference == Decimal("100000") - Decimal("114006.00")
    page = kari.get(f"/grants/applications/{application.id}/report")
    assert page.forms.get("norec-form") is None  # handed in: no longer to be changed


def test_reminders_before_the_deadlines_go_once(
    app, db_session, application, hospitals, contacts, mail
):
    application.call.closes_at = now() + datetime.timedelta(days=3)
    db_session.flush()
    moment = datetime.datetime(2030, 1, 7, 6, 0, tzinfo=datetime.UTC)
    assert "grants.remind" in run_due(app.registry, moment)
    sent = sorted(m["To"] for m in mail.messages)
    assert sent == sorted(c.email for c in contacts)
    body = mail.messages[0].get_body(("plain",)).get_content()
    assert f"http://localhost/grants/applications/{application.id}" in body
    mail.clear()
    run_due(app.registry, moment + datetime.timedelta(days=1))
    assert mail.messages == []  # reminded once


def test_a_report_reminder_and_the_overdue_list(
    app,
    app_request,
    db_session,
    application,
    hospitals,
    contacts,
    make_person,
    mail,
    make_granted,
    client,
    make_user,
):
    make_granted((*DECIDED, "sign", "start"))
    today = now().date()
    application.participants.append(
        Participant(
            person=make_person(),
            sending=hospitals[1],
            receiving=hospitals[2],
            starts_on=today - datetime.timedelta(days=200),
            ends_on=today - datetime.timedelta(days=57),  # the report is due in three days
        )
    )
    db_session.flush()
    assert reports.report_due(application) == today + datetime.timedelta(days=3)
    run_due(app.registry, datetime.datetime(2030, 2, 7, 6, 0, tzinfo=datetime.UTC))
    assert [m["Subject"] for m in mail.messages] == [
        f"The final report is due: «{application.title}»"
    ] * 2
    payments.make_plan(application)
    db_session.flush()
    due = [app_request.localizer.translate(w) for _a, w, _s in reports.overdue(app_request, today)]
    # Both milestones are reached: the agreement is signed, the participant has left.
    assert due == [
        "Instalment to pay: Agreement signed",
        "Instalment to pay: Participants departed",
    ]
    # The caseworker's front page asks to pay them, on the case's money page.
    caseworker = client(make_user("pay@norec.example.org", roles=["caseworker"]).email)
    section = caseworker.get("/").html.find(id="tasks-heading").find_parent("section")
    task = section.find("a", string="Pay instalments now due")
    assert task["href"] == f"/grants/applications/{application.id}/money"
    assert task.find_parent("li").find(class_="badge").text == "2"
    late = today + datetime.timedelta(days=10)
    found = [
        app_request.localizer.translate(what) for _a, what, _s in reports.overdue(app_request, late)
    ]
    assert "Final report overdue" in found


def test_the_dashboard_panels_for_caseworkers(
    client, make_user, application, hospitals, db_session, contacts, make_granted
):
    make_granted(DECIDED)
    norec = client(make_user("dash@norec.example.org", roles=["caseworker"]).email)
    home = norec.get("/")
    assert "Grant applications by state" in home.text
    assert "Granted by partner country" in home.text and "India" in home.text
    assert "Grant applications by state" not in client(contacts[0].email).get("/").text


@pytest.mark.parametrize("total", ["0.00", "3.00", "99999999.99"])
def test_the_plan_always_adds_up(application, hospitals, db_session, total, make_granted):
    make_granted(DECIDED, total=total)
    payments.make_plan(application)
    assert sum(i.amount for i in application.instalments) == Decimal(total)
