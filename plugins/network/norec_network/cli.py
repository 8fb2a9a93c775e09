"""`norec network import FILE [--dry-run] [--map HEADER=FIELD ...]`: the register's
import from the command line, as the import page does it."""

from __future__ import annotations

import sys
from pathlib import Path

from pyramid.i18n import Localizer, make_localizer

from norec_core import command_session
from norec_network import importing, register_file

REASONS_SHOWN = 50


def configure(parser) -> None:
    sub = parser.add_subparsers(dest="network_command", required=True)
    run = sub.add_parser("import", help="import former participants from a CSV or XLSX file")
    run.add_argument("file", type=Path)
    run.add_argument(
        "--dry-run", action="store_true", help="say what the import would do, change nothing"
    )
    run.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="a header of the file and the field it holds; fields: "
        + ", ".join(register_file.FIELDS),
    )


def _localizer() -> Localizer:
    # Messages in English on the command line: the translations' source language.
    return make_localizer("en", [])


def run(args, settings) -> int:
    translate = _localizer().translate
    mapping = {}
    for item in args.map:
        header, _sep, name = item.partition("=")
        if not name:
            print(f"--map {item}: write HEADER=FIELD", file=sys.stderr)
            return 2
        mapping[header.strip()] = name.strip()
    try:
        data = args.file.read_bytes()
    except OSError as error:
        print(f"{args.file}: {error.strerror}", file=sys.stderr)
        return 2
    try:
        records = register_file.read(args.file.name, data, mapping)
    except register_file.UnreadableFile as refused:
        print(f"{args.file}: {translate(refused.args[0])}", file=sys.stderr)
        return 2
    with command_session(settings) as session:
        rows = importing.plan(session, records)
        if not args.dry_run:
            importing.apply(session, rows, args.file.name)
    counts = importing.counts(rows)
    verb = "would be" if args.dry_run else "were"
    print(
        f"{len(rows)} rows: {counts['create']} new, {counts['update']} updated, "
        f"{counts['review']} possible matches for an adviser, {counts['unchanged']} unchanged, "
        f"{counts['reject']} rejected ({verb} imported)"
    )
    if counts["review"] and not args.dry_run:
        print("  possible matches are decided at /network/register/matches")
    for row in [r for r in rows if r.action == "reject"][:REASONS_SHOWN]:
        print(f"  row {row.number}: {' '.join(translate(r) for r in row.reasons)}")
    return 0
