"""How long an invitation wave of 4,000 takes, from "send" to the last message received
by an SMTP server on loopback.

    .venv/bin/python benchmarks/network_wave.py              # 4,000 invitations
    .venv/bin/python benchmarks/network_wave.py --size 500

The platform runs with `norec.queue.url = immediate`, so that the wave's job and the
outbox's delivery run in this process right after the commit, as the worker would; the
SMTP server is aiosmtpd (the test suite's). Printed: the time to create the wave (one
request), to send it (the job: a single-use link and a queued message each), and until
every message has been delivered.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

INI = """\
[app:main]
use = egg:norec-core
sqlalchemy.url = sqlite:///{db}
norec.base_url = http://127.0.0.1:6543
norec.session_secret = benchmark-secret-0123456789abcdef0123456789
norec.queue.url = immediate
norec.files.url = file://{files}
norec.plugins = network
norec.mail.transport = smtp
norec.mail.host = 127.0.0.1
norec.mail.port = {port}
norec.mail.sender = Norec <noreply@example.org>
"""


def main() -> int:
    from pyramid.paster import bootstrap

    from norec_core import Person
    from norec_core.testservers import SMTPServer
    from norec_network import waves
    from norec_network.models import Alumnus

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=4000)
    args = parser.parse_args()
    smtp = SMTPServer()
    smtp.start()
    work = Path(tempfile.mkdtemp(prefix="norec-wave-"))
    ini = work / "bench.ini"
    ini.write_text(INI.format(db=work / "bench.sqlite", files=work / "files", port=smtp.port))
    norec = [str(Path(sys.executable).with_name("norec")), "-c", str(ini)]
    subprocess.run([*norec, "db", "upgrade"], check=True, capture_output=True)
    with bootstrap(str(ini)) as env:
        request = env["request"]
        with request.tm:
            people = [
                Person(
                    given_name=f"Alum{n}",
                    family_name=f"Kenya{n:05d}",
                    email=f"alum{n}@example.org",
                    country="KE",
                )
                for n in range(args.size)
            ]
            request.dbsession.add_all(people)
            request.dbsession.flush()
            request.dbsession.add_all(Alumnus(person=p) for p in people)
        start = time.perf_counter()
        with request.tm:
            waves.create(request, ["KE"], args.size)
            created = time.perf_counter()
        # The commit ran the job and then the outbox's delivery, in this process.
        sent = time.perf_counter()
        while len(smtp.messages) < args.size and time.perf_counter() - sent < 600:
            time.sleep(0.05)
        delivered = time.perf_counter()
    smtp.stop()
    print(f"{args.size:,} invitations")
    print(f"wave created (one request)     {created - start:6.1f} s")
    print(f"job and delivery after commit  {sent - created:6.1f} s")
    received = len(smtp.messages)
    print(f"all received by SMTP           {delivered - start:6.1f} s   ({received:,} messages)")
    return 0 if len(smtp.messages) == args.size else 1


if __name__ == "__main__":
    sys.exit(main())
