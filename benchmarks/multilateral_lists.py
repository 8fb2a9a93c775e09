"""How long the multilateral plugin's lists take at the agency's volume (issue 29, item 2:
p95 at most 30 ms with 200 posts and 5,000 applications): the list of posts, public and
as a recruitment adviser, and a post's applications as the advisers see them.

    .venv/bin/python benchmarks/multilateral_lists.py              # SQLite, 200 and 5,000
    .venv/bin/python benchmarks/multilateral_lists.py --db postgresql://user@host:port/name
    .venv/bin/python benchmarks/multilateral_lists.py --db postgresql  # a throw-away server
    .venv/bin/python benchmarks/multilateral_lists.py --posts 50 --applications 800 --requests 50

It makes the posts (in 40 organisations, of the three programmes, a tenth drafts, half
of them closed) and the candidates with their profiles through the plugin's models in a
temporary SQLite database (or the PostgreSQL database named, which must be empty), and
their applications with the eligibility checked as applying does. The applications fall
on the posts as they do in a round: a few posts draw hundreds, most a handful (post n
of the busiest first is weighted 1/n). Then it asks the pages in this process through
WebTest, page cache off, `--requests` times each kind: the posts with a programme, the
deadline filter and a page drawn from the data, anonymously and as an adviser, and a
post's applications at one of its pages, the post drawn by its applications. A request
differs from the last of its kind; the posts' list has only so many pages and filters,
so each is asked once before any is asked again. It prints p50 and p95 per kind, and
the SQL statements of the last page.
A benchmark, not a test: the numbers depend on the machine and what else runs on it.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import random
import shutil
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
norec.plugins = multilateral
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

ADVISER, PASSWORD = "adviser@example.org", "benchmark-password-long-enough"
PAGE_SIZE = 25  # the core's lists'
AGENCIES = (
    "UNDP", "UNICEF", "UNHCR", "WFP", "WHO", "FAO", "UNESCO", "ILO", "UNFPA", "UN Women",
    "IOM", "OCHA", "UNEP", "UN-Habitat", "UNOPS", "IFAD", "World Bank", "IFC", "AfDB",
    "ADB", "IDB", "UNIDO", "ITU", "WMO", "UNCTAD", "OHCHR", "UNODC", "UNAIDS", "IAEA",
    "UNRWA", "ESCAP", "ECA", "ECLAC", "UNITAR", "UNU", "ITC", "UNV", "DPPA", "DPO", "OECD",
)  # fmt: skip
STATIONS = (
    ("Nairobi", "KE"), ("Geneva", "CH"), ("New York", "US"), ("Rome", "IT"),
    ("Bangkok", "TH"), ("Addis Ababa", "ET"), ("Dakar", "SN"), ("Amman", "JO"),
    ("Kathmandu", "NP"), ("Maputo", "MZ"), ("Washington", "US"), ("Manila", "PH"),
    ("Abidjan", "CI"), ("Vienna", "AT"), ("Copenhagen", "DK"), ("Juba", "SS"),
)  # fmt: skip
TITLES = (
    "Programme Analyst", "Health Officer", "Education Specialist", "Climate Adviser",
    "Protection Officer", "Economist", "Data Analyst", "Gender Specialist",
    "Humanitarian Affairs Officer", "Procurement Officer", "Energy Specialist",
)  # fmt: skip
FIELDS = ("health", "education", "climate", "finance", "protection", "energy", "governance")
GRADES = {"jpo": ("P-1", "P-2"), "unv": ("UNV specialist", "UNV expert"), "senior": ("P-4", "P-5")}
DEGREES = ("bachelor", "master", "master", "doctorate")
LANGUAGES = ("en", "fr", "es", "ar")
LEVELS = ("B2", "C1", "C2", "native")
STATES = ("submitted",) * 6 + ("eligible", "ineligible", "longlisted", "withdrawn")
KINDS = ("posts, anonymous", "posts, adviser", "applications, adviser")


def make_data(ini: Path, posts: int, applications: int, rng: random.Random) -> dict:
    """The posts, the candidates and their applications, through the plugin's models,
    and the adviser; returns what the requests draw from: each post's applications."""
    from pyramid.paster import bootstrap
    from sqlalchemy import select

    from norec_core import Organisation, Person, now, save_user
    from norec_multilateral import eligibility
    from norec_multilateral.models import (
        Candidacy,
        Candidate,
        Education,
        LanguageSkill,
        MultilateralPost,
        Work,
    )

    with bootstrap(str(ini)) as env:
        request = env["request"]
        with request.tm:
            session = request.dbsession
            organisations = [
                Organisation(name=name, country="US", kind="international") for name in AGENCIES
            ]
            session.add_all(organisations)
            made = []
            for n in range(posts):
                programme = rng.choice(("jpo", "jpo", "unv", "senior"))
                station, country = rng.choice(STATIONS)
                made.append(
                    MultilateralPost(
                        programme=programme,
                        organisation=rng.choice(organisations),
                        title=f"{rng.choice(TITLES)} {n}",
                        duty_station=station,
                        country=country,
                        grade=rng.choice(GRADES[programme]),
                        field=rng.choice(FIELDS),
                        description="The post's duties, as the organisation wrote them.",
                        citizenship=["NO"],
                        max_age=32 if programme == "jpo" else None,
                        min_degree="master",
                        min_experience_years=rng.choice((0, 2, 5)),
                        languages=sorted(rng.sample(LANGUAGES, rng.choice((1, 2)))),
                        deadline=now() + datetime.timedelta(days=rng.randrange(-120, 120)),
                        published=rng.random() < 0.9,
                    )
                )
            session.add_all(made)
            session.flush()
            post_ids = [p.id for p in made]
        # Post n of the busiest first draws 1/n of the applications; none applies twice.
        weights = [1 / (n + 1) for n in range(len(post_ids))]
        per_candidate = 2
        count = {post_id: 0 for post_id in post_ids}
        for start in range(0, applications, 1000):
            with request.tm:
                session = request.dbsession
                by_id = {p.id: p for p in session.scalars(select(MultilateralPost))}
                batch = range(start, min(applications, start + 1000), per_candidate)
                batch_made = []
                for n in batch:
                    person = Person(
                        given_name=f"Given{n}",
                        family_name=f"Family{rng.randrange(3000):04d}",
                        email=f"candidate{n}@example.org",
                        citizenship=rng.choice(("NO", "NO", "NO", "SE")),
                        birth_date=datetime.date(rng.randrange(1985, 2001), 5, 1),
                    )
                    started = rng.randrange(2012, 2020)
                    candidate = Candidate(person=person)
                    candidate.education = [
                        Education(
                            degree=rng.choice(DEGREES),
                            field=rng.choice(FIELDS),
                            institution="University of Oslo",
                            started_on=datetime.date(started - 5, 8, 15),
                            finished_on=datetime.date(started, 6, 15),
                        )
                    ]
                    candidate.work = [
                        Work(
                            employer="Norad",
                            title="Adviser",
                            started_on=datetime.date(started, 9, 1),
                        )
                    ]
                    candidate.languages = [
                        LanguageSkill(code=code, level=rng.choice(LEVELS))
                        for code in rng.sample(LANGUAGES, rng.choice((1, 2, 3)))
                    ]
                    wanted = min(per_candidate, applications - n)
                    chosen: set[int] = set()
                    while len(chosen) < wanted:
                        chosen.add(rng.choices(post_ids, weights)[0])
                    for post_id in sorted(chosen):
                        candidacy = Candidacy(
                            post=by_id[post_id],
                            candidate=candidate,
                            motivation="I know the field.",
                            state=rng.choice(STATES),
                            submitted_at=now() - datetime.timedelta(minutes=rng.randrange(10**5)),
                        )
                        eligibility.assess(candidacy)
                        session.add(candidacy)
                        batch_made.append(candidacy)
                        count[post_id] += 1
                session.flush()
                for candidacy in batch_made:  # the candidate's person, as applying keeps it
                    candidacy.person_id = candidacy.candidate.person_id
                session.flush()
        with request.tm:
            save_user(request.dbsession, ADVISER, PASSWORD, roles=["recruitment_adviser"])
    return count


def _cycled(choices: list[dict], count: int, rng: random.Random) -> list[dict]:
    """`count` requests of `choices`, each asked once before any is asked again."""
    made: list[dict] = []
    while len(made) < count:
        rng.shuffle(choices)
        made.extend(choices)
    return made[:count]


def requests_of(applications: dict, posts: int, count: int, rng: random.Random) -> dict:
    """`count` requests of each kind."""
    filters = [
        {"programme": programme, "open": deadline}
        for programme in ("", "jpo", "unv", "senior")
        for deadline in ("1", "0")
    ]
    # Every page of each filter: a filter's posts fill at most this many pages.
    listed = [
        {k: v for k, v in f.items() if v} | ({"page": str(n)} if n > 1 else {})
        for f in filters
        for n in range(1, -(-posts // PAGE_SIZE) + 1)
    ]
    pages = [
        (post_id, n) for post_id, found in applications.items() for n in range(1, found // 25 + 2)
    ]
    # A post drawn by its applications: the advisers read the busy posts' lists most.
    weights = [applications[post_id] or 0.5 for post_id, _n in pages]
    wanted = []
    while len(wanted) < count:
        post_id, n = rng.choices(pages, weights)[0]
        if not wanted or wanted[-1] != (post_id, n):
            wanted.append((post_id, n))
    return {
        "posts, anonymous": _cycled(listed.copy(), count, rng),
        "posts, adviser": _cycled(listed.copy(), count, rng),
        "applications, adviser": [
            {"path": f"/multilateral/posts/{post_id}/applications"}
            | ({"page": str(n)} if n > 1 else {})
            for post_id, n in wanted
        ],
    }


def measure(ini: Path, applications: dict, posts: int, count: int, rng: random.Random) -> list:
    from pyramid.paster import get_app
    from sqlalchemy import event
    from webtest import TestApp

    app = get_app(str(ini))
    engine = app.registry["norec.db_engine"]
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    anonymous = TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    adviser = TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    form = adviser.get("/login").forms["login"]
    form["email"], form["password"] = ADVISER, PASSWORD
    assert form.submit("submit").status_int == 302, "the adviser could not log in"
    browsers = {"anonymous": anonymous, "adviser": adviser}
    wanted = requests_of(applications, posts, count, rng)
    # The processor time of this process beside the time taken: on a machine that is
    # busy with other work, the second grows and the first does not (PostgreSQL's own
    # work is not counted in it).
    print(f"{'kind':<24} {'p50 ms':>7} {'p95 ms':>7} {'p95 CPU':>8} {'statements':>11} {'rows':>6}")
    busiest = max(applications, key=applications.get)
    for browser in browsers.values():  # templates compile on first use
        browser.get("/multilateral/posts")
    adviser.get(f"/multilateral/posts/{busiest}/applications")
    for kind in KINDS:
        browser = browsers[kind.split(", ")[1]]
        times, cpu, rows = [], [], 0
        for params in wanted[kind]:
            params = dict(params)
            path = params.pop("path", "/multilateral/posts")
            statements.clear()
            start, used = time.perf_counter(), time.process_time()
            page = browser.get(path, params)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - used) * 1000)
            rows = max(rows, page.text.count("<tr>") - 1)
        p95 = statistics.quantiles(times, n=20)[-1]
        print(
            f"{kind:<24} {statistics.median(times):7.1f} {p95:7.1f} "
            f"{statistics.quantiles(cpu, n=20)[-1]:8.1f} {len(statements):11} {rows:6}"
        )
        last = list(statements)
    return last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite", help="sqlite, postgresql or a postgresql:// URL")
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--applications", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--statements", action="store_true", help="print the last page's SQL")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    work = Path(tempfile.mkdtemp(prefix="norec-multilateral-"))
    server = None
    if args.db == "sqlite":
        url = f"sqlite:///{work / 'bench.sqlite'}"
    elif args.db == "postgresql":
        from norec_core.testservers import PostgreSQLServer, postgresql_bindir

        server = PostgreSQLServer(postgresql_bindir())
        server.start()
        url = server.create_database("multilateral")
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
        applications = make_data(ini, args.posts, args.applications, rng)
        if url.startswith("postgresql"):
            # What autovacuum does within a minute of a bulk load.
            from sqlalchemy import create_engine

            engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM ANALYZE")
            engine.dispose()
        made = time.perf_counter() - started
        most = max(applications.values())
        print(
            f"{args.posts:,} posts, {sum(applications.values()):,} applications (at most "
            f"{most:,} on one post), {url.split(':')[0]}, made in {made:.0f} s"
        )
        last = measure(ini, applications, args.posts, args.requests, rng)
        if args.statements:
            print("\nThe statements of the last page:")
            for statement in last:
                print(" ", " ".join(statement.split()))
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
