"""A decision records the amounts granted per year and its reasons, reaches the applicants
as a letter (a page and a PDF, in their language, by mail), and may be appealed for three
weeks; the appeal is a case of its own."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from babel.dates import format_date
from pypdf import PdfReader

from norec_core import SITE_TIMEZONE, import_history, now, render_pdf
from norec_grants import decisions
from norec_grants.models import Appeal, GrantedYear, PlannedExchange
from norec_grants.workflow import APPLICATION_WORKFLOW

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")


@pytest.fixture
def assessed(application, hospitals, db_session):
    _partnership, bergen, vellore = hospitals
    year = application.partnership.starts_on.year
    application.exchanges = [
        PlannedExchange(
            year=year + n, sending=a, receiving=b, participants=1, profession="nurses", months=6
        )
        for n, (a, b) in enumerate(((bergen, vellore), (vellore, bergen)))
    ]
    import_history(
        db_session,
        application,
        APPLICATION_WORKFLOW,
        [(s, application.created_at, "test", "") for s in ("submit", "screen", "assess")],
    )
    return application


def _decide(client, application, outcome, reasons, **years):
    form = client.get(f"/grants/applications/{application.id}/decide").forms["norec-form"]
    form["outcome"], form["reasons"] = outcome, reasons
    for name, value in years.items():
        form[name] = value
    return form.submit("submit", status="*")


def test_a_decision_with_changes_grants_what_it_says(
    client, make_user, assessed, contacts, db_session, mail
):
    application = assessed
    application.language = "nn"
    contacts[0].language = "nn"  # Kari reads her mail in nynorsk; Priya has chosen none
    year = application.partnership.starts_on.year
    norec = client(make_user("decider@norec.example.org", roles=["caseworker"]).email)
    form = norec.get(f"/grants/applications/{application.id}/decide").forms["norec-form"]
    # The budget's years, proposed: 12,000 travel and 57,003 stay each.
    assert form[f"year_{year}"].value == "69003.00"
    page = _decide(norec, application, "approved_changes", "Too short.")
    assert page.status_int == 422 and "Shorter than minimum length 20" in page.text
    reasons = "The second year is granted in part: its plan is not yet concrete enough."
    _decide(
        norec, application, "approved_changes", reasons, **{f"year_{year + 1}": "30000"}
    ).follow()
    db_session.refresh(application)
    decision = application.decision
    assert application.state == "approved_changes" and decision.reasons == reasons
    assert [(y.year, y.amount) for y in decision.years] == [
        (year, Decimal("69003.00")),
        (year + 1, Decimal("30000.00")),
    ]
    assert decision.appeal_until - decision.decided_at == datetime.timedelta(weeks=3)
    # Deciding twice is refused; the first decision stands.
    page = norec.get(f"/grants/applications/{application.id}/decide").follow()
    assert "The application is decided already." in page.text

    # The letter, in nynorsk (the applicant's language), as a page and as a tagged PDF.
    kari = client(contacts[0].email)
    letter = kari.get(f"/grants/applications/{application.id}/decision")
    assert letter.html.html["lang"] == "nn"
    assert "Grunngiving" in letter.text and "Innvilga med endringar" in letter.text
    assert "'sha256-" in letter.headers["Content-Security-Policy"]
    pdf = kari.get(f"/grants/applications/{application.id}/decision.pdf")
    assert pdf.content_type == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.body)).pages)
    assert "Grunngiving" in text and "30" in text
    assert f"Vår referanse: {decisions.letter_reference(decision)}" in text

    # Each partner's contact person gets it by mail, with the PDF and a link to the case.
    sent = {m["To"]: m for m in mail.messages}
    assert set(sent) == {c.email for c in contacts}
    message = sent[contacts[0].email]
    assert "Vedtak" in message["Subject"]
    assert sent[contacts[1].email]["Subject"].startswith("Decision")
    body = message.get_body(("plain",)).get_content()
    assert f"/grants/applications/{application.id}" in body
    assert [p.get_filename() for p in message.iter_attachments()] == [
        f"decision-{application.id}.pdf"
    ]


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_letter_has_a_reference_a_date_and_a_table_of_amounts(
    client, make_granted, contacts, db_session
):
    application = make_granted(("submit", "screen", "assess", "approve"))
    application.language = "en"
    decision = application.decision
    first = decision.years[0].year
    decision.years.append(GrantedYear(year=first + 1, amount=Decimal("30000.00")))
    db_session.flush()
    reference = f"{decision.decided_at.astimezone(SITE_TIMEZONE).year}/{application.id}"
    dated = format_date(decision.decided_at.astimezone(SITE_TIMEZONE).date(), "long", locale="en")
    kari = client(contacts[0].email)

    pdf = kari.get(f"/grants/applications/{application.id}/decision.pdf")
    first_page = _pages(pdf.body)[0]
    assert f"Our reference: {reference}" in first_page and f"Date: {dated}" in first_page
    # The recipients stand above the title, each organisation with its country.
    assert first_page.index("Haukeland\nNorway") < first_page.index("Decision on the")

    page = kari.get(f"/grants/applications/{application.id}/decision").html
    assert page.find(string=f"Our reference: {reference}")
    table = page.find("table", class_="amounts")
    assert [th.get_text() for th in table.tbody.find_all("th", scope="row")] == [
        str(first),
        str(first + 1),
    ]
    total = table.tfoot.find("tr")
    assert total.th.get_text() == "Total" and "130,001.00" in total.td.get_text()
    assert all("figure" in td["class"] for td in table.find_all("td"))  # right-aligned


def test_the_closing_of_the_letter_never_stands_alone_on_a_page(
    app_request, make_granted, db_session
):
    application = make_granted(("submit", "screen", "assess", "approve"))
    application.language = "en"
    decision = application.decision
    # Reasons of a page's worth of lengths, a few lines apart: one of them puts the page
    # break just before the closing, where a letter without care would leave it alone.
    for lines in range(20, 70, 4):
        decision.reasons = "\n".join(
            f"Point {n} of the reasons, which the caseworker writes at length."
            for n in range(lines)
        )
        pages = _pages(
            render_pdf(app_request, decisions.LETTER, decisions.letter_values(application), "en")
        )
        assert len(pages) > 1
        last = pages[-1]
        assert "With kind regards" in last
        # With it, on its page, the end of the last paragraph.
        assert "the documents of the case." in " ".join(last.split()), f"with {lines} lines"


def test_an_approval_must_grant_an_amount(client, make_user, assessed):
    norec = client(make_user("decider2@norec.example.org", roles=["caseworker"]).email)
    year = assessed.partnership.starts_on.year
    page = _decide(
        norec,
        assessed,
        "approved",
        "A fine plan with learning on both sides.",
        **{f"year_{year}": "", f"year_{year + 1}": ""},
    )
    assert page.status_int == 422 and "An approval grants an amount for some year." in page.text


def test_the_appeal_window_and_the_appeal_case(client, make_user, assessed, contacts, db_session):
    application = assessed
    norec = client(make_user("decider3@norec.example.org", roles=["caseworker"]).email)
    _decide(norec, application, "rejected", "The plan does not show learning at home.")
    kari = client(contacts[0].email)
    page = kari.get(f"/grants/applications/{application.id}")
    form = page.click(description="Appeal the decision").forms["norec-form"]
    form["grounds"] = "The plan names a seminar at home after each exchange: see page 2."
    page = form.submit("submit").follow()
    assert "Your appeal is received." in page.text
    (appeal,) = db_session.query(Appeal).all()
    assert appeal.state == "received" and appeal.submitted_by == contacts[0]
    # One appeal at a time.
    page = kari.get(f"/grants/applications/{application.id}/appeal", status=409)
    assert "already appealed" in page.text

    # The caseworker reviews it and sends it on; the applicant follows it.
    appeal_page = f"/grants/appeals/{appeal.id}"
    for step, comment in (("review", ""), ("forward", "No ground to change it.")):
        token = norec.get(appeal_page).html.find("input", {"name": "csrf_token"})["value"]
        norec.post(
            f"/workflow/grants_appeal/{appeal.id}",
            {"csrf_token": token, "transition": step, "comment": comment, "came_from": "/"},
            status=302,
        )
    assert "Sent to the appeal body" in kari.get(appeal_page).text
    kari.post(
        f"/workflow/grants_appeal/{appeal.id}",
        {"csrf_token": kari.csrf_token(), "transition": "uphold", "comment": "x"},
        status=403,
    )
    norec.post(
        f"/workflow/grants_appeal/{appeal.id}",
        {"csrf_token": norec.csrf_token(), "transition": "uphold", "comment": "It stands."},
        status=302,
    )
    db_session.expire_all()
    assert appeal.state == "upheld" and application.state == "rejected"
    # The decision stands, and has been appealed: no second appeal.
    kari.get(f"/grants/applications/{application.id}/appeal", status=409)


def test_no_appeal_after_three_weeks(app_request, client, assessed, contacts, make_user):
    application = assessed
    norec = client(make_user("decider4@norec.example.org", roles=["caseworker"]).email)
    _decide(norec, application, "rejected", "The plan does not show learning at home.")
    decision = application.decision
    app_request.dbsession.refresh(decision)
    decision.appeal_until = now() - datetime.timedelta(minutes=1)
    app_request.dbsession.flush()
    page = client(contacts[0].email).get(
        f"/grants/applications/{application.id}/appeal", status=409
    )
    assert "The time to appeal ran out" in page.text
    later = decision.decided_at + decisions.APPEAL_WINDOW + datetime.timedelta(seconds=1)
    assert decisions.appeal_refusal(app_request, application, later) is not None


def test_the_applicant_finds_the_letter_among_their_applications(
    client, make_user, assessed, contacts
):
    norec = client(make_user("decider5@norec.example.org", roles=["caseworker"]).email)
    _decide(norec, assessed, "rejected", "The plan does not show learning at home.")
    mine = client(contacts[1].email).get("/grants/applications/mine")
    link = mine.html.find("a", href=f"/grants/applications/{assessed.id}/decision")
    assert link is not None and link.text.startswith("Letter of")
    assert mine.html.find("a", href=f"/grants/applications/{assessed.id}/decision.pdf")


def test_an_appeal_that_changes_the_decision_sends_the_case_back(
    client, make_user, assessed, contacts, db_session
):
    application = assessed
    norec = client(make_user("decider6@norec.example.org", roles=["caseworker"]).email)
    _decide(norec, application, "rejected", "The plan does not show learning at home.")
    kari = client(contacts[0].email)
    form = kari.get(f"/grants/applications/{application.id}/appeal").forms["norec-form"]
    form["grounds"] = "Page 2 of the plan names a seminar at home after each exchange."
    form.submit("submit")
    (appeal,) = db_session.query(Appeal).all()
    refused = norec.post(
        f"/workflow/grants_application/{application.id}",
        {"csrf_token": norec.csrf_token(), "transition": "reopen", "comment": "x"},
        status=409,
    )
    assert "Only an appeal that changed the decision" in refused.text
    for step, comment in (("review", ""), ("reverse", "The seminar plan was overlooked.")):
        norec.post(
            f"/workflow/grants_appeal/{appeal.id}",
            {"csrf_token": norec.csrf_token(), "transition": step, "comment": comment},
            status=302,
        )
    db_session.expire_all()
    assert application.state == "in_assessment" and application.decision is None
    (old,) = application.decisions
    assert old.superseded_at is not None and old.outcome == "rejected"
    # The new decision stands beside the old one, and may itself be appealed.
    _decide(norec, application, "approved", "The plan shows learning at home after all.")
    db_session.expire_all()
    assert application.state == "approved" and len(application.decisions) == 2
    assert application.decision.outcome == "approved"
    kari.get(f"/grants/applications/{application.id}/appeal", status=200)


def test_an_appeal_out_of_time_is_dismissed(client, make_user, assessed, contacts, db_session):
    norec = client(make_user("decider7@norec.example.org", roles=["caseworker"]).email)
    _decide(norec, assessed, "rejected", "The plan does not show learning at home.")
    assessed.appeals.append(Appeal(grounds="Late, but please look again at our plan."))
    db_session.flush()
    (appeal,) = assessed.appeals
    url = f"/workflow/grants_appeal/{appeal.id}"
    token = norec.csrf_token()
    norec.post(url, {"csrf_token": token, "transition": "dismiss"}, status=422)  # reasons
    norec.post(url, {"csrf_token": token, "transition": "dismiss", "comment": "Too late."})
    db_session.expire_all()
    assert appeal.state == "dismissed" and assessed.state == "rejected"


def test_the_appeal_window_and_its_law_are_the_agencys(
    app_request, client, assessed, contacts, make_user, monkeypatch
):
    settings = app_request.registry.settings
    monkeypatch.setitem(settings, "grants.appeal_weeks", "4")
    monkeypatch.setitem(settings, "grants.appeal_basis", "Code des relations, art. L411-2.")
    monkeypatch.setitem(settings, "grants.appeal_basis.en", "The Administrative Appeals Act.")
    norec = client(make_user("decider6@norec.example.org", roles=["caseworker"]).email)
    _decide(norec, assessed, "rejected", "The plan does not show learning at home.")
    decision = assessed.decision
    app_request.dbsession.refresh(decision)
    assert decision.appeal_until - decision.decided_at == datetime.timedelta(weeks=4)
    letter = client(contacts[0].email).get(f"/grants/applications/{assessed.id}/decision")
    closing = letter.html.find(class_="closing").get_text(" ", strip=True)
    assert "The Administrative Appeals Act." in closing  # in the letter's language
    assert "L411-2" not in closing and "Public Administration Act" not in closing
    # Without a law named, the letter names none (no country's law is the default).
    monkeypatch.delitem(settings, "grants.appeal_basis")
    monkeypatch.delitem(settings, "grants.appeal_basis.en")
    letter = client(contacts[0].email).get(f"/grants/applications/{assessed.id}/decision")
    assert "Act" not in letter.html.find(class_="closing").get_text()
    for wrong in ("three", "0", "53"):
        with pytest.raises(ValueError, match="grants.appeal_weeks"):
            decisions.appeal_window({"grants.appeal_weeks": wrong})
