"""The register's pages and command: an adviser checks a file, downloads the check,
imports exactly what was checked, and finds the people in the register."""

from __future__ import annotations

import argparse
import csv
import io

from sqlalchemy import create_engine, func, select, text
from webtest import Upload

from norec_core.testing import make_settings, upgrade
from norec_network import cli

FILE = (
    b"Fornamn;Etternamn;E-post;Land;exchange_year\n"
    b"Amina;Okello;amina@example.org;Kenya;2015\n"
    b"Ravi;Sharma;ravi@example.org;IN;2012, 2014\n"
    b"Nobody;Here;broken-address;KE;2010\n"
)
MAPPING = "Fornamn = given_name\nEtternamn = family_name\nE-post = email\nLand = country"


def _adviser(client, make_user):
    return client(make_user("adviser@network.example.org", roles=["network_adviser"]).email)


def test_check_then_import_exactly_what_was_checked(client, make_user, db_session):
    adviser = _adviser(client, make_user)
    form = adviser.get("/network/register/import").forms["import"]
    form["upload"] = Upload("arkiv.csv", FILE, "text/csv")
    form["mapping"] = MAPPING
    page = form.submit("check")
    assert "2 new people" in page.text and "1 rejected" in page.text
    assert "«broken-address» is not an e-mail address." in page.text
    # The report of the check, every row with its reasons.
    form = page.forms["import"]
    report = form.submit("report")
    rows = list(csv.reader(io.StringIO(report.text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["Row", "What the import does", "Why"]
    assert [r[1] for r in rows[1:]] == ["new person", "new person", "rejected"]
    # The file is still with the form: importing needs no second upload.
    page = page.forms["import"].submit("run").follow()
    assert "Imported: 2 new, 0 updated" in page.text
    assert "Okello, Amina" in page.text and "Sharma, Ravi" in page.text
    export = adviser.get("/network/register", {"format": "csv", "year": "2014"})
    assert "Ravi" in export.text and "Amina" not in export.text


def test_an_unreadable_file_is_refused_and_a_member_may_not(client, make_user):
    adviser = _adviser(client, make_user)
    form = adviser.get("/network/register/import").forms["import"]
    form["upload"] = Upload("arkiv.csv", b"email\nx@example.org\n", "text/csv")
    page = form.submit("check", status=422)
    assert "these are missing: given_name, family_name" in page.text
    member = client(make_user("member@network.example.org").email)
    member.get("/network/register/import", status=403)
    member.get("/network/register", status=403)


def test_the_command_line_import(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    settings = make_settings(url, **{"norec.plugins": "network"})
    upgrade(settings)
    path = tmp_path / "arkiv.csv"
    path.write_bytes(FILE)
    mapping = [line.replace(" ", "") for line in MAPPING.splitlines()]
    args = argparse.Namespace(file=path, dry_run=True, map=mapping)
    assert cli.run(args, settings) == 0
    said = capsys.readouterr().out
    assert "3 rows: 2 new" in said and "(would be imported)" in said
    assert "row 4: «broken-address» is not an e-mail address." in said
    engine = create_engine(url)
    count = select(func.count()).select_from(text("network_alumnus"))
    with engine.connect() as connection:
        assert connection.scalar(count) == 0
    args.dry_run = False
    cli.run(args, settings)
    cli.run(args, settings)  # twice: the second changes nothing
    assert "0 new" in capsys.readouterr().out.splitlines()[-2]
    with engine.connect() as connection:
        assert connection.scalar(count) == 2
    engine.dispose()
    args.file = tmp_path / "missing.csv"
    assert cli.run(args, settings) == 2


def test_a_year_beyond_any_exchange_is_no_filter_and_no_error(client, make_user):
    adviser = _adviser(client, make_user)
    for year in ("99999999999999999999", "²", "1850"):
        assert adviser.get("/network/register", {"year": year}).status_int == 200
