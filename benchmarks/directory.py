"""How long the network's directory takes to answer a search at the agency's volume
(issue 29, item 2: p95 at most 50 ms with 12,000 members).

    .venv/bin/python benchmarks/directory.py                  # SQLite, 12,000 members
    .venv/bin/python benchmarks/directory.py --db postgresql://user@host:port/name
    .venv/bin/python benchmarks/directory.py --db postgresql  # a throw-away server
    .venv/bin/python benchmarks/directory.py --members 2000 --requests 50

It makes the members with profiles through the plugin's models in a temporary SQLite
database (or the PostgreSQL database named, which must be empty), each field of each
profile shown at a level of its own as members choose, indexed as the profile form
does. Then it asks the directory in this process through WebTest, page cache off,
`--requests` times each kind: a word, a facet, a word and a facet, each as a member
and anonymously; words and facet values are drawn from the data, and no two requests
are the same. It prints p50 and p95 per kind, and the SQL statements of the last page.
A benchmark, not a test: the numbers depend on the machine and what else runs on it.
"""

from __future__ import annotations

import argparse
import logging
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

INI = """\
[app:main]
use = egg:norec-core
sqlalchemy.url = {url}
norec.plugins = network
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

VIEWER, PASSWORD = "viewer@example.org", "benchmark-password-long-enough"
COUNTRIES = ("KE", "NP", "TZ", "UG", "ET", "BD", "IN", "VN", "MZ", "MW", "ZM", "GH", "NO")
LANGUAGES = ("en", "sw", "ne", "am", "bn", "hi", "vi", "pt", "fr", "nb", "ar", "es")
SECTORS = (
    "health", "education", "agriculture", "media", "finance", "engineering", "culture",
    "law", "energy", "water", "tourism", "sport", "governance", "technology",
)  # fmt: skip
EXPERTISE = (
    "midwifery", "nursing", "surgery", "pharmacy", "radiography", "journalism",
    "photography", "accounting", "auditing", "irrigation", "forestry", "fisheries",
    "teaching", "curriculum", "pedagogy", "software", "networks", "solar", "hydropower",
    "mediation", "advocacy", "coaching", "football", "music", "theatre", "film", "hotel",
    "cooking", "logistics", "procurement", "statistics", "epidemiology", "nutrition",
    "sanitation", "microfinance", "banking", "translation", "interpreting", "leadership",
    "gender", "youth", "disability", "climate", "mapping", "architecture", "carpentry",
)  # fmt: skip
CITIES = (
    "Nairobi", "Kisumu", "Mombasa", "Kathmandu", "Pokhara", "Arusha", "Dodoma", "Kampala",
    "Gulu", "Addis", "Hawassa", "Dhaka", "Khulna", "Chennai", "Pune", "Hanoi", "Hue",
    "Maputo", "Beira", "Lilongwe", "Blantyre", "Lusaka", "Ndola", "Accra", "Kumasi",
    "Bergen", "Oslo", "Førde",
)  # fmt: skip
EMPLOYERS = ("Hospital", "University", "College", "Ministry", "Radio", "Bank", "Council")
ABOUT = (
    "I trained {a} in Norway and now lead a team in {c}.",
    "Exchange to {c} in {y}; since then I work on {a} and {b}.",
    "Happy to talk about {a}, {b} and life after the exchange.",
    "",
)
# How members choose: most show everything at one level, some fields at another.
LEVELS = ("members", "members", "public", "public", "advisers", "me")
FIELDS = (
    "name", "email", "country", "city", "employer", "expertise", "languages", "sectors",
    "offers", "availability", "about", "exchanges",
)  # fmt: skip
KINDS = ("word", "facet", "word and facet")
FACETS = ("offers", "country", "languages", "sectors", "expertise")


def make_members(ini: Path, total: int, rng: random.Random) -> None:
    """`total` members with profiles, through the plugin's models, and the viewer: a
    member with an account."""
    from pyramid.paster import bootstrap
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from norec_core import Person, save_user
    from norec_network import directory, profile
    from norec_network.models import Alumnus, Member, PastExchange

    with bootstrap(str(ini)) as env:
        request = env["request"]
        for start in range(0, total + 1, 1000):
            with request.tm:
                session = request.dbsession
                members = []
                for n in range(start, min(total + 1, start + 1000)):
                    country = rng.choice(COUNTRIES)
                    a, b = rng.sample(EXPERTISE, 2)
                    person = Person(
                        given_name=f"Given{n}",
                        family_name=f"Family{rng.randrange(3000):04d}",
                        email=VIEWER if n == total else f"member{n}@example.org",
                        country=country,
                        city=rng.choice(CITIES),
                        employer=f"{rng.choice(CITIES)} {rng.choice(EMPLOYERS)}",
                        expertise=rng.sample(EXPERTISE, rng.choice((0, 1, 2, 3))),
                        consent_directory=rng.random() < 0.9,
                    )
                    person.languages = sorted(rng.sample(LANGUAGES, rng.choice((1, 2, 3))))
                    shown = rng.choice(LEVELS)
                    offers = [o for o in profile.OFFERS if rng.random() < 0.25]
                    member = Member(
                        person=person,
                        sectors=rng.sample(SECTORS, rng.choice((0, 1, 2))),
                        offers=offers,
                        mentor_capacity=2 if "mentor" in offers else 0,
                        availability=rng.choice(("Weekends", "Evenings, online", "")),
                        about=rng.choice(ABOUT).format(
                            a=a, b=b, c=rng.choice(CITIES), y=rng.randrange(1995, 2024)
                        ),
                        visibility={
                            f: shown if rng.random() < 0.8 else rng.choice(LEVELS) for f in FIELDS
                        }
                        | {"name": shown if shown != "me" else "members"},
                    )
                    members.append(member)
                    if rng.random() < 0.8:
                        alumnus = Alumnus(person=person)
                        alumnus.exchanges = [
                            PastExchange(
                                year=rng.randrange(1995, 2024),
                                sending=f"{rng.choice(CITIES)} {rng.choice(EMPLOYERS)}",
                                receiving=f"{rng.choice(CITIES)} {rng.choice(EMPLOYERS)}",
                                profession=rng.choice(EXPERTISE),
                            )
                        ]
                        session.add(alumnus)
                session.add_all(members)
                session.flush()
                directory.index(session, members)
        with request.tm:
            session = request.dbsession
            viewer = session.scalars(select(Person).where(Person.email == VIEWER)).one()
            user = save_user(session, VIEWER, PASSWORD, display_name=viewer.full_name)
            user.person = viewer
            # Every member loaded as the directory reads them, for the requests' values.
            values = {f: set() for f in FACETS} | {"word": set()}
            for member in session.scalars(
                select(Member).options(
                    selectinload(Member.person).selectinload(Person.language_links)
                )
            ):
                person = member.person
                values["country"].add(person.country)
                values["languages"].update(person.languages)
                values["offers"].update(member.offers)
                values["sectors"].update(member.sectors)
                values["expertise"].update(person.expertise)
                text = f"{person.city} {person.employer} {member.about} {person.family_name}"
                values["word"].update(directory.words(text))
    return {k: sorted(v) for k, v in values.items()}


def requests_of(values: dict, count: int, rng: random.Random) -> dict[str, list[dict]]:
    """`count` different requests of each kind."""
    made: dict[str, list[dict]] = {}
    for kind in KINDS:
        seen, made[kind] = set(), []
        while len(made[kind]) < count:
            params = {}
            if "word" in kind:
                params["q"] = rng.choice(values["word"])
            if "facet" in kind:
                field = rng.choice(FACETS)
                params[field] = rng.choice(values[field])
            if rng.random() < 0.3:
                params["page"] = str(rng.randrange(2, 6))
            key = tuple(sorted(params.items()))
            if key not in seen:
                seen.add(key)
                made[kind].append(params)
    return made


def measure(ini: Path, values: dict, count: int, rng: random.Random) -> None:
    from pyramid.paster import get_app
    from sqlalchemy import event
    from webtest import TestApp

    app = get_app(str(ini))
    engine = app.registry["norec.db_engine"]
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    browsers = {"anonymous": TestApp(app, extra_environ={"HTTP_HOST": "localhost"})}
    member = TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    form = member.get("/login").forms["login"]
    form["email"], form["password"] = VIEWER, PASSWORD
    assert form.submit("submit").status_int == 302, "the viewer could not log in"
    browsers["member"] = member
    wanted = requests_of(values, count, rng)
    # The processor time of this process beside the time taken: on a machine that is
    # busy with other work, the second grows and the first does not (PostgreSQL's own
    # work is not counted in it).
    print(
        f"{'kind':<28} {'p50 ms':>7} {'p95 ms':>7} {'p95 CPU':>8} {'statements':>11} {'found':>6}"
    )
    for who, browser in browsers.items():
        browser.get("/network/directory")  # templates compile on first use
        for kind in KINDS:
            times, cpu, found = [], [], 0
            for params in wanted[kind]:
                statements.clear()
                start, used = time.perf_counter(), time.process_time()
                page = browser.get("/network/directory", params)
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - used) * 1000)
                found += "/network/members/" in page.text
            p95 = statistics.quantiles(times, n=20)[-1]
            print(
                f"{kind + ', ' + who:<28} {statistics.median(times):7.1f} {p95:7.1f} "
                f"{statistics.quantiles(cpu, n=20)[-1]:8.1f} {len(statements):11} {found:6}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite", help="sqlite, postgresql or a postgresql:// URL")
    parser.add_argument("--members", type=int, default=12000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    work = Path(tempfile.mkdtemp(prefix="norec-directory-"))
    server = None
    if args.db == "sqlite":
        url = f"sqlite:///{work / 'bench.sqlite'}"
    elif args.db == "postgresql":
        from norec_core.testservers import PostgreSQLServer, postgresql_bindir

        server = PostgreSQLServer(postgresql_bindir())
        server.start()
        url = server.create_database("directory")
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
        values = make_members(ini, args.members, rng)
        if url.startswith("postgresql"):
            # What autovacuum does within a minute of a bulk load.
            from sqlalchemy import create_engine

            engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM ANALYZE")
            engine.dispose()
        made = time.perf_counter() - started
        print(f"{args.members:,} members, {url.split(':')[0]}, made in {made:.0f} s")
        measure(ini, values, args.requests, rng)
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
