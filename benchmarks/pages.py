"""How fast the platform's pages are beside a bare Pyramid view on the same data.

    .venv/bin/python benchmarks/pages.py                 # SQLite, 1,000 and 12,000 people
    .venv/bin/python benchmarks/pages.py --db postgresql --people 1000 --duration 5
    .venv/bin/python benchmarks/pages.py --memory --people 1000   # memory, a few minutes

For each number of people it makes a database through the platform's own interfaces
(`norec db upgrade`, `norec user add`, the models of `norec_core`), starts a bare Pyramid
app (one query and one Chameleon template a page, below) and the platform twice under
waitress: as deployed, keeping reading pages while nothing they show has changed
(`norec_core.page_cache`), and with `norec.page_cache_mb = 0`, making every page anew as
after each change. It runs wrk against each page in turn, interleaved, `--runs` times, as
a visitor meets them: every request a different page (a random one of 1,000
organisations, of 1,000 people, of every page of the people list), and one page asked
again and again:

- the organisation page, anonymous, against the bare app's organisation page;
- the person page, logged in, against the same bare page;
- the people list, logged in, a random page and the first page, against the bare app's
  list (a COUNT and 25 rows, at the same offset).

It prints the median req/s, p50 and p99 of each and the ratio to the bare view; then the
platform's pages with 4 threads and 4 connections; then a working day: the same pages
while another process commits once a second, with the page cache's hit rate. A
benchmark, not a test: the numbers depend on the machine and what else runs on it. wrk
comes from Debian's package (installed here when missing and run as root).

With `--memory` it measures instead what a web process holds (issue 29: at most 150 MB
after 20,000 mixed requests, the page cache's share counted): the platform with every
installed plugin, 4 threads, the page cache at its default size, then without it; the
resident memory of the process running waitress after its first answer and after 20,000
requests of a mix (`_mix`), each a different page from the one before, anonymous and
logged in; and what the page cache says it holds.
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import logging
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ADMIN, PASSWORD = "bench@example.org", "bench-password-long-enough"
PAGE_SIZE = 25
ORGANISATIONS = 1000
CYCLED = 1000  # the ids a cycling run chooses from
# wrk's script for a cycling run: each request a random one of the paths listed.
CYCLE_LUA = """\
paths = {{{paths}}}
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
"""
# wrk's script for the memory run: the pages in turn from a random one, so that each
# request is a different page from the last and every page is asked; each page with the
# administrator's cookie or none (a {path, logged in} pair). After `count` answers it stops
# asking and says so: wrk itself runs out its duration whatever its threads do, and is told
# to stop (SIGINT) by whoever reads that.
MIX_LUA = """\
pages = {{{pages}}}
cookie = "{cookie}"
count = {count}
answered = 0
n = math.random(#pages)
request = function()
  n = n % #pages + 1
  if pages[n][2] then
    return wrk.format("GET", pages[n][1], {{Cookie = cookie}})
  end
  return wrk.format("GET", pages[n][1])
end
response = function()
  answered = answered + 1
  if answered == count then
    wrk.thread:stop()
    io.write("answered\\n")
    io.flush()
  end
end
"""
MIX_REQUESTS = 20_000
TARGET_MB = 150  # issue 29, item 4: per web process, the page cache's share counted
# The platform twice: as deployed, reading pages kept while nothing they show changed
# (norec_core.page_cache), and with every page made anew, as after each change.
KINDS = ("kept", "made")

INI = """\
[app:main]
use = egg:norec-core
sqlalchemy.url = {url}
norec.base_url = http://127.0.0.1:{port}
norec.session_secret = benchmark-secret-0123456789abcdef0123456789
norec.secure_cookies = false
norec.queue.url = immediate
norec.files.url = file://{files}
norec.page_cache_mb = {page_cache_mb}

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

BARE_TEMPLATE = """\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><main><h1>${title}</h1>
<dl tal:condition="org is not None"><dt>Country</dt><dd>${org.country}</dd>
<dt>Kind</dt><dd>${org.kind}</dd><dt>Description</dt><dd>${org.description}</dd></dl>
<table tal:condition="people is not None"><tr tal:repeat="p people">
<td>${p.family_name}, ${p.given_name}</td><td>${p.email}</td><td>${p.country}</td></tr></table>
<p tal:condition="people is not None">${total} people</p>
</main></body></html>
"""


def bare_app(url: str, template: Path):
    """The yardstick: Pyramid with one SQLAlchemy query and one Chameleon template."""
    from pyramid.config import Configurator
    from sqlalchemy import column, create_engine, func, select, table

    engine = create_engine(url)
    organisation = table(
        "organisation",
        column("id"),
        column("name"),
        column("country"),
        column("kind"),
        column("description"),
    )
    person = table(
        "person",
        column("id"),
        column("given_name"),
        column("family_name"),
        column("email"),
        column("country"),
    )

    def organisation_page(request):
        with engine.connect() as connection:
            org = connection.execute(
                select(organisation).where(organisation.c.id == int(request.matchdict["id"]))
            ).one()
        return {"title": org.name, "org": org, "people": None, "total": 0}

    def people_page(request):
        number = int(request.GET.get("page", 1))
        with engine.connect() as connection:
            total = connection.scalar(select(func.count()).select_from(person))
            people = connection.execute(
                select(person)
                .order_by(person.c.family_name, person.c.given_name, person.c.id)
                .limit(PAGE_SIZE)
                .offset((number - 1) * PAGE_SIZE)
            ).all()
        return {"title": "People", "org": None, "people": people, "total": total}

    with Configurator() as config:
        config.include("pyramid_chameleon")
        config.add_route("organisation", "/organisations/{id}")
        config.add_route("people", "/people")
        config.add_view(organisation_page, route_name="organisation", renderer=str(template))
        config.add_view(people_page, route_name="people", renderer=str(template))
        return config.make_wsgi_app()


def serve(kind: str, target: str, port: int, threads: int) -> None:
    """Run in a child process: the bare app (`target` its database URL) or the
    platform (`target` its ini file) under waitress."""
    from waitress import serve as waitress_serve

    # With one thread and wrk's connection waiting, waitress warns of its queue at
    # every request: that is the set-up measured, not news.
    logging.getLogger("waitress").setLevel(logging.ERROR)

    if kind == "bare":
        template = Path(tempfile.mkdtemp()) / "page.pt"
        template.write_text(BARE_TEMPLATE)
        app = bare_app(target, template)
    else:
        from pyramid.paster import get_app

        app = get_app(target)
        cache = app.registry.get("norec.page_cache")

        def report(_signum, _frame):
            # What the working day measures: of the pages asked for, how many were kept.
            if cache is not None and hasattr(cache, "hits"):  # an older core counts none
                print(f"page cache: {cache.hits} of {cache.asked} found", flush=True)
            # What the memory run counts as the cache's share: its own accounting of the
            # pages it keeps (bodies, headers and a fixed cost each).
            if cache is not None and hasattr(cache, "size"):
                print(f"page cache: {len(cache)} pages, {cache.size} bytes", flush=True)
            # At once: waitress's threads may hold the interpreter's shutdown for minutes.
            os._exit(0)

        signal.signal(signal.SIGTERM, report)
    waitress_serve(app, listen=f"127.0.0.1:{port}", threads=threads, _quiet=True)


def make_data(ini: Path, people: int) -> tuple[list[int], list[int]]:
    """The database of `ini`, with `people` people and 1,000 organisations; returns the
    organisations' ids and up to 1,000 people's."""
    from pyramid.paster import bootstrap

    from norec_core import Organisation, Person

    norec = [str(Path(sys.executable).with_name("norec")), "-c", str(ini)]
    subprocess.run([*norec, "db", "upgrade"], check=True, capture_output=True)
    subprocess.run(
        [*norec, "user", "add", ADMIN, "--role", "admin", "--password-stdin"],
        input=PASSWORD + "\n",
        text=True,
        check=True,
        capture_output=True,
    )
    with bootstrap(str(ini)) as env:
        request = env["request"]
        with request.tm:
            orgs = [
                Organisation(
                    name=f"Partner {n}",
                    country=("NO", "KE", "NP", "TZ")[n % 4],
                    kind="ngo",
                    description="An organisation of the benchmark.",
                )
                for n in range(ORGANISATIONS)
            ]
            request.dbsession.add_all(orgs)
        for start in range(0, people, 2000):
            with request.tm:
                request.dbsession.add_all(
                    Person(
                        given_name=f"Given{n}",
                        family_name=f"Family{n % 997:04d}",
                        email=f"person{n}@example.org",
                        country=("NO", "KE", "NP")[n % 3],
                    )
                    for n in range(start, min(people, start + 2000))
                )
        with request.tm:
            from sqlalchemy import select

            org_ids = list(request.dbsession.scalars(select(Organisation.id)))
            person_ids = list(request.dbsession.scalars(select(Person.id)))
        engine = request.registry["norec.db_engine"]
    if engine.dialect.name == "postgresql":
        # What autovacuum does within a minute of a bulk load: the planner's statistics and
        # the visibility map (index-only scans), so that the plans measured are a running
        # site's, not those of tables it believes empty.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
    # The same people in every run, so that runs compare (not a secret: S311 does not apply).
    chosen = random.Random(1).sample(person_ids, min(CYCLED, len(person_ids)))  # noqa: S311
    return org_ids, chosen


def start(kind: str, target: str, port: int, threads: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, __file__, "serve", kind, target, str(port), str(threads)],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,  # stopped as a group: nothing it started outlives it
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return process
        except urllib.error.HTTPError:
            return process  # it answers
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"the {kind} server did not start")


def stop(process: subprocess.Popen) -> str:
    """Stop a server; what it said (the page cache's hit rate)."""
    process.terminate()
    try:
        out, _err = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        out = ""
    # Anything left of the server would take the CPU from the next figures (a made-anew
    # server of 4 threads was seen to outlive the run, orphaned).
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    return (out or "").strip()


def login(port: int) -> str:
    """The platform's session cookie of the benchmark's administrator."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"http://127.0.0.1:{port}/login").read().decode()
    # The form's hidden fields (the CSRF token, deform's form id), then what a user types.
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    fields |= {"email": ADMIN, "password": PASSWORD, "submit": "submit"}
    answer = opener.open(f"http://127.0.0.1:{port}/login", urllib.parse.urlencode(fields).encode())
    if answer.url.endswith("/login"):
        raise SystemExit("the benchmark's administrator could not log in")
    return "; ".join(f"{c.name}={c.value}" for c in jar)


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}
ERRORS: list[str] = []  # said at the end, and the benchmark then fails


def warm(base: str, paths: list[str], cookie: str = "") -> None:
    """Each kind of page once first: templates are compiled on first use, and that is not
    the page."""
    for path in paths[:1]:
        request = urllib.request.Request(base + path, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
        urllib.request.urlopen(request, timeout=60).read()  # noqa: S310


def wrk(
    base: str, paths: list[str], duration: int, connections: int, cookie: str = ""
) -> tuple[float, float, float]:
    """(req/s, p50 ms, p99 ms) of `paths` under `base`: the one path again and again, or
    each request a random one of them."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", base + paths[0]]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if len(paths) > 1:
            script.write(CYCLE_LUA.format(paths=", ".join(f'"{p}"' for p in paths)))
            script.flush()
            command[1:1] = ["-s", script.name]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        ERRORS.append(f"{base}{paths[0]}: {errors.group(1)} answers not 2xx or 3xx")

    def percentile(p):
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)\b", out).groups()
        return float(value) * _UNITS[unit]

    return rate, percentile(50), percentile(99)


def _pages(org_ids: list[int], person_ids: list[int], people: int) -> list[tuple]:
    """(title, paths, logged in, the bare app's paths) of each page measured."""
    orgs = [f"/organisations/{i}" for i in org_ids[:CYCLED]]
    lists = [f"/people?page={n}" for n in range(1, -(-people // PAGE_SIZE) + 1)]
    return [
        ("organisation page, each a new one", orgs, False, orgs),
        ("person page, each a new one", [f"/people/{i}" for i in person_ids], True, orgs),
        (f"people list, a random page of {len(lists)}", lists, True, lists),
        ("organisation page, the same", orgs[:1], False, orgs[:1]),
        ("people list, the first page again", ["/people"], True, ["/people"]),
    ]


def _committer(url: str, org_id: int, done: threading.Event) -> threading.Thread:
    """Another process's work (a caseworker saving, the worker sending mail): a commit a
    second, through the platform's engine, as any writer of the site makes it."""
    from sqlalchemy import text

    from norec_core.db import make_engine

    engine = make_engine(url)

    def commit():
        n = 0
        while not done.wait(1):
            n += 1
            with engine.begin() as connection:
                connection.execute(
                    text("UPDATE organisation SET description = :d WHERE id = :i"),
                    {"d": f"Edited {n} times", "i": org_id},
                )
        engine.dispose()

    thread = threading.Thread(target=commit)
    thread.start()
    return thread


def bench(args, people: int, workdir: Path, url: str) -> None:
    from norec_core.testservers import free_port

    ports = {"kept": free_port(), "made": free_port()}
    bare_port = free_port()
    files = workdir / "files"
    files.mkdir(exist_ok=True)
    inis = {}
    for kind, page_cache_mb in (("kept", 32), ("made", 0)):
        inis[kind] = workdir / f"bench-{people}-{kind}.ini"
        inis[kind].write_text(
            INI.format(url=url, port=ports[kind], files=files, page_cache_mb=page_cache_mb)
        )
    org_ids, person_ids = make_data(inis["kept"], people)
    pages = _pages(org_ids, person_ids, people)
    bare = f"http://127.0.0.1:{bare_port}"
    base = {k: f"http://127.0.0.1:{ports[k]}" for k in KINDS}
    results: dict[tuple, list] = {}
    servers = [start("platform", str(inis[k]), ports[k], 1) for k in KINDS]
    servers.append(start("bare", url, bare_port, 1))
    try:
        cookies = {k: login(ports[k]) for k in KINDS}
        for _title, paths, logged_in, bare_paths in pages:
            for kind in KINDS:
                warm(base[kind], paths, cookies[kind] if logged_in else "")
            warm(bare, bare_paths)
        for _ in range(args.runs):
            for title, paths, logged_in, bare_paths in pages:
                results.setdefault(("bare", title), []).append(
                    wrk(bare, bare_paths, args.duration, 1)
                )
                for kind in KINDS:
                    cookie = cookies[kind] if logged_in else ""
                    results.setdefault((kind, title), []).append(
                        wrk(base[kind], paths, args.duration, 1, cookie)
                    )
    finally:
        said = [stop(server) for server in servers]
    print(
        f"\n{people:,} people, {url.split(':')[0]}, one thread, one connection, "
        f"median of {args.runs} runs of {args.duration} s"
    )
    print(
        f"{'':38} {'bare':>6} {'pages kept (default)':^28} {'every page made anew':^28}\n"
        f"{'page':38} {'req/s':>6}" + f" {'req/s':>6} {'p50 ms':>6} {'p99 ms':>6} {'ratio':>6}" * 2
    )
    for title, *_rest in pages:
        bare_rate = statistics.median(r[0] for r in results[("bare", title)])
        line = f"{title:38} {bare_rate:6.0f}"
        for kind in KINDS:
            rate, p50, p99 = (
                statistics.median(v) for v in zip(*results[(kind, title)], strict=True)
            )
            line += f" {rate:6.0f} {p50:6.1f} {p99:6.1f} {rate / bare_rate:6.2f}"
        print(line)
    print(f"  kept: {said[0]}")
    bare_rates = {t: statistics.median(r[0] for r in results[("bare", t)]) for t, *_ in pages}

    def run_all(kind: str, threads: int, heading: str, writer: bool = False) -> None:
        print(heading)
        server = start("platform", str(inis[kind]), ports[kind], threads)
        done = threading.Event()
        committer = _committer(url, org_ids[-1], done) if writer else None
        try:
            cookie = login(ports[kind])
            for _title, paths, logged_in, _bare in pages:
                warm(base[kind], paths, cookie if logged_in else "")
            for title, paths, logged_in, _bare in pages:
                rate, p50, p99 = wrk(
                    base[kind], paths, args.duration, threads, cookie if logged_in else ""
                )
                print(
                    f"  {kind:5} {title:38} {rate:6.0f} req/s ({rate / bare_rates[title]:4.2f} of "
                    f"bare)  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms"
                )
        finally:
            done.set()
            if committer is not None:
                committer.join()
            print(
                f"  {kind}: {stop(server)}" if kind == "kept" else "", end="\n" * (kind == "kept")
            )

    for kind in KINDS:
        run_all(kind, 4, f"4 threads, 4 connections ({kind}):")
    run_all("kept", 1, "a working day: another process commits once a second", writer=True)


def _resident(process: subprocess.Popen) -> dict[str, int]:
    """VmRSS and VmHWM, in kB, of the process running waitress: the server itself, or the
    last of its descendants if it is a wrapper (a launcher that starts Python)."""
    pid = process.pid
    while children := Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        pid = int(children[-1])
    status = Path(f"/proc/{pid}/status").read_text()
    return {k: int(v) for k, v in re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M)}


def _mix(org_ids: list[int], person_ids: list[int], people: int) -> list[tuple[str, bool]]:
    """(path, logged in) of each page of the memory run: the pages of the speed runs
    (`_pages`), the organisations' pages logged in too, the organisations' list, and the
    plugins' reading pages that need no records of their own (the data has none),
    anonymous and logged in, or logged in where the plugin asks for a login."""
    orgs = [f"/organisations/{i}" for i in org_ids[:CYCLED]]
    lists = [f"/people?page={n}" for n in range(1, -(-people // PAGE_SIZE) + 1)]
    org_lists = [f"/organisations?page={n}" for n in range(1, -(-len(org_ids) // PAGE_SIZE) + 1)]
    open_pages = [
        *org_lists,
        *(f"/organisations?q=Partner+{n}" for n in range(100)),
        "/grants/",
        "/grants/schemes",
        "/network/",
        "/network/directory",
        "/network/countries",
        *(f"/network/countries/{c}" for c in ("NO", "KE", "NP", "TZ")),
        "/research/",
        "/research/publications",
        "/research/commissions",
        "/multilateral/",
        "/multilateral/posts",
    ]
    logged_in = [
        *(f"/people/{i}" for i in person_ids),
        *lists,
        "/multilateral/careers",
        "/multilateral/rounds",
        "/notes/",
    ]
    mix = [(p, False) for p in orgs + open_pages] + [(p, True) for p in orgs + open_pages]
    mix += [(p, True) for p in logged_in]
    # Mixed, not by kind: the same order in every run (S311 does not apply).
    random.Random(2).shuffle(mix)  # noqa: S311
    return mix


def _drive(base: str, mix: list[tuple[str, bool]], cookie: str, count: int) -> int:
    """Ask `count` pages of `mix` under `base`, 4 connections at a time; how many were
    answered (wrk stops a little after `count`, with the answers in flight)."""
    pages = ", ".join(f'{{"{path}", {str(logged_in).lower()}}}' for path, logged_in in mix)
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(MIX_LUA.format(pages=pages, cookie=cookie, count=count))
        script.flush()
        # The duration is a bound only (a script wrk cannot load it reports and ignores):
        # wrk is stopped once the script says it is done, and then prints its summary as
        # after a Ctrl-C.
        command = ["wrk", "-t1", "-c4", "-d600s", "-s", script.name, base + mix[0][0]]
        done = False
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
            for line in process.stdout:
                if line.strip() == "answered":
                    done = True
                    process.send_signal(signal.SIGINT)
                    break
            out = process.stdout.read()
        if process.returncode or not done:
            raise SystemExit(f"wrk stopped ({process.returncode}) before {count:,} answers")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        ERRORS.append(f"{base} (memory mix): {errors.group(1)} answers not 2xx or 3xx")
    return int(re.search(r"(\d+) requests in", out).group(1))


def memory(args, people: int, workdir: Path, url: str) -> None:
    from norec_core.testservers import free_port

    files = workdir / "files"
    files.mkdir(exist_ok=True)
    ports = {k: free_port() for k in KINDS}
    inis = {}
    for kind in KINDS:
        inis[kind] = workdir / f"memory-{people}-{kind}.ini"
        ini = INI.format(url=url, port=ports[kind], files=files, page_cache_mb=0)
        if kind == "kept":
            # The core's default size, whatever it is: the process as deployed.
            ini = ini.replace("norec.page_cache_mb = 0\n", "")
        inis[kind].write_text(ini)
    org_ids, person_ids = make_data(inis["kept"], people)
    mix = _mix(org_ids, person_ids, people)
    print(
        f"\n{people:,} people, {url.split(':')[0]}, 4 threads, 4 connections: "
        f"{MIX_REQUESTS:,} requests of {len(mix):,} pages in turn; target {TARGET_MB} MB"
    )
    for kind in KINDS:
        server = start("platform", str(inis[kind]), ports[kind], 4)
        try:
            # Right after the first answer: the home page, made (templates compiled).
            readings = [("after start (first answer)", _resident(server))]
            # Apart: checking a password (argon2) takes its memory cost at once, a peak
            # the pages do not make.
            cookie = login(ports[kind])
            readings.append(("after one login", _resident(server)))
            began = time.monotonic()
            answered = _drive(f"http://127.0.0.1:{ports[kind]}", mix, cookie, MIX_REQUESTS)
            seconds = time.monotonic() - began
            readings.append((f"after {answered:,} requests ({seconds:.0f} s)", _resident(server)))
        finally:
            said = stop(server)
        print("  page cache on (the default size)" if kind == "kept" else "  page cache off")
        for when, kb in readings:
            print(
                f"    {when:32} RSS {kb['VmRSS'] / 1024:6.1f} MB  "
                f"high-water {kb['VmHWM'] / 1024:6.1f} MB"
            )
        rss = readings[-1][1]["VmRSS"] / 1024
        verdict = "within" if rss <= TARGET_MB else "OVER"
        print(f"    {'the target':32} RSS after the requests {verdict} {TARGET_MB} MB")
        held = re.search(r"page cache: (\d+) pages, (\d+) bytes", said)
        if held:
            print(
                f"    page cache holds {int(held.group(1)):,} pages, "
                f"{int(held.group(2)) / 1024 / 1024:.1f} MB by its own count"
            )
        elif kind == "kept":
            print(f"    page cache: its size unknown ({said or 'nothing said'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--people", default="1000,12000", help="comma-separated sizes")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--memory",
        action="store_true",
        help=f"measure a web process's memory after {MIX_REQUESTS:,} mixed requests instead",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, capture_output=True)
    server = None
    with tempfile.TemporaryDirectory(prefix="norec-bench-") as tmp:
        workdir = Path(tmp)
        if args.db == "postgresql":
            from norec_core.testservers import PostgreSQLServer, postgresql_bindir

            server = PostgreSQLServer(postgresql_bindir())
            server.start()
        try:
            for n, people in enumerate(int(p) for p in args.people.split(",")):
                if server is not None:
                    url = server.create_database(f"bench{n}")
                else:
                    url = f"sqlite:///{workdir / f'bench{n}.sqlite'}"
                (memory if args.memory else bench)(args, people, workdir, url)
        finally:
            if server is not None:
                server.stop()
    if ERRORS:
        raise SystemExit("errors:\n" + "\n".join(ERRORS))


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        serve(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        main()
