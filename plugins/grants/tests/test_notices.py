"""Everyone a grant case concerns is told at each step, in their own language: every
partner's contact person (the Norwegian in the language they chose, the Indian partner in
English), the assessor assigned and the caseworker who asked a question; no one else."""

from __future__ import annotations

import datetime
import io

import pytest
from pypdf import PdfReader

from norec_core import import_history, now
from norec_core.testing import run_due
from norec_grants.models import Decision
from norec_grants.workflow import APPLICATION_WORKFLOW

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")


@pytest.fixture
def kari_reads_nynorsk(contacts, db_session):
    contacts[0].language = "nn"
    db_session.flush()


def told(mail) -> dict[str, list]:
    found: dict[str, list] = {}
    for message in mail.messages:
        found.setdefault(message["To"], []).append(message)
    return found


def text(message) -> str:
    return message.get_body(("plain",)).get_content()


def at(application, db_session, *steps):
    import_history(
        db_session, application, APPLICATION_WORKFLOW, [(s, now(), "test", "") for s in steps]
    )


def test_every_partners_contact_gets_a_receipt_in_their_language(
    client, application, contacts, make_ready, mail, kari_reads_nynorsk, make_user
):
    make_user("caseworker@norec.example.org", roles=["caseworker"])
    make_ready()
    client(contacts[0].email).take_step(application, "submit")

    sent = told(mail)
    assert set(sent) == {"kari@haukeland.example.org", "priya@vellore.example.org"}
    assert sent["kari@haukeland.example.org"][0]["Subject"] == (
        "Motteke: søknaden «Nurses learn together»"
    )
    [receipt] = sent["priya@vellore.example.org"]
    assert receipt["Subject"] == "Received: the application «Nurses learn together»"
    assert f"reference {application.id}" in text(receipt)
    assert f"http://localhost/grants/applications/{application.id}" in text(receipt)


def test_a_question_reaches_the_applicants_and_the_answer_the_caseworker_who_asked(
    client, application, contacts, make_user, db_session, mail
):
    at(application, db_session, "submit", "screen")
    asker = make_user("asker@norec.example.org", roles=["caseworker"])
    make_user("other@norec.example.org", roles=["caseworker"])
    client(asker.email).take_step(application, "request_info", "Which ward hosts the nurses?")
    sent = told(mail)
    assert set(sent) == {c.email for c in contacts}
    assert "Which ward hosts the nurses?" in text(sent["priya@vellore.example.org"][0])

    mail.clear()
    client(contacts[1].email).take_step(application, "answer", "The maternity ward.")
    sent = told(mail)
    assert set(sent) == {"asker@norec.example.org", *(c.email for c in contacts)}
    assert sent["asker@norec.example.org"][0]["Subject"] == "Answered: «Nurses learn together»"


def test_the_assessor_assigned_is_told_once(client, application, make_user, db_session, mail):
    at(application, db_session, "submit", "screen", "assess")
    assessor = make_user("assessor@example.org")
    norec = client(make_user("lead@norec.example.org", roles=["caseworker"]).email)
    for _ in range(2):
        form = norec.get(f"/grants/applications/{application.id}").forms["assign"]
        form["email"] = assessor.email
        form.submit("submit")
    [message] = mail.messages
    assert message["To"] == "assessor@example.org"
    assert message["Subject"] == "Please assess «Nurses learn together»"


def test_the_decision_letter_goes_to_each_partner_in_its_contacts_language(
    client, application, contacts, make_user, db_session, mail, kari_reads_nynorsk
):
    at(application, db_session, "submit", "screen", "assess")
    norec = client(make_user("decider@norec.example.org", roles=["caseworker"]).email)
    form = norec.get(f"/grants/applications/{application.id}/decide").forms["norec-form"]
    form["outcome"] = "rejected"
    form["reasons"] = "The plan does not show what the nurses will learn from each other."
    form.submit("submit")

    sent = told(mail)
    letters = {}
    for email, [message] in sent.items():
        [pdf] = message.iter_attachments()
        reader = PdfReader(io.BytesIO(pdf.get_content()))
        letters[email] = "".join(page.extract_text() for page in reader.pages)
    assert sent["kari@haukeland.example.org"][0]["Subject"].startswith("Vedtak")
    assert "Grunngiving" in letters["kari@haukeland.example.org"]
    assert sent["priya@vellore.example.org"][0]["Subject"].startswith("Decision")
    assert "Reasons" in letters["priya@vellore.example.org"]


def test_each_step_of_an_appeal_is_told_to_the_applicants(
    client, application, contacts, make_user, db_session, mail
):
    at(application, db_session, "submit", "screen", "assess")
    moment = now()
    application.decisions.append(
        Decision(outcome="rejected", reasons="Not now.", decided_at=moment, appeal_until=moment)
    )
    at(application, db_session, "reject")
    application.decision.appeal_until = moment.replace(year=moment.year + 1)
    db_session.flush()
    form = client(contacts[0].email).get(f"/grants/applications/{application.id}/appeal")
    form = form.forms["norec-form"]
    form["grounds"] = "The plan names the wards and what each nurse learns there."
    form.submit("submit")
    assert {m["To"] for m in mail.messages} == {c.email for c in contacts}
    db_session.refresh(application)
    appeal = application.appeals[0]

    norec = client(make_user("appeals@norec.example.org", roles=["caseworker"]).email)
    for step, comment, words in (
        ("review", "", "begun to review"),
        ("forward", "Norec keeps its decision.", "sent your appeal to the appeal body"),
        ("uphold", "The ministry agrees with Norec.", "upheld the decision"),
    ):
        mail.clear()
        norec.take_step(appeal, step, comment)
        assert {m["To"] for m in mail.messages} == {c.email for c in contacts}
        assert all(words in text(m) and comment in text(m) for m in mail.messages)


def test_the_agreement_an_instalment_and_the_report_are_told(
    client, application, contacts, make_user, db_session, mail, make_granted
):
    make_granted(("submit", "screen", "assess", "approve"), total="100000.00")
    norec = client(make_user("money@norec.example.org", roles=["caseworker"]).email)
    norec.take_step(application, "sign")
    assert all("agreement" in m["Subject"] for m in mail.messages) and len(mail.messages) == 2

    mail.clear()
    db_session.refresh(application)
    first = application.instalments[0]
    token = norec.csrf_token()
    norec.post(
        f"/grants/applications/{application.id}/money/pay",
        {"csrf_token": token, "instalment": str(first.id)},
    )
    [priya] = [m for m in mail.messages if m["To"] == "priya@vellore.example.org"]
    assert "Instalment 1" in text(priya) and "50,000.00" in text(priya)

    mail.clear()
    at(application, db_session, "start", "report")
    norec.take_step(application, "return_report", "Add the costs of the second year.")
    assert {m["To"] for m in mail.messages} == {c.email for c in contacts}
    assert all("Add the costs of the second year." in text(m) for m in mail.messages)


def test_the_reminder_before_a_call_closes_is_in_each_contacts_language(
    app, application, open_call, contacts, db_session, mail, kari_reads_nynorsk
):
    open_call.closes_at = now().replace(microsecond=0) + datetime.timedelta(days=3)
    db_session.flush()
    run_due(app.registry, now().replace(hour=6, minute=0))
    sent = told(mail)
    assert set(sent) == {c.email for c in contacts}
    assert "is still a draft" in text(sent["priya@vellore.example.org"][0])
    assert "er framleis eit utkast" in text(sent["kari@haukeland.example.org"][0])


def test_markup_in_a_title_or_the_reasons_is_printed_as_text_in_the_letter(
    client, application, contacts, make_user, db_session, mail
):
    """A title or reasons with markup in them are words on the letter: nothing of them is
    laid out as HTML, and nothing they name (a local file) is fetched into the PDF."""
    payload = '<img src="file:///etc/hostname"><b>bold</b>'
    application.title = f"Nurses {payload}"
    at(application, db_session, "submit", "screen", "assess")
    norec = client(make_user("decider2@norec.example.org", roles=["caseworker"]).email)
    form = norec.get(f"/grants/applications/{application.id}/decide").forms["norec-form"]
    form["outcome"] = "rejected"
    form["reasons"] = f"The plan is thin. {payload}"
    form.submit("submit")
    for [message] in told(mail).values():
        [pdf] = message.iter_attachments()
        reader = PdfReader(io.BytesIO(pdf.get_content()))
        # Compared without spaces: the letter's lines break inside the long words.
        text = "".join("".join(page.extract_text() for page in reader.pages).split())
        assert text.count('<imgsrc="file:///etc/hostname"><b>bold</b>') == 2  # both
        assert not any(page.images for page in reader.pages)  # no file was read into it
