"""Whether registering tells, by its time, if an address has an account: N registrations
of new addresses and N of known ones through the real app (WebTest, SQLite file, mail to
a real SMTP server on loopback), and the median time of each.

    .venv/bin/python benchmarks/registration_timing.py [N]

A benchmark, not a test: the numbers depend on the machine. What matters is that the two
medians are close compared with the password hash that both do.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from webtest import TestApp

from norec_core import migrate
from norec_core.app import main
from norec_core.testing import SMTPServer, make_settings


def register(app: TestApp, email: str) -> float:
    form = app.get("/register").forms["register"]
    form["given_name"], form["family_name"], form["email"] = "Timing", "Test", email
    form["password"] = form["password_again"] = "a-long-enough-password"  # noqa: S105
    started = time.perf_counter()
    form.submit("submit", status=200)
    return time.perf_counter() - started


def run(count: int) -> None:
    smtp = SMTPServer()
    smtp.start()
    with tempfile.TemporaryDirectory() as tmp:
        # Mail waits for the worker, as in production: it is not part of the request.
        settings = make_settings(
            f"sqlite:///{Path(tmp) / 'bench.sqlite'}",
            **{
                "norec.mail.port": str(smtp.port),
                "norec.queue.url": f"sqlite:///{tmp}/q.db",
                "norec.register.max_per_address": str(10 * count),
            },
        )
        migrate.upgrade(settings)
        app = TestApp(main({}, **settings), extra_environ={"HTTP_HOST": "localhost"})
        known = [f"known{n}@example.org" for n in range(count)]
        for email in known:
            register(app, email)
        new_times = [register(app, f"new{n}@example.org") for n in range(count)]
        known_times = [register(app, email) for email in known]
    smtp.stop()
    new, old = statistics.median(new_times), statistics.median(known_times)
    print(f"{count} registrations each; median new address {new * 1000:.1f} ms,")
    print(f"known address {old * 1000:.1f} ms, difference {abs(new - old) * 1000:.1f} ms")


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
