"""The set-up past one machine, from production.ini: two web processes and two workers
on one PostgreSQL and one Redis. A user logged in through one process is known to the
other, and a mass mailing is delivered by both workers, every message exactly once."""

import configparser
import re
import secrets
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from norec_core import Person
from norec_core.mail.models import OutboxMessage
from norec_core.testing import SMTPServer, free_port, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
ADMIN, PASSWORD = "operator@example.org", "a-long-operator-password"
RECIPIENTS = 1000  # five batches of the mailing job: five deliveries to share


def _ini(tmp_path, database, redis_url, smtp_port, web_port) -> Path:
    """production.ini as shipped, with this machine's servers in place of CHANGE."""
    config = configparser.RawConfigParser()
    config.optionxform = str
    config.read(ROOT / "production.ini")
    app = config["app:main"]
    for key in [k for k in app if k.startswith(("norec.files.s3.", "norec.mail.user"))]:
        del app[key]
    del app["norec.mail.password"]
    app.update(
        {
            "sqlalchemy.url": database,
            "norec.session_secret": secrets.token_urlsafe(48),
            "norec.base_url": f"http://127.0.0.1:{web_port}",
            "norec.allowed_hosts": "127.0.0.1",
            "norec.secure_cookies": "false",  # plain HTTP on loopback
            "norec.queue.url": redis_url,
            "norec.files.url": f"file://{tmp_path / 'files'}",
            "norec.mail.host": "127.0.0.1",
            "norec.mail.port": str(smtp_port),
            "norec.mail.security": "none",
            "norec.plugins": "",
        }
    )
    # Each delivery says in the worker's log how much it sent.
    config["loggers"]["keys"] += ", mail"
    config["logger_mail"] = {"level": "INFO", "handlers": "", "qualname": "norec_core.mail"}
    path = tmp_path / "production.ini"
    with path.open("w") as out:
        config.write(out)
    return path


def _norec(ini, *args, **kw):
    norec = Path(sys.executable).with_name("norec")
    return subprocess.run([str(norec), "-c", str(ini), *args], check=True, **kw)


def _login(port) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = opener.open(f"http://127.0.0.1:{port}/login").read().decode()
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    fields |= {"email": ADMIN, "password": PASSWORD, "submit": "submit"}
    opener.open(f"http://127.0.0.1:{port}/login", urllib.parse.urlencode(fields).encode())
    return opener


@pytest.mark.norec_backends("postgresql")
def test_two_web_processes_and_two_workers_share_the_work(postgresql_server, redis_url, tmp_path):
    smtp = SMTPServer(delay=0.01)  # a real server's pace: one worker cannot drain it alone
    smtp.start()
    database = postgresql_server.create_database("norec_production")
    first, second = free_port(), free_port()
    ini = _ini(tmp_path, database, redis_url, smtp.port, first)
    _norec(ini, "db", "upgrade", capture_output=True)
    _norec(
        ini,
        "user",
        "add",
        ADMIN,
        "--role",
        "admin",
        "--password-stdin",
        input=PASSWORD + "\n",
        text=True,
        capture_output=True,
    )
    engine = create_engine(database)
    with Session(engine) as session, session.begin():
        session.add_all(
            Person(
                given_name="Alum",
                family_name=f"{n:04}",
                email=f"alum{n}@example.org",
                consent_newsletter=True,
            )
            for n in range(RECIPIENTS)
        )
    pserve = Path(sys.executable).with_name("pserve")
    norec = Path(sys.executable).with_name("norec")
    logs = [tmp_path / "worker-a.log", tmp_path / "worker-b.log"]
    web_logs = [tmp_path / "web-a.log", tmp_path / "web-b.log"]
    processes = [
        subprocess.Popen([str(pserve), str(ini), f"http_port={port}"], stderr=log.open("w"))
        for port, log in zip((first, second), web_logs, strict=True)
    ] + [
        subprocess.Popen(
            [str(norec), "-c", str(ini), "worker", "--workers", "1"], stderr=log.open("w")
        )
        for log in logs
    ]
    try:
        try:
            wait_for_port(first, timeout=30)
            wait_for_port(second, timeout=30)
        except TimeoutError:
            pytest.fail("\n".join(log.read_text() for log in web_logs))
        browser = _login(first)
        # The session made by the first process is the second one's too.
        account = browser.open(f"http://127.0.0.1:{second}/account")
        assert account.url.endswith("/account")
        assert ADMIN in account.read().decode()

        form = browser.open(f"http://127.0.0.1:{second}/admin/mailing").read().decode()
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
        fields |= {
            "subject": "Norec Network news",
            "body": "A gathering in Nairobi.",
            "country": "",
            "submit": "submit",
        }
        job_page = browser.open(
            f"http://127.0.0.1:{second}/admin/mailing", urllib.parse.urlencode(fields).encode()
        )
        assert "/jobs/" in job_page.url

        deadline = time.monotonic() + 120
        while len(smtp.messages) < RECIPIENTS and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(2)  # anything sent twice would arrive now
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        smtp.stop()

    received = Counter(m["To"] for m in smtp.messages)
    assert len(received) == RECIPIENTS and set(received.values()) == {1}
    with Session(engine) as session:
        statuses = dict(
            session.execute(
                select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
            ).all()
        )
    assert statuses == {"sent": RECIPIENTS}
    # Both workers delivered part of it.
    sent = [sum(int(n) for n in re.findall(r"'sent': (\d+)", log.read_text())) for log in logs]
    assert sum(sent) == RECIPIENTS and min(sent) > 0, sent
    engine.dispose()
