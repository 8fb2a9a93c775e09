"""How fast the outbox delivers: N messages queued, then delivered by the worker's
function to a real SMTP server on loopback (aiosmtpd), on a fresh SQLite database.

    .venv/bin/python benchmarks/mail_delivery.py [N]

Prints the time to queue and to deliver, and messages per second. A benchmark, not a
test: the numbers depend on the machine.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from pyramid.scripting import prepare

from norec_core import migrate
from norec_core.app import main
from norec_core.mail.outbox import deliver_for_registry, send_mail
from norec_core.testing import SMTPServer, make_settings


def run(count: int) -> None:
    smtp = SMTPServer()
    smtp.start()
    with tempfile.TemporaryDirectory() as tmp:
        settings = make_settings(
            f"sqlite:///{Path(tmp) / 'bench.sqlite'}",
            **{
                "norec.mail.port": str(smtp.port),
                # Queue only: delivery is timed on its own below.
                "norec.queue.url": f"sqlite:///{Path(tmp) / 'queue.sqlite'}",
            },
        )
        migrate.upgrade(settings)
        app = main({}, **settings)
        env = prepare(registry=app.registry)
        request = env["request"]
        started = time.perf_counter()
        with request.tm:
            for n in range(count):
                send_mail(request, f"alumnus{n}@example.org", "Newsletter", f"Hello {n}")
        queued = time.perf_counter() - started
        env["closer"]()
        started = time.perf_counter()
        report = deliver_for_registry(app.registry)
        delivered = time.perf_counter() - started
    smtp.stop()
    assert report == {"sent": count} and len(smtp.messages) == count, report
    print(f"queued {count} messages in {queued:.2f} s ({count / queued:.0f}/s)")
    print(f"delivered {count} messages in {delivered:.2f} s ({count / delivered:.0f}/s)")


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 4000)
