"""Start-up to the first answer, with every plugin, as an operator meets it: `pserve` on
a migrated SQLite database, timed from the process's start to the front page's first 200.
Prints each run and the median; `--profile` prints where the in-process part goes.

    .venv/bin/python benchmarks/startup.py [--runs 5] [--profile]
"""

from __future__ import annotations

import argparse
import configparser
import cProfile
import pstats
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_ini(directory: Path, port: int) -> Path:
    """development.ini with its database, files and queue in `directory`."""
    config = configparser.ConfigParser(interpolation=None)
    config.read(ROOT / "development.ini")
    app = config["app:main"]
    app["sqlalchemy.url"] = f"sqlite:///{directory}/norec.sqlite"
    app["norec.queue.url"] = f"sqlite:///{directory}/queue.sqlite"
    app["norec.files.url"] = f"file://{directory}/files"
    app["norec.mail.directory"] = f"{directory}/mail"
    app["norec.base_url"] = f"http://127.0.0.1:{port}"
    app["pyramid.reload_templates"] = "false"
    config["server:main"]["listen"] = f"127.0.0.1:{port}"
    ini = directory / "startup.ini"
    with ini.open("w") as f:
        config.write(f)
    return ini


def first_answer(ini: Path, port: int) -> float:
    started = time.perf_counter()
    server = subprocess.Popen(
        [str(BIN / "pserve"), str(ini)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
                    if answer.status == 200:
                        return time.perf_counter() - started
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError("the server stopped before it answered") from None
                time.sleep(0.005)
    finally:
        server.terminate()
        server.wait()


def profile(ini: Path) -> None:
    from pyramid.paster import get_app

    profiler = cProfile.Profile()
    profiler.enable()
    get_app(str(ini))
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="norec-startup-") as tmp:
        port = _free_port()
        ini = make_ini(Path(tmp), port)
        subprocess.run(
            [str(BIN / "norec"), "-c", str(ini), "db", "upgrade"], check=True, capture_output=True
        )
        if args.profile:
            profile(ini)
            return
        times = []
        for run in range(args.runs):
            seconds = first_answer(ini, port)
            times.append(seconds)
            print(f"run {run + 1}: {seconds:.2f} s to the first answer")
        print(f"median {statistics.median(times):.2f} s (target 1.0 s)")


if __name__ == "__main__":
    main()
