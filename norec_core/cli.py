"""The `norec` command line: database, users, plugins, demo data, and the plugins' commands."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from contextlib import contextmanager

from pyramid.paster import get_appsettings, setup_logging
from sqlalchemy import make_url, text
from sqlalchemy.orm import Session

from norec_core.accounts.users import save_user
from norec_core.app import make_config
from norec_core.contributions import CliCommand
from norec_core.db import create_database, make_engine
from norec_core.domain.demo import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, has_data, load_demo
from norec_core.i18n import catalogues
from norec_core.interfaces import ITaskQueue
from norec_core.plugins import (
    PluginError,
    installed_plugins,
    make_plugin_manager,
    roles,
    search_sources,
)
from norec_core.search.index import SOURCES, rebuild_index, track


@contextmanager
def command_session(settings: dict):
    """A session committed at the end, or rolled back on error."""

    engine = make_engine(settings["sqlalchemy.url"])
    try:
        with Session(engine) as session, session.begin():
            # The audit log names the operating-system user for command-line changes.
            session.info["actor"] = (None, f"command line ({getpass.getuser()})")
            if "norec.pm" in settings:  # what it commits reaches the search index
                track(session, search_sources(settings["norec.pm"]))
            yield session
    finally:
        engine.dispose()


def _db_configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="db_command", required=True)
    sub.add_parser(
        "create", help="create the database sqlalchemy.url names, where it does not exist"
    )
    sub.add_parser("upgrade", help="bring the database to the newest revision")
    down = sub.add_parser("downgrade", help="go back to a revision")
    down.add_argument("revision", help='for instance "base", or "-1"')
    sub.add_parser("current", help="show the revisions the database is at")


def _db_run(args, settings) -> int:
    # Alembic only for the command that needs it: every web process imports this module
    # (command_session is public) and need not pay for it at start-up.
    from norec_core import migrate

    if args.db_command == "create":
        url = make_url(settings["sqlalchemy.url"])
        made = create_database(settings["sqlalchemy.url"])
        print(f"{'created' if made else 'there already is'} the database {url.database}")
    elif args.db_command == "upgrade":
        try:
            migrate.upgrade(settings)
        except migrate.MigrationError as exc:
            print(f"norec: {exc}", file=sys.stderr)
            return 2
    elif args.db_command == "downgrade":
        migrate.downgrade(settings, args.revision)
    else:
        found = migrate.current(settings)
        for revision, owner in found:
            print(f"{revision}  ({owner})")
        if not found:
            print("the database has no tables yet: norec db upgrade")
    return 0


def _user_configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="user_command", required=True)
    add = sub.add_parser("add", help="create a user, or update the password and roles of one")
    add.add_argument("email")
    add.add_argument("--name", default="", help="display name")
    add.add_argument(
        "--role", action="append", default=[], help="a site role to grant (repeatable)"
    )
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of asking",
    )


def _user_run(args, settings) -> int:

    known = roles(settings["norec.pm"])
    unknown = [r for r in args.role if r not in known]
    if unknown:
        print(f"unknown role(s): {', '.join(unknown)}; known: {', '.join(known)}", file=sys.stderr)
        return 2
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Again: "):
            print("the passwords differ", file=sys.stderr)
            return 2
    if len(password) < 8:
        print("the password must have at least 8 characters", file=sys.stderr)
        return 2
    with command_session(settings) as session:
        save_user(session, args.email, password, display_name=args.name, roles=args.role)
    print(f"user {args.email} saved with roles: {', '.join(sorted(set(args.role))) or 'none'}")
    return 0


def _plugins_run(args, settings) -> int:
    enabled = {info.name for info in settings["norec.pm"].norec_plugins}
    installed = installed_plugins()
    if not installed:
        print("no plugins installed")
    for name, ep in sorted(installed.items()):
        state = "enabled" if name in enabled else "installed"
        print(f"{name:<16} {ep.dist.name:<22} {ep.dist.version:<10} {state}")
    return 0


def _demo_configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="demo_command", required=True)
    sub.add_parser("load", help="load the demonstration data into an empty database")


def _demo_run(args, settings) -> int:

    from norec_core.app import main as make_app

    with command_session(settings) as session:
        if has_data(session):
            print("the database already holds data; demo data is loaded only into an empty one")
            return 0
        # The application, for its services (the file store) and a request to use them.
        app = make_app({}, **{k: v for k, v in settings.items() if k != "norec.pm"})
        load_demo(app.registry, session)
        app.registry["norec.db_engine"].dispose()
    with command_session(settings) as session:
        if session.get_bind().dialect.name == "postgresql":
            # The planner's statistics for thousands of new rows now, not when autovacuum
            # next comes by: until then PostgreSQL may choose plans that run for minutes.
            session.execute(text("ANALYZE"))
    print(f"demo data loaded; log in as {DEMO_ADMIN_EMAIL} with password {DEMO_ADMIN_PASSWORD}")
    return 0


def _search_configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="search_command", required=True)
    again = sub.add_parser("reindex", help="index every record anew (after enabling a plugin)")
    again.add_argument("kinds", nargs="*", help="only these kinds of record (default: all)")


def _search_run(args, settings) -> int:
    with command_session(settings) as session:
        unknown = set(args.kinds) - set(session.info[SOURCES])
        if unknown:
            print(f"norec: no search source named {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        for kind, count in rebuild_index(session, args.kinds or None).items():
            print(f"{kind}: {count} indexed")
    return 0


def _i18n_configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action",
        choices=["update", "check", "add"],
        help="update: extract, merge and compile; check: report what is stale; "
        "add LANG [packages]: start a language's catalogues (`norec i18n add fr`)",
    )
    parser.add_argument(
        "packages",
        nargs="*",
        help="packages to work on (default: the core and the enabled plugins)",
    )


def _i18n_run(args, settings) -> int:
    language = None
    if args.action == "add":
        if not args.packages:
            print("norec: i18n add needs a language, such as `norec i18n add fr`", file=sys.stderr)
            return 2
        language, *args.packages = args.packages
    packages = args.packages or ["norec_core"] + [
        info.module.__name__.split(".")[0] for info in settings["norec.pm"].norec_plugins
    ]
    if args.action in ("update", "add"):
        try:
            for package in packages:
                if args.action == "add":
                    written = catalogues.add(package, language)
                else:
                    written = catalogues.update(package)
                for path in written:
                    print(f"updated {path}")
        except (catalogues.MissingTool, ValueError) as problem:
            print(f"norec: {problem}", file=sys.stderr)
            return 2
        return 0
    found = [problem for package in packages for problem in catalogues.problems(package)]
    for problem in found:
        print(problem)
    return 1 if found else 0


def _worker_configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workers", type=int, default=2, help="threads running tasks (default 2)")


def _worker_run(args, settings) -> int:
    from pyramid.scripting import prepare

    app_settings = {k: v for k, v in settings.items() if k != "norec.pm"}
    if app_settings.get("norec.queue.url") == "immediate":
        print("norec.queue.url is `immediate`: work runs in the web process, no worker needed")
        return 2
    registry = make_config(app_settings).make_wsgi_app().registry
    env = prepare(registry=registry)
    queue = env["request"].find_service(ITaskQueue)
    env["closer"]()
    # huey's consumer handles SIGINT and SIGTERM: it finishes running tasks, then stops.
    queue.huey.create_consumer(workers=args.workers, worker_type="thread", periodic=True).run()
    return 0


def core_commands() -> list[CliCommand]:
    return [
        CliCommand("db", "database migrations", _db_configure, _db_run),
        CliCommand("user", "manage user accounts", _user_configure, _user_run),
        CliCommand("plugins", "list installed and enabled plugins", lambda p: None, _plugins_run),
        CliCommand("demo", "demonstration data", _demo_configure, _demo_run),
        CliCommand("i18n", "translation catalogues", _i18n_configure, _i18n_run),
        CliCommand("search", "the search index", _search_configure, _search_run),
        CliCommand(
            "worker", "run background work and mail delivery", _worker_configure, _worker_run
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    # The config option is read first, without --help: which commands exist depends on
    # the plugins the configuration enables, and the help must list them.
    config_option = argparse.ArgumentParser(add_help=False)
    config_option.add_argument(
        "-c",
        "--config",
        default=os.environ.get("NOREC_CONFIG", "development.ini"),
        help="the ini file (default: $NOREC_CONFIG or development.ini)",
    )
    known, _rest = config_option.parse_known_args(argv)
    parser = argparse.ArgumentParser(
        prog="norec",
        description="The exchange platform. `norec COMMAND --help` explains a command.",
        parents=[config_option],
    )
    settings: dict = {}
    commands = core_commands()
    if os.path.exists(known.config):
        setup_logging(known.config)
        settings = dict(get_appsettings(known.config, name="main"))
        try:
            pm = make_plugin_manager(settings)
        except PluginError as exc:
            print(f"norec: {exc}", file=sys.stderr)
            return 2
        settings["norec.pm"] = pm
        # The core's commands, then the plugins' (two of the same name stop the command).
        commands += [c for result in pm.hook.norec_cli_commands() for c in result]
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    runners = {}
    for command in sorted(commands, key=lambda c: c.name):
        if command.name in runners:
            print(f"norec: two plugins declare the command {command.name!r}", file=sys.stderr)
            return 2
        command.configure(sub.add_parser(command.name, help=command.help))
        runners[command.name] = command.run
    args = parser.parse_args(argv)
    if not settings:
        parser.error(f"no configuration file {known.config!r}; give one with -c")
    return runners[args.command](args, settings) or 0


if __name__ == "__main__":
    logging.basicConfig()
    sys.exit(main())
