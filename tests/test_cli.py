"""The `norec` command line on a real SQLite file: once as a user runs it, the console
script in a process of its own, and otherwise through the same `main` in this process
(a new interpreter costs some three seconds of start-up a command)."""

import io
import sqlite3
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from norec_core.cli import main

INI = """\
[app:main]
use = egg:norec-core
sqlalchemy.url = sqlite:///{db}
norec.plugins = {plugins}
norec.session_secret = cli-test-secret-0123456789abcdef0123456789
# Passwords hashed as cheaply as argon2 allows: the demo's accounts took most of a minute.
norec.argon2.time_cost = 1
norec.argon2.memory_cost = 8
norec.argon2.parallelism = 1
"""


def _norec(ini: Path, *args, stdin: str = "") -> subprocess.CompletedProcess:
    """`norec -c INI ARGS` as the console script runs it: its exit status and output."""
    out, err, given = io.StringIO(), io.StringIO(), sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(["-c", str(ini), *args])
            except SystemExit as exit:  # argparse's --help and usage errors
                code = exit.code if isinstance(exit.code, int) else 2 if exit.code else 0
    finally:
        sys.stdin = given
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


@pytest.fixture
def ini(tmp_path):
    path = tmp_path / "test.ini"
    path.write_text(
        INI.format(db=tmp_path / "cli.sqlite", plugins="grants network multilateral research")
    )
    return path


@pytest.mark.bundle
def test_plugins_lists_installed_and_enabled(ini):
    # The console script itself, as installed: the one command run in a process of its own.
    norec = Path(sys.executable).with_name("norec")
    result = subprocess.run(
        [str(norec), "-c", str(ini), "plugins"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert lines["grants"].split()[1:] == ["norec-grants", "0.1.0", "enabled"]
    assert lines["notes"].endswith("installed")


@pytest.fixture
def core_ini(tmp_path):
    """The core alone: the commands are the same, and the bundle's demo is test_demo's
    (loading it here again took a minute of the suite)."""
    path = tmp_path / "test.ini"
    path.write_text(INI.format(db=tmp_path / "cli.sqlite", plugins=""))
    return path


def test_upgrade_user_and_demo(core_ini):
    ini = core_ini
    assert _norec(ini, "db", "upgrade").returncode == 0
    result = _norec(
        ini,
        "user",
        "add",
        "boss@example.org",
        "--role",
        "admin",
        "--password-stdin",
        stdin="long-enough-password\n",
    )
    assert result.returncode == 0, result.stderr
    assert "user boss@example.org saved with roles: admin" in result.stdout
    result = _norec(ini, "demo", "load")
    assert result.returncode == 0, result.stderr
    assert "demo data loaded" in result.stdout
    assert "already holds data" in _norec(ini, "demo", "load").stdout
    # The demo was indexed as it was loaded; a rebuild finds the same records.
    database = sqlite3.connect(ini.parent / "cli.sqlite")
    indexed = dict(database.execute("SELECT kind, count(*) FROM search_document GROUP BY kind"))
    result = _norec(ini, "search", "reindex")
    assert result.returncode == 0, result.stderr
    assert f"activity: {indexed['activity']} indexed" in result.stdout
    assert dict(database.execute("SELECT kind, count(*) FROM search_document GROUP BY kind")) == (
        indexed
    )
    assert _norec(ini, "search", "reindex", "nothing").returncode == 2


@pytest.mark.bundle
def test_user_add_rejects_unknown_role_and_short_password(ini):
    assert _norec(ini, "db", "upgrade").returncode == 0
    result = _norec(
        ini,
        "user",
        "add",
        "a@example.org",
        "--role",
        "pope",
        "--password-stdin",
        stdin="long-enough-password\n",
    )
    assert result.returncode == 2 and "unknown role(s): pope" in result.stderr
    result = _norec(ini, "user", "add", "a@example.org", "--password-stdin", stdin="short\n")
    assert result.returncode == 2 and "at least 8 characters" in result.stderr


@pytest.mark.bundle
def test_missing_plugin_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.ini"
    path.write_text(INI.format(db=tmp_path / "x.sqlite", plugins="grants nonesuch"))
    result = _norec(path, "plugins")
    assert result.returncode == 2
    assert "is norec-nonesuch installed?" in result.stderr


@pytest.mark.bundle
def test_help_lists_the_commands_and_each_command_has_its_own(ini, tmp_path):
    listing = _norec(ini, "--help")
    assert listing.returncode == 0, listing.stderr
    assert all(name in listing.stdout for name in ("db", "demo", "i18n", "user", "worker"))
    # Without a configuration the core's commands are still listed.
    assert "worker" in _norec(tmp_path / "missing.ini", "--help").stdout
    i18n = _norec(ini, "i18n", "update", "--help")
    assert i18n.returncode == 0 and "usage: norec i18n" in i18n.stdout


@pytest.mark.bundle
def test_db_current_names_each_revision_a_disabled_plugin_s_too(tmp_path):
    with_network, without = tmp_path / "with.ini", tmp_path / "without.ini"
    with_network.write_text(INI.format(db=tmp_path / "c.sqlite", plugins="network"))
    without.write_text(INI.format(db=tmp_path / "c.sqlite", plugins=""))
    assert "no tables yet" in _norec(with_network, "db", "current").stdout
    assert _norec(with_network, "db", "upgrade").returncode == 0
    lines = _norec(with_network, "db", "current").stdout.splitlines()
    assert any(line.endswith("(network)") for line in lines)
    assert any(line.endswith("(core)") for line in lines)
    # Disabled, the plugin's tables are kept at their revision, and said to be.
    result = _norec(without, "db", "current")
    assert result.returncode == 0, result.stderr
    assert any(line.endswith("(network, not enabled)") for line in result.stdout.splitlines())


def test_i18n_update_without_lingua_says_what_to_install(core_ini, tmp_path, monkeypatch):
    # An interpreter beside which no pot-create (lingua's) is installed.
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    result = _norec(core_ini, "i18n", "update", "norec_core")
    assert result.returncode == 2
    assert "pip install 'norec-core[i18n]'" in result.stderr


def test_db_create_makes_the_database_once(tmp_path, norec_backend, request):
    """`norec db create` makes the database the ini names (a PostgreSQL database a sister
    agency's server does not have yet; SQLite's file and folder), and says so; asked
    again, it says there already is one."""
    if norec_backend == "postgresql":
        server = request.getfixturevalue("postgresql_server")
        url = server.create_database("norec_cli_maintenance").rsplit("/", 1)[0] + "/norec_new"
    else:
        url = f"sqlite:///{tmp_path / 'new' / 'norec.sqlite'}"
    path = tmp_path / "create.ini"
    path.write_text(INI.replace("sqlite:///{db}", url).format(plugins=""))
    made = _norec(path, "db", "create")
    assert made.returncode == 0 and made.stdout.startswith("created the database"), made
    again = _norec(path, "db", "create")
    assert again.returncode == 0 and again.stdout.startswith("there already is the database")
    assert _norec(path, "db", "upgrade").returncode == 0
