"""A grant case cannot run ahead of reality: the plan fits the partnership when it is
submitted and when it is decided; the final report comes after the last exchange; the
case closes when every exchange and instalment is accounted for; an exchange is
completed with its courses attended or waived; spending is measured against the grant;
and the report takes its attachments."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from pypdf import PdfWriter

from norec_core import now
from norec_grants import payments
from norec_grants.models import Decision

DECIDED = ("submit", "screen", "assess", "approve")


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_the_plan_fits_the_partnership_at_submission_and_at_decision(
    client, make_ready, contacts, make_user, db_session, screen
):
    application = make_ready()
    partnership = application.partnership
    year = partnership.starts_on.year
    partnership.ends_on = datetime.date(year, 7, 31)
    application.exchanges[0].months = 9  # January to September: past the end
    db_session.flush()
    kari = client(contacts[0].email)
    page = kari.take_step(application, "submit", status=409)
    assert (
        "after the partnership ends on" in page.text
        and "Shorten it or plan it earlier" in page.text
    )
    db_session.refresh(application)
    assert application.state == "draft"

    application.exchanges[0].months = 6  # January to June fits
    db_session.flush()
    kari.take_step(application, "submit")
    norec = client(make_user("handler@norec.example.org", roles=["caseworker"]).email)
    norec.take_step(application, "screen")
    screen(norec, application)
    norec.take_step(application, "assess")
    # The partnership is cut short while the case is assessed: the decision sees it.
    partnership.ends_on = datetime.date(year, 5, 31)
    db_session.flush()
    decider = client(make_user("decider@norec.example.org", roles=["caseworker"]).email)
    form = decider.get(f"/grants/applications/{application.id}/decide").forms["norec-form"]
    form["outcome"], form["reasons"] = "approved", "A clear plan with learning on both sides."
    page = form.submit("submit", status=409)
    assert "after the partnership ends on" in page.text
    db_session.expire_all()
    assert application.state == "in_assessment"
    assert db_session.query(Decision).count() == 0  # nothing half recorded


def test_the_final_report_comes_after_the_last_exchange(
    client, make_granted, contacts, make_user, last_year, travelled, db_session
):
    application = make_granted((*DECIDED, "sign", "start"))
    _first, second = travelled(application)
    kari = client(contacts[0].email)
    form = kari.get(f"/grants/applications/{application.id}/report").forms["norec-form"]
    form["results"], form["knowledge_transfer"] = "Routines changed.", "Seminars at home."
    form.submit("submit")
    # One participant is still away: the report waits.
    second.ends_on = now().date() + datetime.timedelta(days=20)
    db_session.flush()
    page = kari.take_step(application, "report", status=409)
    assert "The final report comes after the last exchange ends" in page.text
    # Home, but registered for another year: that planned exchange has not taken place.
    second.ends_on = datetime.date(second.starts_on.year, 7, 31)
    second.starts_on = second.starts_on.replace(year=second.starts_on.year - 1)
    db_session.flush()
    page = kari.take_step(application, "report", status=409)
    assert "has not taken place: 0 of 1 participants are home again" in page.text
    # The applicant explains it on the report's page, with a reason.
    page = kari.get(f"/grants/applications/{application.id}/report")
    form = next(f for f in page.forms.values() if f.action.endswith("/report/explain"))
    form["reason"] = "Short"
    page = form.submit("submit", status=422)
    assert "Shorter than minimum length 10" in page.text
    form = next(f for f in page.forms.values() if "reason" in f.fields)
    form["reason"] = "The nurse fell ill before leaving; nobody could go in her place."
    form.submit("submit", status=302)
    kari.take_step(application, "report")
    db_session.refresh(application)
    assert application.state == "final_report"
    assert (
        "not carried out: The nurse fell ill"
        in kari.get(f"/grants/applications/{application.id}/report").text
    )


def test_the_case_closes_when_every_instalment_is_paid_or_cancelled(
    client, make_granted, contacts, make_user, last_year, travelled, db_session, mail
):
    application = make_granted((*DECIDED, "sign", "start", "report"))
    travelled(application)
    payments.make_plan(application)
    db_session.flush()
    norec = client(make_user("cw@norec.example.org", roles=["caseworker"]).email)
    page = norec.take_step(application, "close", status=409)
    assert "The instalment «Agreement signed» is neither paid nor cancelled" in page.text
    money = norec.get(f"/grants/applications/{application.id}/money")
    next(f for f in money.forms.values() if f.action.endswith("/money/pay")).submit()
    money = norec.get(f"/grants/applications/{application.id}/money")
    cancel = next(f for f in money.forms.values() if f.action.endswith("/money/cancel"))
    cancel["reason"] = "One nurse stayed at home; the grant is reduced by her share."
    cancel.submit().follow()
    mail.clear()
    norec.take_step(application, "close")
    db_session.refresh(application)
    assert application.state == "closed"
    signed, departed, final = application.instalments
    assert signed.paid_at is not None and departed.cancel_reason.startswith("One nurse")
    assert final.paid_at is None and payments.reached(application, final.milestone)
    page = norec.get(f"/grants/applications/{application.id}/money")
    assert "cancelled" in page.text and "One nurse stayed at home" in page.text


def test_a_cancelled_instalment_is_told_to_the_applicants(
    client, make_granted, make_user, db_session, mail
):
    application = make_granted((*DECIDED, "sign"))
    payments.make_plan(application)
    db_session.flush()
    norec = client(make_user("cw@norec.example.org", roles=["caseworker"]).email)
    money = norec.get(f"/grants/applications/{application.id}/money")
    cancel = [f for f in money.forms.values() if f.action.endswith("/money/cancel")][1]
    cancel["reason"] = "No participant will travel."
    cancel.submit().follow()
    subjects = {m["Subject"] for m in mail.messages}
    assert subjects == {f"An instalment is cancelled: «{application.title}»"}
    assert "No participant will travel." in mail.messages[0].get_body(("plain",)).get_content()
    assert payments.pay(application, application.instalments[1], None) is not None


def test_an_exchange_is_completed_with_its_courses_attended_or_waived(
    client, make_granted, make_user, last_year, travelled, db_session
):
    application = make_granted((*DECIDED, "sign", "start"))
    first, _second = travelled(application)
    norec = client(make_user("cw@norec.example.org", roles=["caseworker"]).email)
    url = f"/grants/applications/{application.id}/participants"

    def complete():
        page = norec.get(url)
        form = next(
            f
            for f in page.forms.values()
            if f.action.endswith("/complete") and f["participant"].value == str(first.id)
        )
        return form.submit().follow()

    page = complete()
    assert "has not attended the pre-departure course" in page.text
    db_session.refresh(first)
    assert first.completed_at is None
    for kind in ("pre_departure_course", "homecoming_course"):
        page = norec.get(url)
        form = next(
            f
            for f in page.forms.values()
            if f.action.endswith("/waive") and f["item"].value == f"{first.id}:{kind}"
        )
        form["reason"] = "Took the same course with the partner's own programme."
        form.submit().follow()
    page = complete()
    assert "The exchange is completed." in page.text
    db_session.refresh(first)
    assert first.completed_at is not None
    listed = norec.get(url).text
    assert "waived" in listed and "(Took the same course" in listed


def test_costs_are_measured_against_the_amount_granted(client, make_granted, contacts, db_session):
    application = make_granted((*DECIDED, "sign", "start"), total="50000.00")
    application.report = None
    db_session.flush()
    kari = client(contacts[0].email)
    form = kari.get(f"/grants/applications/{application.id}/report").forms["norec-form"]
    form["cost_travel"], form["cost_stay"] = "20000", "40000"
    form.submit("submit").follow()
    db_session.refresh(application)
    totals = payments.totals(application)
    # Applied for: 24,000 travel and 114,006 stay; granted 50,000; spent 60,000.
    assert totals.applied == Decimal("138006.00") and totals.granted == Decimal("50000.00")
    assert totals.difference == Decimal("10000.00")
    row = kari.get(f"/grants/applications/{application.id}/money").html.find(id="granted-total")
    cells = [td.get_text(strip=True) for td in row.find_all("td")]
    assert cells == ["NOK\u00a050,000.00", "NOK\u00a060,000.00", "NOK\u00a010,000.00"]


def test_the_report_takes_attachments_from_the_file_store(
    client, make_granted, contacts, make_user, db_session
):
    application = make_granted((*DECIDED, "sign", "start"))
    kari = client(contacts[0].email)
    page = kari.get(f"/grants/applications/{application.id}/report")
    form = page.forms["report-file"]
    form["upload"] = ("accounts.pdf", _pdf(), "application/pdf")
    page = form.submit("submit", status=302).follow()
    assert "The file is attached to the final report." in page.text
    link = page.html.find("a", string="accounts.pdf")
    assert link is not None
    # The caseworker reads it; someone outside the case does not.
    norec = client(make_user("cw@norec.example.org", roles=["caseworker"]).email)
    assert norec.get(link["href"]).body.startswith(b"%PDF")
    client(make_user("outsider@example.org").email).get(link["href"], status=[403, 404])
    # Not a PDF: refused at the field.
    form = kari.get(f"/grants/applications/{application.id}/report").forms["report-file"]
    form["upload"] = ("accounts.txt", b"just text", "text/plain")
    page = form.submit("submit", status=422)
    assert page.forms["report-file"] is not None
