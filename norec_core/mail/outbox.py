"""Queueing mail in the outbox and delivering it with retries.

`send_mail` writes the message to the outbox in the request's transaction and asks the
task queue to deliver once that transaction commits: a rolled-back request sends
nothing, and a committed one loses nothing even if the SMTP server is down. Delivery
retries with growing delays; a message that keeps failing is marked `failed`, shown to
administrators and retried by hand, never dropped.
"""

from __future__ import annotations

import datetime
import email.utils
import logging
import smtplib
from collections import Counter
from collections.abc import Callable
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from pyramid.i18n import TranslationString
from pyramid.request import Request
from pyramid.scripting import prepare
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from norec_core import clock
from norec_core.agency import site
from norec_core.db import new_session
from norec_core.domain.models import Person
from norec_core.i18n import _, localizer_for, translate
from norec_core.i18n.recipients import recipient_language
from norec_core.interfaces import IFileStore, IMailer, ITaskQueue
from norec_core.mail import unsubscribe
from norec_core.mail.models import OutboxMessage

DEFAULT_SENDER = "noreply@localhost"
STALE_CLAIM = datetime.timedelta(minutes=15)
log = logging.getLogger(__name__)


def _default_sender(registry) -> str:
    """Without `norec.mail.sender`, mail is from the agency's name at a local address."""
    return email.utils.formataddr((site(registry).short_name, DEFAULT_SENDER))


def one_line(text: str) -> str:
    """A subject as one line: a title typed with a line break, or a translation that
    begins with one, must not start the subject with a newline or split its header."""
    return " ".join(text.split())


def send_mail(
    request: Request,
    to: str,
    subject: str | TranslationString,
    body: str | TranslationString,
    *,
    locale: str | None = None,
    bulk_for: Person | None = None,
    mailing_list: str | None = None,
    send_at: datetime.datetime | None = None,
    attachments: list[tuple[str, str, bytes]] = (),
    reply_to: str | None = None,
) -> OutboxMessage:
    """Queue a message, translated into `locale` (the request's by default).

    A bulk mail (newsletter, invitation, mass mailing) names the `Person` it goes to
    in `bulk_for`: it gets an unsubscribe link in its text and its headers, and is in
    the person's language when no `locale` is given; with `mailing_list` (a declared
    list's name) the link takes the person off that list alone. `send_at` (an aware datetime)
    holds the message in the outbox until then: a reminder the day before a deadline.
    `attachments` are (file name, media type, bytes): a decision letter as PDF.
    `reply_to` is where answers go: the sender of a message one member relays to another.
    """
    if locale is None and bulk_for is not None:
        locale = recipient_language(request, person=bulk_for)
    localizer = localizer_for(request, locale)
    subject, body = one_line(translate(localizer, subject)), translate(localizer, body)
    headers = {}
    if reply_to:
        if "\n" in reply_to or "\r" in reply_to:
            raise ValueError("a Reply-To address is one line")
        headers["Reply-To"] = reply_to
    if bulk_for is not None:
        link = unsubscribe.url(request, bulk_for, mailing_list)
        footer = _(
            "You receive this because you agreed to receive e-mail from us. To stop: ${link}",
            mapping={"link": link},
        )
        body = f"{body}\n\n-- \n{localizer.translate(footer)}\n"
        headers["List-Unsubscribe"] = f"<{link}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = add_to_outbox(
        request.dbsession, to, subject, body, headers, bulk=bulk_for is not None
    )
    message.language = locale or request.locale_name
    if send_at is not None:
        message.next_attempt_at = send_at
    if attachments:
        store = request.find_service(IFileStore)
        message.attachments = [
            {"filename": name, "content_type": kind, "key": store.put(data)}
            for name, kind, data in attachments
        ]
    deliver_after_commit(request)
    return message


def add_to_outbox(
    session: Session, to: str, subject: str, body: str, headers=None, *, bulk: bool = False
) -> OutboxMessage:
    domain = to.rpartition("@")[2] or "localhost"
    message = OutboxMessage(
        recipient=to,
        subject=subject,
        body=body,
        headers=dict(headers or {}),
        bulk=bulk,
        message_id=make_msgid(domain=domain),
    )
    session.add(message)
    session.flush()
    return message


def deliver_after_commit(request: Request) -> None:
    if getattr(request, "_norec_mail_pending", False):
        return
    request._norec_mail_pending = True
    queue = request.find_service(ITaskQueue)

    def deliver(committed: bool) -> None:
        request._norec_mail_pending = False
        if committed:
            queue.deliver_mail()

    request.tm.get().addAfterCommitHook(deliver)


def as_email(message: OutboxMessage, sender: str, files: IFileStore | None = None) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = message.message_id
    email["Date"] = format_datetime(message.created_at.replace(tzinfo=datetime.UTC))
    for name, value in message.headers.items():
        email[name] = value
    email.set_content(message.body)
    for attached in message.attachments or ():
        maintype, _slash, subtype = attached["content_type"].partition("/")
        email.add_attachment(
            files.get(attached["key"]),
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=attached["filename"],
        )
    return email


def retry_delay(attempts: int, base: float) -> datetime.timedelta:
    """Doubling delays from `base` seconds, at most six hours apart."""
    return datetime.timedelta(seconds=min(base * 2 ** (attempts - 1), 6 * 3600))


def deliver_due(
    make_session: Callable[[], Session],
    mailer: IMailer,
    *,
    sender: str = DEFAULT_SENDER,
    max_attempts: int = 8,
    base_delay: float = 60,
    now: datetime.datetime | None = None,
    limit: int = 1000,
    files: IFileStore | None = None,
) -> Counter:
    """Send what is due; returns how many were sent, put back for a retry, or failed.

    Each message is first claimed (queued → sending) by an UPDATE that only one worker
    can win, on SQLite as on PostgreSQL, and committed; then sent; then marked. Two
    workers never send the same message. A claim left behind by a worker that died
    while sending is released after `STALE_CLAIM`: sent again rather than lost.
    """
    now = now or clock.now()
    report: Counter = Counter()
    with make_session() as session, session.begin():
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.status == "sending", OutboxMessage.claimed_at < now - STALE_CLAIM)
            .values(status="queued")
        )
    with make_session() as session:
        due = session.scalars(
            select(OutboxMessage.id)
            .where(OutboxMessage.status == "queued", OutboxMessage.next_attempt_at <= now)
            .order_by(OutboxMessage.id)
            .limit(limit)
        ).all()
    if not due:
        return report
    connection = send = None
    down: Exception | None = None  # the server could not be reached: no use trying again now
    for message_id in due:
        with make_session() as session, session.begin():
            claimed = session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id, OutboxMessage.status == "queued")
                .values(status="sending", claimed_at=now)
            ).rowcount
        if not claimed:
            continue  # another worker has it
        with make_session() as session, session.begin():
            message = session.get(OutboxMessage, message_id)
            try:
                if down is not None:
                    raise down
                if send is None:
                    try:
                        connection = mailer.connect()
                        send = connection.__enter__().send
                    except Exception as exc:
                        down = exc
                        raise
                send(as_email(message, sender, files))
            except Exception as exc:  # down, refused, or the line broke
                report[_failed(message, exc, now, max_attempts, base_delay)] += 1
            else:
                message.attempts += 1
                message.status, message.sent_at, message.last_error = "sent", now, ""
                report["sent"] += 1
    if send is not None:
        try:
            connection.__exit__(None, None, None)
        except Exception:  # noqa: S110 (a failing goodbye loses nothing)
            pass
    return report


def _refused_for_good(exc: Exception) -> bool:
    """Whether the receiving server refused the address itself (5xx: no such mailbox):
    sending again would only be refused again, and harms the sender's reputation."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _text in exc.recipients.values())
    return False


def _failed(message, exc, now, max_attempts, base_delay) -> str:
    message.attempts += 1
    message.status = "queued"
    message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    if _refused_for_good(exc):
        message.status = "bounced"
        return "bounced"
    if message.attempts >= max_attempts:
        message.status = "failed"
        return "failed"
    message.next_attempt_at = now + retry_delay(message.attempts, base_delay)
    return "retry"


def deliver_for_registry(
    registry, now: datetime.datetime | None = None, batch: int = 1000
) -> Counter:
    """Deliver what is due with the application's mailer and settings (the worker's task):
    `batch` messages at a time, until a batch is not sent whole (nothing more is due, or
    the server refused), so that a wave of 4,000 invitations goes out at once instead of
    1,000 a minute."""
    settings = registry.settings
    env = prepare(registry=registry)
    try:
        mailer = env["request"].find_service(IMailer)
        files = env["request"].find_service(IFileStore)
    finally:
        env["closer"]()
    report: Counter = Counter()
    while True:
        done = deliver_due(
            lambda: new_session(registry),
            mailer,
            sender=settings.get("norec.mail.sender") or _default_sender(registry),
            max_attempts=int(settings.get("norec.mail.max_attempts", 8)),
            base_delay=float(settings.get("norec.mail.retry_delay", 60)),
            now=now,
            limit=batch,
            files=files,
        )
        report += done
        if done["sent"] < batch:
            break
    if report:
        log.info("mail delivery: %s", dict(report))
    return report


def delivery_statuses(session: Session, ids) -> dict[int, str]:
    """Where each of the outbox's messages `ids` stands (the ids of what `send_mail`
    returned): queued, sending, sent, failed (retries used up) or bounced (the address
    was refused: an invitation that cannot arrive)."""
    ids = list(ids)
    found: dict[int, str] = {}
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        found.update(
            session.execute(
                select(OutboxMessage.id, OutboxMessage.status).where(OutboxMessage.id.in_(chunk))
            ).all()
        )
    return found


def retry(message: OutboxMessage) -> None:
    """Put a failed message back in the queue, due now (an administrator's decision)."""
    message.status, message.attempts, message.next_attempt_at = "queued", 0, clock.now()
