"""How long the research catalogue takes to answer at the agency's volume (issue 29,
item 2: p95 at most 25 ms with 2,000 publications).

    .venv/bin/python benchmarks/research_catalogue.py              # SQLite, 2,000 publications
    .venv/bin/python benchmarks/research_catalogue.py --db postgresql://user@host:port/name
    .venv/bin/python benchmarks/research_catalogue.py --db postgresql  # a throw-away server
    .venv/bin/python benchmarks/research_catalogue.py --publications 500 --requests 50

It makes the publications through the plugin's models in a temporary SQLite database (or
the PostgreSQL database named, which must be empty): most published, with one to three
authors, one or two topics, goals, countries, several types and years, a text in English
and some in nynorsk too; some drafts, some in review and a few withdrawn, which readers
never see. The site search indexes them as they are flushed, as it does in the editor.
Then it asks the catalogue in this process through WebTest, page cache off, `--requests`
times each kind: a word, a filter, a word and a filter, and a page of the whole list, each
anonymously and as a logged-in reader; words and filter values are drawn from the data,
and no two requests are the same. It prints p50 and p95 per kind, and the SQL statements
of the last page. A benchmark, not a test: the numbers depend on the machine and what
else runs on it.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import random
import re
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
norec.plugins = research
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

READER, PASSWORD = "reader@example.org", "benchmark-password-long-enough"
PATH = "/research/publications"
COUNTRIES = {
    "KE": "Kenya", "NP": "Nepal", "TZ": "Tanzania", "UG": "Uganda", "IN": "India",
    "VN": "Viet Nam", "MZ": "Mozambique", "BD": "Bangladesh", "ET": "Ethiopia",
    "MW": "Malawi", "ZM": "Zambia", "GH": "Ghana", "NO": "Norway",
}  # fmt: skip
SUBJECTS = (
    "Reciprocity in {c}'s health exchanges", "What returning nurses change at home in {c}",
    "Youth exchange and civic life in {c}", "Organisational learning in {c}'s partners",
    "Volunteers and local ownership in {c}", "Midwifery training between Norway and {c}",
    "Teachers abroad: curriculum reform in {c}", "Solar engineers from {c} in the South",
    "Journalism exchange and press freedom in {c}", "Microfinance partners in {c}",
    "Hospital management after an exchange to {c}", "Farmers' cooperatives in {c}",
)  # fmt: skip
ANGLES = (
    "interviews with partners", "a survey of returned participants", "a case study",
    "lessons from ten partnerships", "notes from the field", "what the hosts say",
    "an evaluation", "a literature review", "figures from a decade", "a video portrait",
)  # fmt: skip
THEMES = (
    "reciprocity", "mentoring", "leadership", "gender", "climate", "sanitation", "nutrition",
    "accounting", "irrigation", "forestry", "pedagogy", "software", "hydropower", "advocacy",
    "football", "theatre", "logistics", "procurement", "epidemiology", "disability",
)  # fmt: skip
NYNORSK = (
    "Gjensidig læring i {c}", "Kva heimkomne deltakarar endrar i {c}",
    "Ungdomsutveksling og sivilsamfunn i {c}", "Frivillige og lokalt eigarskap i {c}",
)  # fmt: skip
STATES = ("published",) * 17 + ("draft", "draft", "in_review")
KINDS = ("word", "filter", "word and filter", "page")
FILTERS = ("publication_type", "topic", "sdg", "country", "year", "language")


def make_publications(ini: Path, total: int, rng: random.Random) -> dict[str, list[str]]:
    """`total` publications through the plugin's models, their authors, and the reader:
    a member with an account. Returns the words and filter values readers can find."""
    from pyramid.paster import bootstrap
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from norec_core import Person, save_user
    from norec_research.models import Author, Publication, PublicationText, Version
    from norec_research.vocabularies import SDGS, TOPICS, TYPES

    with bootstrap(str(ini)) as env:
        request = env["request"]
        with request.tm:
            session = request.dbsession
            people = [
                Person(
                    given_name=f"Given{n}",
                    family_name=f"Family{n:04d}",
                    email=f"author{n}@example.org",
                    country=rng.choice(list(COUNTRIES)),
                )
                for n in range(max(10, total // 4))
            ]
            reader = Person(given_name="Rea", family_name="Der", email=READER, country="NO")
            session.add_all([*people, reader])
            session.flush()
            user = save_user(session, READER, PASSWORD, display_name=reader.full_name)
            user.person = reader
            person_ids = [p.id for p in people]
        for start in range(0, total, 500):
            with request.tm:
                session = request.dbsession
                for n in range(start, min(total, start + 500)):
                    code = rng.choice(list(COUNTRIES))
                    country = COUNTRIES[code]
                    state = rng.choice(STATES)
                    if state == "published" and rng.random() < 0.02:
                        state = "withdrawn"
                    theme = rng.choice(THEMES)
                    texts = [
                        PublicationText(
                            language="en",
                            position=0,
                            title=f"{rng.choice(SUBJECTS).format(c=country)}: {rng.choice(ANGLES)}",
                            summary=f"What {rng.randint(8, 40)} partnerships in {country} "
                            f"learned about {theme} and {rng.choice(THEMES)}, in plain words.",
                            abstract=f"Based on {rng.choice(ANGLES)} in {country}, "
                            f"the study of {theme} finds more than expected.",
                        )
                    ]
                    if rng.random() < 0.3:
                        texts.append(
                            PublicationText(
                                language="nn",
                                position=1,
                                title=rng.choice(NYNORSK).format(c=country),
                                summary=f"Kva {rng.randint(8, 40)} partnarar lærte om {theme}.",
                            )
                        )
                    year = rng.randrange(2010, 2027)
                    session.add(
                        Publication(
                            type=rng.choice(list(TYPES)),
                            state=state,
                            published_on=datetime.date(year, rng.randrange(1, 13), 1 + n % 28)
                            if state != "draft"
                            else None,
                            topics=rng.sample(list(TOPICS), rng.choice((1, 1, 2))),
                            sdgs=sorted(rng.sample(list(SDGS), rng.choice((1, 2)))),
                            countries=[code, *(["NO"] if rng.random() < 0.3 else [])],
                            withdrawn_reason="Not verified." if state == "withdrawn" else "",
                            texts=texts,
                            authors=[
                                Author(person_id=person_id, position=i)
                                for i, person_id in enumerate(
                                    rng.sample(person_ids, rng.choice((1, 1, 2, 3)))
                                )
                            ],
                            versions=[Version(number=1)] if state != "draft" else [],
                        )
                    )
                session.flush()  # the site search indexes them here, as for an editor's
                session.expunge_all()
        with request.tm:
            session = request.dbsession
            # What readers can find: the published, loaded as the catalogue reads them.
            values = {f: set() for f in FILTERS} | {"word": set()}
            for publication in session.scalars(
                select(Publication)
                .where(Publication.state == "published")
                .options(
                    selectinload(Publication.texts),
                    selectinload(Publication.authors).selectinload(Author.person),
                )
            ):
                values["publication_type"].add(publication.type)
                values["topic"].update(publication.topics)
                values["sdg"].update(str(g) for g in publication.sdgs)
                values["country"].update(publication.countries)
                values["year"].add(str(publication.published_on.year))
                values["language"].update(t.language for t in publication.texts)
                for text in publication.texts:
                    words = re.findall(r"\w{4,}", f"{text.title} {text.summary}".lower())
                    values["word"].update(w for w in words if not w.isdigit())
                values["word"].update(a.person.family_name.lower() for a in publication.authors)
    return {k: sorted(v) for k, v in values.items()}


def requests_of(values: dict, count: int, rng: random.Random, pages: int) -> dict[str, list]:
    """`count` different requests of each kind (fewer pages where there are fewer)."""
    made: dict[str, list[dict]] = {}
    for kind in KINDS:
        seen, made[kind] = set(), []
        wanted = min(count, pages) if kind == "page" else count
        while len(made[kind]) < wanted:
            params = {}
            if "word" in kind:
                params["q"] = rng.choice(values["word"])
            if "filter" in kind:
                field = rng.choice(FILTERS)
                params[field] = rng.choice(values[field])
            if kind == "page":
                params["page"] = str(rng.randrange(1, pages + 1))
            elif rng.random() < 0.3:
                params["page"] = str(rng.randrange(2, 6))
            key = tuple(sorted(params.items()))
            if key not in seen:
                seen.add(key)
                made[kind].append(params)
    return made


def measure(ini: Path, values: dict, count: int, rng: random.Random, total: int) -> None:
    from pyramid.paster import get_app
    from sqlalchemy import event
    from webtest import TestApp

    app = get_app(str(ini))
    engine = app.registry["norec.db_engine"]
    statements = []
    # Counted as the query-count test counts them: SQLite's BEGIN is the driver's, not
    # the page's.
    event.listen(
        engine,
        "before_cursor_execute",
        lambda *a: a[2] != "BEGIN" and statements.append(a[2]),
    )
    browsers = {"anonymous": TestApp(app, extra_environ={"HTTP_HOST": "localhost"})}
    reader = TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    form = reader.get("/login").forms["login"]
    form["email"], form["password"] = READER, PASSWORD
    assert form.submit("submit").status_int == 302, "the reader could not log in"
    browsers["reader"] = reader
    first = browsers["anonymous"].get(PATH)  # templates compile on first use
    shown = int(re.search(r"(\d+) publications", first.text).group(1))
    wanted = requests_of(values, count, rng, max(1, -(-shown // 25)))
    print(f"{shown:,} publications shown to readers of {total:,}")
    # The processor time of this process beside the time taken: on a machine that is
    # busy with other work, the second grows and the first does not (PostgreSQL's own
    # work is not counted in it).
    print(
        f"{'kind':<28} {'p50 ms':>7} {'p95 ms':>7} {'p95 CPU':>8} {'statements':>11} {'found':>6}"
    )
    for who, browser in browsers.items():
        browser.get(PATH)
        for kind in KINDS:
            times, cpu, found = [], [], 0
            for params in wanted[kind]:
                statements.clear()
                start, used = time.perf_counter(), time.process_time()
                page = browser.get(PATH, params)
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - used) * 1000)
                found += f"{PATH}/" in page.text
            p95 = statistics.quantiles(times, n=20)[-1]
            print(
                f"{kind + ', ' + who:<28} {statistics.median(times):7.1f} {p95:7.1f} "
                f"{statistics.quantiles(cpu, n=20)[-1]:8.1f} {len(statements):11} {found:6}"
            )
    print("\nThe statements of the last page:")
    for statement in statements:
        print(" ", " ".join(statement.split())[:160])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite", help="sqlite, postgresql or a postgresql:// URL")
    parser.add_argument("--publications", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    work = Path(tempfile.mkdtemp(prefix="norec-research-"))
    server = None
    if args.db == "sqlite":
        url = f"sqlite:///{work / 'bench.sqlite'}"
    elif args.db == "postgresql":
        from norec_core.testservers import PostgreSQLServer, postgresql_bindir

        server = PostgreSQLServer(postgresql_bindir())
        server.start()
        url = server.create_database("research")
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
        values = make_publications(ini, args.publications, rng)
        if url.startswith("postgresql"):
            # What autovacuum does within a minute of a bulk load.
            from sqlalchemy import create_engine

            engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM ANALYZE")
            engine.dispose()
        made = time.perf_counter() - started
        print(f"{args.publications:,} publications, {url.split(':')[0]}, made in {made:.0f} s")
        measure(ini, values, args.requests, rng, args.publications)
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
