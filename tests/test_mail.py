"""Mail goes through the outbox to a real SMTP server on loopback, and is never lost."""

import datetime
from contextlib import contextmanager

import pytest
from pyramid.scripting import prepare
from sqlalchemy import func, select
from zope.interface.verify import verifyClass, verifyObject

from norec_core import clock
from norec_core.domain.models import ConsentRecord, Person
from norec_core.i18n import _
from norec_core.interfaces import IMailer
from norec_core.mail.models import OutboxMessage
from norec_core.mail.outbox import deliver_for_registry, send_mail
from norec_core.mail.transports import FileMailer, SMTPMailer


@contextmanager
def request_in_transaction(app):
    """A request outside HTTP, as a job gets one: commits at the end, or rolls back."""
    env = prepare(registry=app.registry)
    try:
        with env["request"].tm:
            yield env["request"]
    finally:
        env["closer"]()


def _outbox(db_session, **where):
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    for key, value in where.items():
        query = query.where(getattr(OutboxMessage, key) == value)
    return db_session.scalars(query).all()


def test_the_mailers_provide_the_interface(tmp_path, app):
    assert verifyClass(IMailer, SMTPMailer)
    assert verifyClass(IMailer, FileMailer)
    env = prepare(registry=app.registry)
    assert isinstance(env["request"].find_service(IMailer), SMTPMailer)
    env["closer"]()


def test_file_mailer_writes_eml_files(tmp_path, db_session):
    from norec_core.mail.outbox import add_to_outbox, deliver_due

    add_to_outbox(db_session, "kari@example.org", "Hei", "Hallo Kari")
    mailer = FileMailer(str(tmp_path / "mail"))
    assert verifyObject(IMailer, mailer)
    report = deliver_due(lambda: _session_on(db_session), mailer)
    assert report["sent"] == 1
    (written,) = (tmp_path / "mail").glob("*.eml")
    assert b"Hallo Kari" in written.read_bytes()


def _session_on(db_session):
    from sqlalchemy.orm import Session

    return Session(bind=db_session.connection(), join_transaction_mode="create_savepoint")


def test_committed_mail_is_delivered_translated(app, db_session, mail):
    with request_in_transaction(app) as request:
        send_mail(request, "kari@example.org", _("Log in"), _("Log out"), locale="nn")
    (message,) = mail.messages
    assert message["To"] == "kari@example.org"
    assert message["Subject"] == "Logg inn"
    assert message.get_content().strip() == "Logg ut"
    assert message["From"] == "Norec test <noreply@test.example.org>"
    (row,) = _outbox(db_session)
    assert (row.status, row.attempts, row.message_id) == ("sent", 1, message["Message-ID"])


def test_a_relayed_message_replies_to_its_sender_in_the_recipients_language(app, db_session, mail):
    # The closing line is a translation string inside the body's mapping: it is written in
    # the recipient's language too, not left in English.
    closing = _("Log out")
    with request_in_transaction(app) as request:
        body = _("${name}: ${text}", mapping={"name": "Kari", "text": closing})
        send_mail(request, "ola@example.org", "Hei", body, locale="nn", reply_to="kari@example.org")
        with pytest.raises(ValueError):
            send_mail(request, "ola@example.org", "Hei", "Hallo", reply_to="a@b.c\nBcc: x@y.z")
    (message,) = mail.messages
    assert message["Reply-To"] == "kari@example.org"
    assert message.get_content().strip() == "Kari: Logg ut"


def test_a_subject_is_one_line_whatever_it_is_made_of(app, db_session, mail):
    title = "Nurses learn\r\ntogether"  # a title pasted with its line break
    with request_in_transaction(app) as request:
        subject = _("Received: the application «${title}»", mapping={"title": title})
        send_mail(request, "kari@example.org", subject, "Hallo")
        send_mail(request, "kari@example.org", "\n  Received\t", "Hallo")
    first, second = sorted(mail.messages, key=lambda m: len(m["Subject"]), reverse=True)
    assert first["Subject"] == "Received: the application «Nurses learn together»"
    assert second["Subject"] == "Received"
    assert sorted(r.subject for r in _outbox(db_session)) == ["Received", first["Subject"]]


def test_rolled_back_request_sends_nothing(app, db_session, mail):
    with pytest.raises(RuntimeError), request_in_transaction(app) as request:
        send_mail(request, "kari@example.org", "Hei", "Hallo")
        raise RuntimeError("the change that caused the mail failed")
    assert mail.messages == []
    assert _outbox(db_session) == []


def test_an_address_the_server_refuses_bounces_at_once_and_others_go(app, db_session, mail):
    from norec_core import delivery_statuses

    mail.unknown.add("gone@example.org")
    with request_in_transaction(app) as request:
        ids = [
            send_mail(request, to, "Hei", "Hallo").id
            for to in ("gone@example.org", "kari@example.org")
        ]
    assert [m["To"] for m in mail.messages] == ["kari@example.org"]
    statuses = delivery_statuses(db_session, ids)
    assert statuses == {ids[0]: "bounced", ids[1]: "sent"}
    gone = db_session.get(OutboxMessage, ids[0])
    assert gone.attempts == 1 and "No such user" in gone.last_error
    assert deliver_for_registry(app.registry) == {}  # not tried again


def test_failing_mail_is_retried_with_backoff_then_marked_failed(app, db_session, mail):
    mail.stop()
    with request_in_transaction(app) as request:
        send_mail(request, "kari@example.org", "Hei", "Hallo")
    (row,) = _outbox(db_session)
    assert (row.status, row.attempts) == ("queued", 1)
    assert "ConnectionRefusedError" in row.last_error
    first_delay = row.next_attempt_at - clock.now()
    assert datetime.timedelta(seconds=50) < first_delay <= datetime.timedelta(seconds=60)

    # Not due yet: nothing happens.
    assert deliver_for_registry(app.registry) == {}
    now = clock.now()
    for attempt in range(2, 9):
        now += datetime.timedelta(hours=7)
        deliver_for_registry(app.registry, now=now)
        db_session.refresh(row)
        assert row.attempts == attempt
    assert row.status == "failed"


def test_administrators_see_failed_mail_and_retry_it(admin_app, db_session, mail):
    from norec_core.mail.outbox import add_to_outbox

    message = add_to_outbox(db_session, "lost@example.org", "Invitation", "Welcome")
    message.status, message.attempts, message.last_error = "failed", 8, "SMTPRecipientsRefused"
    message.language = "nn"
    db_session.flush()
    page = admin_app.get("/admin/outbox", {"status": "failed"})
    assert "lost@example.org" in page.text and "SMTPRecipientsRefused" in page.text
    # Each message says the language it is written in.
    [row] = page.html.select("tbody tr")
    assert "Norwegian Nynorsk" in row.text
    form = next(f for f in page.forms.values() if "id" in f.fields)
    form.submit().follow()
    db_session.refresh(message)
    assert message.status == "sent"
    assert [m["To"] for m in mail.messages] == ["lost@example.org"]


def test_one_delivery_sends_every_batch_that_is_due(app, db_session, mail):
    """A wave larger than a batch goes out in one delivery, batch after batch (it sent one
    batch, and the rest waited a minute for each next one)."""
    mail.stop()  # queued, not sent at once after the commit
    with request_in_transaction(app) as request:
        for n in range(25):
            send_mail(request, f"wave{n}@example.org", "Invitation", f"Welcome, {n}")
    mail.start()
    later = clock.now() + datetime.timedelta(minutes=5)
    assert deliver_for_registry(app.registry, now=later, batch=10) == {"sent": 25}
    assert sorted(m["To"] for m in mail.messages) == sorted(
        f"wave{n}@example.org" for n in range(25)
    )


def test_smtp_outage_loses_and_duplicates_nothing(app, db_session, mail):
    """100 mails queued while the SMTP server is down all arrive, once each, when it is back."""
    mail.stop()
    with request_in_transaction(app) as request:
        for n in range(100):
            send_mail(request, f"alumnus{n}@example.org", "Gathering", f"Welcome, alumnus {n}")
    queued = _outbox(db_session, status="queued")
    assert len(queued) == 100 and all(m.attempts == 1 for m in queued)
    mail.start()
    later = clock.now() + datetime.timedelta(minutes=5)
    assert deliver_for_registry(app.registry, now=later) == {"sent": 100}
    # A second run, or a worker that overlapped with the first, finds nothing to send.
    assert deliver_for_registry(app.registry, now=later) == {}
    assert len(mail.messages) == 100
    assert len({m["Message-ID"] for m in mail.messages}) == 100
    assert sorted(m["To"] for m in mail.messages) == sorted(
        f"alumnus{n}@example.org" for n in range(100)
    )
    assert db_session.scalar(select(func.count()).where(OutboxMessage.status == "sent")) == 100


def test_mass_mailing_reaches_those_who_agreed_with_an_unsubscribe_link(
    admin_app, db_session, make_person, mail
):
    # Abroad, English unless one chose another language for one's mail.
    agreed = [
        make_person(consent_newsletter=True, country="KE", correspondence_language=chosen)
        for chosen in (None, "sw", "nn")
    ]
    make_person(consent_newsletter=False, country="KE")
    make_person(consent_newsletter=True, country="NP")
    form = admin_app.get("/admin/mailing").forms["norec-form"]
    form["subject"], form["body"], form["country"] = "Gathering in Nairobi", "Welcome!", "KE"
    job_page = form.submit("submit").follow()
    assert "Finished" in job_page.text and "3 messages queued." in job_page.text
    status = admin_app.get(job_page.request.path + "/status").json
    assert (status["done"], status["total"], status["percent"]) == (3, 3, 100)

    assert sorted(m["To"] for m in mail.messages) == sorted(p.email for p in agreed)
    footers = {m["To"]: m.get_content().rsplit("-- \r\n", 1)[1] for m in mail.messages}
    assert footers[agreed[0].email].startswith("You receive this because")
    assert footers[agreed[1].email].startswith("You receive this because")  # no Swahili here
    assert footers[agreed[2].email].startswith("Du får dette fordi")  # in nynorsk
    message = next(m for m in mail.messages if m["To"] == agreed[0].email)
    link = message["List-Unsubscribe"].strip("<>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.get_content()

    # One click, without logging in, as mail clients do it.
    admin_app.reset()
    path = link.removeprefix("http://localhost")
    assert "Stop receiving" in admin_app.get(path).text
    assert "no more newsletters" in admin_app.post(path).text
    person = next(p for p in agreed if p.email == message["To"])
    db_session.refresh(person)
    assert person.consent_newsletter is False
    last = db_session.scalars(
        select(ConsentRecord)
        .where(ConsentRecord.person_id == person.id)
        .order_by(ConsentRecord.id.desc())
    ).first()
    assert (last.kind, last.granted, last.actor) == ("newsletter", False, "unsubscribe link")
    admin_app.get("/unsubscribe/forged-token", status=404)


def test_mailing_form_keeps_input_on_error(admin_app):
    form = admin_app.get("/admin/mailing").forms["norec-form"]
    form["body"] = "Text I wrote"
    page = form.submit("submit", status=422)
    assert page.forms["norec-form"]["body"].value == "Text I wrote"
    assert page.html.select_one("input[name=subject]")["aria-invalid"] == "true"


def test_a_message_claimed_by_another_worker_is_left_to_it_until_the_claim_is_stale(
    app, db_session, mail
):
    from norec_core.mail.outbox import add_to_outbox

    message = add_to_outbox(db_session, "kari@example.org", "Hei", "Hallo")
    message.status, message.claimed_at = "sending", clock.now()
    db_session.flush()
    assert deliver_for_registry(app.registry) == {}
    # That worker died while sending: after a while the message is sent again, not lost.
    later = clock.now() + datetime.timedelta(minutes=20)
    assert deliver_for_registry(app.registry, now=later) == {"sent": 1}
    assert len(mail.messages) == 1


def test_a_mailing_whose_worker_died_fails_and_resumes_without_sending_twice(
    admin_app, app, db_session, make_person, mail
):
    from norec_core.tasks.jobs import STALLED, fail_stalled
    from norec_core.tasks.models import Job

    people = sorted(
        (make_person(consent_newsletter=True, country="GH") for _ in range(4)),
        key=lambda p: p.id,
    )
    # The worker committed the first two messages with their checkpoint, then died.
    env = prepare(registry=app.registry)
    with env["request"].tm:
        for person in people[:2]:
            send_mail(env["request"], person.email, "News", "Hello", bulk_for=person)
    env["closer"]()
    hour_ago = clock.now() - datetime.timedelta(hours=1)
    job = Job(
        name="mail.mailing",
        params={"subject": "News", "body": "Hello", "country": "GH"},
        status="running",
        done=2,
        total=4,
        started_at=hour_ago,
        beat_at=hour_ago,
        checkpoint={"done": 2, "after": people[1].id},
    )
    db_session.add(job)
    db_session.flush()
    assert fail_stalled(db_session, app.registry.settings) == 1
    db_session.refresh(job)
    assert (job.status, job.message) == ("failed", STALLED)

    page = admin_app.get(f"/jobs/{job.id}")
    [resume] = [f for f in page.forms.values() if f.action.endswith("/resume")]
    assert "Finished" in resume.submit().follow().text
    sent = db_session.scalars(
        select(OutboxMessage.recipient).where(OutboxMessage.subject == "News")
    ).all()
    assert sorted(sent) == sorted(p.email for p in people)  # each once


def test_mail_can_wait_in_the_outbox_until_its_time(app, db_session, mail):
    env = prepare(registry=app.registry)
    tomorrow = clock.now() + datetime.timedelta(days=1)
    with env["request"].tm:
        message_id = send_mail(
            env["request"], "later@example.org", "Reminder", "Tomorrow", send_at=tomorrow
        ).id
    env["closer"]()
    deliver_for_registry(app.registry)
    assert mail.messages == []
    deliver_for_registry(app.registry, now=tomorrow + datetime.timedelta(minutes=1))
    [delivered] = mail.messages
    assert delivered["Subject"] == "Reminder"
    assert db_session.get(OutboxMessage, message_id).status == "sent"


def test_a_tampered_confirmation_or_unsubscribe_link_changes_nothing(
    admin_app, db_session, make_person, mail
):
    from norec_core.domain.models import ListSubscription

    person = make_person(email="tamper@lists.example.org", consent_newsletter=True)
    page = admin_app.get(f"/people/{person.id}")
    [join] = [f for f in page.forms.values() if f.action.endswith("/lists/notes.digest")]
    join.submit("action", value="join")
    [message] = mail.messages
    link = next(w for w in message.get_content().split() if "/act/" in w)
    path = link.removeprefix("http://localhost")
    admin_app.reset()
    for forged in (path[:-1] + ("A" if path[-1] != "A" else "B"), path + "x", path[:-8]):
        response = admin_app.get(forged, expect_errors=True)
        assert response.status_int in (400, 404, 410), (forged, response.status_int)
    row = db_session.scalar(select(ListSubscription).where(ListSubscription.person_id == person.id))
    assert row.status == "pending"
    admin_app.get("/unsubscribe/" + "x" * 40, status=404)
    admin_app.post("/unsubscribe/" + "x" * 40, {"List-Unsubscribe": "One-Click"}, status=404)
    db_session.refresh(person)
    assert person.consent_newsletter


def test_a_plugin_s_mailing_list_has_double_opt_in_and_its_own_unsubscribe(
    admin_app, app, db_session, make_person, mail
):
    from norec_core import list_members
    from norec_core.domain.models import ListSubscription

    person = make_person(email="asha@lists.example.org", consent_newsletter=True)
    page = admin_app.get(f"/people/{person.id}")
    [join] = [f for f in page.forms.values() if f.action.endswith("/lists/notes.digest")]
    assert "A link to confirm is sent" in join.submit("action", value="join").follow().text
    row = db_session.scalar(select(ListSubscription).where(ListSubscription.person_id == person.id))
    assert row.status == "pending"  # nothing until the owner of the address says yes
    [message] = mail.messages
    assert message["Subject"] == "Confirm: Notes digest"
    link = next(w for w in message.get_content().split() if "/act/" in w)
    admin_app.reset()
    confirm = admin_app.get(link.removeprefix("http://localhost"))
    assert "You are on the list: Notes digest." in confirm.forms["action"].submit("submit").text
    db_session.refresh(row)
    assert row.status == "subscribed"
    consent = db_session.scalar(
        select(ConsentRecord).where(ConsentRecord.kind == "list:notes.digest")
    )
    assert (consent.granted, consent.text_version) == (True, "2026-11")

    env = prepare(registry=app.registry)
    request = env["request"]
    members = db_session.scalars(select(Person.id).where(list_members(request, "notes.digest")))
    assert list(members) == [person.id]
    mail.clear()
    with request.tm:
        send_mail(
            request, person.email, "Digest", "Notes", bulk_for=person, mailing_list="notes.digest"
        )
    env["closer"]()
    [digest] = mail.messages
    admin_app.post(digest["List-Unsubscribe"].strip("<>").removeprefix("http://localhost"))
    db_session.refresh(row)
    db_session.refresh(person)
    assert row.status == "unsubscribed" and person.consent_newsletter is True  # this list only


def test_mail_carries_attachments_through_the_outbox(app, mail):
    pdf = b"%PDF-1.4\n%%EOF\n"
    env = prepare(registry=app.registry)
    with env["request"].tm:
        send_mail(
            env["request"],
            "applicant@example.org",
            "Decision",
            "The decision letter is attached.",
            attachments=[("Vedtak.pdf", "application/pdf", pdf)],
        )
    env["closer"]()
    [message] = mail.messages
    [attached] = list(message.iter_attachments())
    assert attached.get_filename() == "Vedtak.pdf"
    assert attached.get_content_type() == "application/pdf"
    assert attached.get_content() == pdf
    assert "The decision letter is attached." in message.get_body().get_content()
