"""Mail transports, chosen by `norec.mail.transport`: `smtp` (production, tests) or `files`
(development: each message an .eml file in a directory, to open in a mail reader)."""

from __future__ import annotations

import smtplib
import ssl
from contextlib import contextmanager
from email.message import EmailMessage
from pathlib import Path

from zope.interface import implementer

from norec_core.interfaces import IMailer


@implementer(IMailer)
class SMTPMailer:
    def __init__(
        self,
        host: str = "localhost",
        port: int = 25,
        *,
        username: str = "",
        password: str = "",
        security: str = "none",
        timeout: float = 30.0,
    ):
        if security not in ("none", "starttls", "ssl"):
            raise ValueError(f"norec.mail.security must be none, starttls or ssl, not {security!r}")
        self.host, self.port = host, port
        self.username, self.password = username, password
        self.security, self.timeout = security, timeout

    @contextmanager
    def connect(self):
        if self.security == "ssl":
            smtp = smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            if self.security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if self.username:
                smtp.login(self.username, self.password)
            yield _Connection(smtp.send_message)
        finally:
            try:
                smtp.quit()
            except smtplib.SMTPException:
                smtp.close()


@implementer(IMailer)
class FileMailer:
    def __init__(self, directory: str):
        self.directory = Path(directory)

    @contextmanager
    def connect(self):
        self.directory.mkdir(parents=True, exist_ok=True)

        def send(message: EmailMessage) -> None:
            name = message["Message-ID"].strip("<>").replace("@", "_at_").replace("/", "_")
            (self.directory / f"{name}.eml").write_bytes(bytes(message))

        yield _Connection(send)


class _Connection:
    def __init__(self, send):
        self.send = send


def mailer_from_settings(settings: dict):
    transport = settings.get("norec.mail.transport", "smtp")
    if transport == "files":
        return FileMailer(settings.get("norec.mail.directory", "var/mail"))
    if transport == "smtp":
        return SMTPMailer(
            settings.get("norec.mail.host", "localhost"),
            int(settings.get("norec.mail.port", 25)),
            username=settings.get("norec.mail.username", ""),
            password=settings.get("norec.mail.password", ""),
            security=settings.get("norec.mail.security", "none"),
            timeout=float(settings.get("norec.mail.timeout", 30)),
        )
    raise ValueError(f"norec.mail.transport must be smtp or files, not {transport!r}")
