"""How long the network's register import takes: 12,000 rows from a CSV file, checked
(dry run), imported, and imported again (which changes nothing).

    .venv/bin/python benchmarks/network_import.py            # 12,000 rows
    .venv/bin/python benchmarks/network_import.py --rows 2000

The database is a fresh SQLite file with 1,000 people already in it, a tenth of whom the
file names, so that matching is measured too. The file is as messy as the archive's:
known people by their address (padded, in capitals) or by name and country with another
address or none, people twice in the file, bad addresses. Each run is the real command,
`norec network import`, in a process of its own, with the search index kept up to date
as on a site. At the end the database is counted: the second import must change nothing,
and nobody may have been merged on a name alone (every such row waits for an adviser).
"""

from __future__ import annotations

import argparse
import sqlite3
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
"""
COUNTRIES = ["KE", "NP", "IN", "TZ", "UG", "NO", "MW", "BD", "ZA", "ET"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=12_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="norec-import-"))
    ini = work / "bench.ini"
    ini.write_text(INI.format(db=work / "bench.sqlite", files=work / "files"))
    norec = [str(Path(sys.executable).with_name("norec")), "-c", str(ini)]
    subprocess.run([*norec, "db", "upgrade"], check=True, capture_output=True)
    existing = [
        (f"Given{n}", f"Family{n}", f"known{n}@example.org", COUNTRIES[n % 10]) for n in range(1000)
    ]
    _seed(ini, existing)
    lines = [
        "given_name,family_name,email,country,exchange_year,sending_organisation,"
        "receiving_organisation,profession"
    ]
    for n in range(args.rows):
        if n % 10 == 0:  # someone already on the platform
            given, family, email, country = existing[n // 10 % 1000]
            if n % 40 == 10:
                email = ""  # by name and country only: a possible match
            elif n % 40 == 20:
                email = f"new{n}@example.org"  # the same name, another address: likewise
            elif n % 40 == 30:
                email = f"  {email.upper()} "  # their address, padded and in capitals
        elif n % 25 == 1:
            given, family = f"Alum{n - 1}", f"Person{(n - 1) % 3000}"  # row above, again
            email, country = f"alum{n - 1}@example.org", COUNTRIES[(n - 1) % 10]
        else:
            given, family = f"Alum{n}", f"Person{n % 3000}"
            email, country = f"alum{n}@example.org", COUNTRIES[n % 10]
        year = 1990 + n % 35
        if n % 97 == 0:
            email = "not-an-address"  # rejected
        lines.append(
            f"{given},{family},{email},{country},{year},Sender {n % 50},Receiver {n % 40},nurse"
        )
    data = work / "register.csv"
    data.write_text("\n".join(lines) + "\n")
    print(f"{args.rows:,} rows; 1,000 people on the platform before the first import")
    counted = []
    for label, extra in (("check (dry run)", ["--dry-run"]), ("import", []), ("import again", [])):
        start = time.perf_counter()
        done = subprocess.run(
            [*norec, "network", "import", str(data), *extra],
            check=True,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
        print(f"{label:<18} {seconds:6.1f} s   {done.stdout.splitlines()[0]}")
        counted.append(_count(work / "bench.sqlite"))
    _dry, first, second = counted
    print(f"after the imports: {second}")
    if first != second:
        print(f"the second import changed the database: {first} -> {second}")
        return 1
    if second["emails_changed"]:
        print("people on the platform got another address without an adviser deciding")
        return 1
    return 0


def _count(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        one = lambda sql: connection.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "people": one("SELECT count(*) FROM person"),
            "exchanges": one("SELECT count(*) FROM network_exchange"),
            "possible_matches": one("SELECT count(*) FROM network_possible_match"),
            # The seeded people keep the addresses they had: nobody merged on a name.
            "emails_changed": one(
                "SELECT count(*) FROM person WHERE given_name LIKE 'Given%' "
                "AND email NOT LIKE 'known%@example.org'"
            ),
        }


def _seed(ini: Path, people) -> None:
    from pyramid.paster import bootstrap

    from norec_core import Person

    with bootstrap(str(ini)) as env:
        request = env["request"]
        with request.tm:
            request.dbsession.add_all(
                Person(given_name=g, family_name=f, email=e, country=c) for g, f, e, c in people
            )


if __name__ == "__main__":
    sys.exit(main())
