"""How long the caseworkers' queue of applications takes to answer at the agency's volume
(issue 29, item 2: p95 at most 30 ms with 5,000 applications).

    .venv/bin/python benchmarks/grants_queue.py                  # SQLite, 5,000 applications
    .venv/bin/python benchmarks/grants_queue.py --db postgresql://user@host:port/name
    .venv/bin/python benchmarks/grants_queue.py --db postgresql  # a throw-away server
    .venv/bin/python benchmarks/grants_queue.py --applications 1000 --requests 50

It makes, through the plugin's models, in a temporary SQLite database (or the
PostgreSQL database named, which must be empty), three schemes with their rates and four
calls each, some 1,500 partner organisations in 25 countries, partnerships of two or
three of them, and the applications: each to a call of its partnership's scheme, in a
state of the workflow drawn as a year's cases spread over them (every state has some),
with its planned exchanges, its partners' costs and, once past screening, two assessors
of 40. Then it asks the queue in this process through WebTest as a caseworker, page
cache off, `--requests` times each kind: a page of the whole queue, a state, a call and a
state, a country, an organisation, an assessor, a word of the titles; the values are
drawn from the data, many on a page past the first, and no two requests are the same. It
prints p50 and p95 per kind, and the number of SQL statements of the last page of each
(SQLite's BEGIN among them; with `--statements`, the statements themselves).
A benchmark, not a test: the numbers depend on the machine and what else runs on it.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import random
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

INI = """\
[app:main]
use = egg:norec-core
sqlalchemy.url = {url}
norec.plugins = grants
norec.base_url = http://localhost
norec.session_secret = benchmark-secret-0123456789abcdef0123456789
norec.secure_cookies = false
norec.queue.url = immediate
norec.files.url = file://{files}
norec.mail.transport = files
norec.mail.directory = {mail}
norec.page_cache_mb = 0
pyramid.default_locale_name = en

[loggers]
keys = root

[handlers]
keys = null

[formatters]
keys =

[logger_root]
level = WARNING
handlers = null

[handler_null]
class = NullHandler
args = ()
"""

CASEWORKER, PASSWORD = "caseworker@example.org", "benchmark-password-long-enough"
SOUTH = (
    "KE", "NP", "TZ", "UG", "ET", "BD", "IN", "VN", "MZ", "MW", "ZM", "GH", "SN", "LK",
    "KH", "PH", "ID", "CO", "PE", "BO", "NI", "MG", "ZW", "LA",
)  # fmt: skip
KINDS_OF_ORGANISATION = ("health", "education", "ngo", "public")
PLACES = (
    "Nairobi", "Kisumu", "Kathmandu", "Pokhara", "Arusha", "Kampala", "Gulu", "Addis",
    "Hawassa", "Dhaka", "Khulna", "Vellore", "Pune", "Hanoi", "Hue", "Maputo", "Lilongwe",
    "Lusaka", "Accra", "Tamale", "Dakar", "Colombo", "Phnom Penh", "Manila", "Bogotá",
    "Lima", "La Paz", "Managua", "Antananarivo", "Harare", "Vientiane", "Bergen", "Oslo",
    "Trondheim", "Stavanger", "Tromsø", "Førde", "Ås",
)  # fmt: skip
BODIES = (
    "University Hospital", "University", "College", "Red Cross", "Farmers Union",
    "Teaching Hospital", "Youth Union", "Radio", "Council", "School of Public Health",
)  # fmt: skip
PROFESSIONS = (
    "nurses", "midwives", "agronomists", "teachers", "journalists", "engineers",
    "pharmacists", "physiotherapists", "accountants", "social workers", "librarians",
    "musicians", "lab technicians", "radiographers", "foresters", "veterinarians",
)  # fmt: skip
THEMES = (
    "learn together", "share practice", "build capacity", "train the trainers",
    "improve care", "teach by example", "work across borders", "strengthen services",
)  # fmt: skip
# A year's cases over the workflow's states: most are decided or running, a few in each
# step of the case; every state has some.
STATES = {
    "draft": 6, "submitted": 5, "screening": 4, "more_info": 2, "in_assessment": 6,
    "approved": 3, "approved_changes": 2, "rejected": 18, "agreement": 3,
    "in_progress": 20, "final_report": 4, "closed": 22, "withdrawn": 5,
}  # fmt: skip
ASSESSED = {
    "in_assessment", "approved", "approved_changes", "rejected", "agreement", "in_progress",
    "final_report", "closed",
}  # fmt: skip
KINDS = ("page", "state", "call and state", "country", "organisation", "assessor", "title")


def make_applications(ini: Path, total: int, rng: random.Random) -> dict:
    """`total` applications with what the queue shows of them, and the caseworker; the
    values the requests draw from."""
    from pyramid.paster import bootstrap

    from norec_core import Organisation, Partnership, User, save_user
    from norec_grants.models import (
        Application,
        Assignment,
        Call,
        PartnerCost,
        PlannedExchange,
        Rate,
        Scheme,
    )

    moment = datetime.datetime(2026, 11, 1, 12)
    with bootstrap(str(ini)) as env:
        request = env["request"]
        with request.tm:
            session = request.dbsession
            save_user(session, CASEWORKER, PASSWORD, roles=["caseworker"])
            assessors = [
                User(
                    email=f"assessor{n}@example.org",
                    display_name=f"Assessor {n}",
                    password_hash="!",  # noqa: S106 (no hash: nobody can log in as them)
                )
                for n in range(40)
            ]
            session.add_all(assessors)
            calls = {}
            for name, direction in (
                ("North–South exchange", "north-south"),
                ("South–South exchange", "south-south"),
                ("Activity-based support", "north-south"),
            ):
                scheme = Scheme(
                    name=name,
                    countries=[],
                    rates=[
                        Rate(category="travel", basis="participant", amount=Decimal("12000")),
                        Rate(
                            category="stay",
                            basis="participant_month",
                            amount=Decimal("9500.50"),
                            position=1,
                        ),
                    ],
                )
                scheme.calls = [
                    Call(
                        title=f"{name} {year}",
                        opens_at=datetime.datetime(year - 1, 9, 1),
                        closes_at=datetime.datetime(year - 1, 12, 1),
                    )
                    for year in (2024, 2025, 2026, 2027)
                ]
                session.add(scheme)
                calls.setdefault(direction, []).extend(scheme.calls)
            # Some 1,500 organisations, a sixth of them Norwegian.
            count = max(30, total * 3 // 10)
            organisations = []
            for n in range(count):
                country = "NO" if n % 6 == 0 else rng.choice(SOUTH)
                organisations.append(
                    Organisation(
                        name=f"{rng.choice(PLACES)} {rng.choice(BODIES)} {n}",
                        country=country,
                        kind=rng.choice(KINDS_OF_ORGANISATION),
                    )
                )
            session.add_all(organisations)
            norwegian = [o for o in organisations if o.country == "NO"]
            southern = [o for o in organisations if o.country != "NO"]
            partnerships = []
            for n in range(max(10, total * 4 // 10)):
                direction = "north-south" if n % 4 else "south-south"
                first = rng.choice(norwegian if direction == "north-south" else southern)
                others = rng.sample(southern, rng.choice((1, 1, 1, 2)))
                partnerships.append(
                    Partnership(
                        title=f"{rng.choice(PROFESSIONS).capitalize()} {n}",
                        direction=direction,
                        starts_on=datetime.date(rng.randrange(2023, 2027), 1, 1),
                        ends_on=datetime.date(2029, 12, 31),
                        state="approved",
                        organisations=[first, *(o for o in others if o is not first)],
                    )
                )
            session.add_all(partnerships)
            session.flush()
            assessor_ids = [a.id for a in assessors]
            call_ids = {d: [c.id for c in found] for d, found in calls.items()}
            shapes = [(p.id, p.direction, [o.id for o in p.organisations]) for p in partnerships]
        states = list(STATES)
        weights = list(STATES.values())
        for start in range(0, total, 1000):
            with request.tm:
                session = request.dbsession
                for n in range(start, min(total, start + 1000)):
                    partnership_id, direction, members = rng.choice(shapes)
                    state = states[n] if n < len(states) else rng.choices(states, weights)[0]
                    updated = moment - datetime.timedelta(minutes=rng.randrange(3 * 365 * 1440))
                    application = Application(
                        call_id=rng.choice(call_ids[direction]),
                        partnership_id=partnership_id,
                        state=state,
                        title=(
                            f"{rng.choice(PROFESSIONS).capitalize()} {rng.choice(THEMES)} "
                            f"in {rng.choice(PLACES)}"
                        ),
                        summary="A plan of exchanges between the partners.",
                        created_at=updated - datetime.timedelta(days=rng.randrange(1, 90)),
                        updated_at=updated,
                        submitted_at=None if state == "draft" else updated,
                    )
                    application.exchanges = [
                        PlannedExchange(
                            year=2026 + rng.randrange(3),
                            sending_id=a,
                            receiving_id=b,
                            participants=rng.randrange(1, 5),
                            profession=rng.choice(PROFESSIONS),
                            months=rng.randrange(3, 13),
                        )
                        for a, b in zip(members, [*members[1:], members[0]], strict=True)
                    ]
                    application.costs = [
                        PartnerCost(
                            year=2026,
                            category="salary",
                            description="A leader's salary",
                            amount=Decimal(rng.randrange(10000, 90000)),
                            currency="KES",
                            rate=Decimal("0.0829"),
                            rate_on=datetime.date(2026, 9, 1),
                        )
                        for _ in range(rng.choice((0, 0, 1, 2)))
                    ]
                    if state in ASSESSED:
                        application.assignments = [
                            Assignment(user_id=u) for u in rng.sample(assessor_ids, 2)
                        ]
                    session.add(application)
                session.flush()
        with request.tm:
            from sqlalchemy import select

            session = request.dbsession
            words = set()
            for title in session.scalars(select(Application.title)):
                words.update(w.lower() for w in title.split() if len(w) > 3)
            values = {
                "state": states,
                "call": [str(i) for ids in call_ids.values() for i in ids],
                "country": sorted({*SOUTH, "NO"}),
                "organisation": [str(i) for i in session.scalars(select(Organisation.id))],
                "assessor": [str(i) for i in assessor_ids],
                "q": sorted(words),
            }
    return values


def requests_of(values: dict, count: int, rng: random.Random) -> dict[str, list[dict]]:
    """`count` different requests of each kind; the whole queue's on pages 2 to 200."""
    made: dict[str, list[dict]] = {}
    for kind in KINDS:
        seen, made[kind] = set(), []
        tries = 0
        while len(made[kind]) < count and tries < count * 100:
            tries += 1
            params = {}
            if kind == "page":
                params["page"] = str(rng.randrange(2, 201))
            elif kind == "title":
                params["q"] = rng.choice(values["q"])
            elif kind == "call and state":
                params["call"] = rng.choice(values["call"])
                params["state"] = rng.choice(values["state"])
            else:
                params[kind] = rng.choice(values[kind])
            if kind != "page" and rng.random() < 0.4:
                params["page"] = str(rng.randrange(2, 8))
            key = tuple(sorted(params.items()))
            if key not in seen:
                seen.add(key)
                made[kind].append(params)
    return made


def measure(ini: Path, values: dict, count: int, rng: random.Random, show: bool) -> None:
    from pyramid.paster import get_app
    from sqlalchemy import event
    from webtest import TestApp

    app = get_app(str(ini))
    engine = app.registry["norec.db_engine"]
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    browser = TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    form = browser.get("/login").forms["login"]
    form["email"], form["password"] = CASEWORKER, PASSWORD
    assert form.submit("submit").status_int == 302, "the caseworker could not log in"
    wanted = requests_of(values, count, rng)
    browser.get("/grants/applications")  # templates compile on first use
    # The processor time of this process beside the time taken: on a machine that is
    # busy with other work, the second grows and the first does not (PostgreSQL's own
    # work is not counted in it).
    print(
        f"{'kind':<16} {'requests':>8} {'p50 ms':>7} {'p95 ms':>7} {'p95 CPU':>8} "
        f"{'statements':>11} {'found':>6}"
    )
    last = {}
    for kind in KINDS:
        times, cpu, found = [], [], 0
        for params in wanted[kind]:
            statements.clear()
            start, used = time.perf_counter(), time.process_time()
            page = browser.get("/grants/applications", params)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - used) * 1000)
            found += "/grants/applications/" in page.text
        last[kind] = list(statements)
        p95 = statistics.quantiles(times, n=20)[-1]
        print(
            f"{kind:<16} {len(times):8} {statistics.median(times):7.1f} {p95:7.1f} "
            f"{statistics.quantiles(cpu, n=20)[-1]:8.1f} {len(statements):11} {found:6}"
        )
    for kind, found in last.items() if show else ():
        print(f"\nThe statements of the last page, {kind}:")
        for statement in found:
            print("  " + " ".join(statement.split())[:160])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite", help="sqlite, postgresql or a postgresql:// URL")
    parser.add_argument("--applications", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument(
        "--statements", action="store_true", help="print the last page's statements"
    )
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    work = Path(tempfile.mkdtemp(prefix="norec-grants-queue-"))
    server = None
    if args.db == "sqlite":
        url = f"sqlite:///{work / 'bench.sqlite'}"
    elif args.db == "postgresql":
        from norec_core.testservers import PostgreSQLServer, postgresql_bindir

        server = PostgreSQLServer(postgresql_bindir())
        server.start()
        url = server.create_database("grants_queue")
    else:
        url = args.db
    try:
        ini = work / "bench.ini"
        ini.write_text(INI.format(url=url, files=work / "files", mail=work / "mail"))
        norec = [str(Path(sys.executable).with_name("norec")), "-c", str(ini)]
        subprocess.run([*norec, "db", "upgrade"], check=True, capture_output=True)
        # The same data and requests in every run, so that runs compare (no secret drawn).
        rng = random.Random(29)  # noqa: S311
        started = time.perf_counter()
        values = make_applications(ini, args.applications, rng)
        if url.startswith("postgresql"):
            # What autovacuum does within a minute of a bulk load.
            from sqlalchemy import create_engine

            engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM ANALYZE")
            engine.dispose()
        made = time.perf_counter() - started
        print(f"{args.applications:,} applications, {url.split(':')[0]}, made in {made:.0f} s")
        measure(ini, values, args.requests, rng, args.statements)
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
