"""`scripts/serve` as a sister agency runs it: the core with one plugin, on a port of its
choice, with the log a server gives (the README's command, in a process of its own)."""

import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from norec_core.testservers import free_port

ROOT = Path(__file__).resolve().parents[1]


def _status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 (loopback)
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def test_serve_runs_the_core_with_the_plugins_named_and_logs_as_a_server(tmp_path):
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(ROOT / "scripts" / "serve"), "--port", str(port), "--plugins", "network"],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its worker and pserve stop with it
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            if _status(base + "/") == 200:
                break
            assert server.poll() is None, log.read_text()
            time.sleep(0.5)
        assert _status(base + "/network/directory") == 200
        assert _status(base + "/grants/") == 404  # not enabled
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    text = log.read_text()
    assert f"Serving on http://127.0.0.1:{port}" in text
    assert "demo data loaded" in text or "already holds data" in text
    assert "Traceback" not in text
    config = ROOT / "var" / f"serve-{port}-network.ini"
    assert "norec.plugins = network" in config.read_text()
    config.unlink()
    for path in (ROOT / "var").glob(f"*-{port}-network.sqlite*"):
        path.unlink()
