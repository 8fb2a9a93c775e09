"""Database migrations: one Alembic environment, the core's and every enabled plugin's versions."""

from __future__ import annotations

import logging
import os
from importlib.resources import files

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection

from norec_core.db import make_engine
from norec_core.plugins import installed_plugins, make_plugin_manager

log = logging.getLogger(__name__)


class MigrationError(Exception):
    """The database cannot be brought up to date as configured; the message says why."""


def _asset_path(spec: str) -> str:
    package, _, path = spec.partition(":")
    return str(files(package).joinpath(path))


def alembic_config(settings: dict, connection: Connection | None = None) -> Config:
    """An Alembic configuration for the plugins that `settings` enables."""
    pm = settings.get("norec.pm") or make_plugin_manager(settings)
    locations = [_asset_path(spec) for spec in pm.hook.norec_migrations() if spec]
    config = Config()
    config.set_main_option("script_location", "norec_core:migrations")
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", os.pathsep.join(sorted(locations)))
    config.set_main_option("sqlalchemy.url", settings["sqlalchemy.url"].replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def upgrade(settings: dict, revision: str = "heads", connection: Connection | None = None) -> None:
    """Upgrade to `revision`; by default every enabled branch to its newest revision.

    A plugin that was enabled once and is disabled now leaves its revision in the version
    table, where Alembic alone would fail with "Can't locate revision". Its tables are
    left as they are (its data is kept for when it is enabled again) and every other
    branch is upgraded; a revision that no installed distribution knows stops the upgrade
    with a message saying what to do.
    """
    config = alembic_config(settings, connection)
    if revision != "heads":
        command.upgrade(config, revision)
        return
    unknown = _unknown_revisions(config, _stored_revisions(settings, connection))
    if not unknown:
        command.upgrade(config, "heads")
        return
    disabled = _disabled_plugin_locations(settings)
    locations = config.get_main_option("version_locations")
    config.set_main_option("version_locations", os.pathsep.join([locations, *disabled.values()]))
    still_unknown = _unknown_revisions(config, unknown)
    if still_unknown:
        raise MigrationError(
            f"the database is at revision {', '.join(still_unknown)}, which neither the core "
            "nor any installed plugin knows: reinstall the plugin that made those tables "
            "(norec plugins lists what is installed)"
        )
    script = ScriptDirectory.from_config(config)
    for head in script.get_heads():
        owner = next(
            (n for n, d in disabled.items() if script.get_revision(head).path.startswith(d)), None
        )
        if owner is None:
            command.upgrade(config, head)
        else:
            log.warning(
                "plugin %r is not enabled: its tables are kept at their revision; enable it "
                "again, or remove them with it enabled: norec db downgrade %s@base",
                owner,
                owner,
            )


def _stored_revisions(settings: dict, connection: Connection | None) -> tuple[str, ...]:
    if connection is not None:
        return MigrationContext.configure(connection).get_current_heads()
    engine = make_engine(settings["sqlalchemy.url"])
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_heads()
    finally:
        engine.dispose()


def _unknown_revisions(config: Config, revisions) -> list[str]:
    script = ScriptDirectory.from_config(config)
    unknown = []
    for rev in revisions:
        try:
            script.get_revision(rev)
        except CommandError:
            unknown.append(rev)
    return unknown


def _disabled_plugin_locations(settings: dict) -> dict[str, str]:
    """The version directories of the installed plugins that `settings` does not enable."""
    return _plugin_locations(settings, enabled=False)


def _plugin_locations(settings: dict, enabled: bool) -> dict[str, str]:
    """The version directories of the installed plugins that `settings` enables, or of
    those it does not."""
    pm = settings.get("norec.pm") or make_plugin_manager(settings)
    names = {info.name for info in pm.norec_plugins}
    found = {}
    for name, entry_point in installed_plugins().items():
        if (name in names) != enabled:
            continue
        hook = getattr(entry_point.load(), "norec_migrations", None)
        spec = hook() if hook is not None else None
        if spec:
            found[name] = _asset_path(spec)
    return found


def downgrade(settings: dict, revision: str, connection: Connection | None = None) -> None:
    command.downgrade(alembic_config(settings, connection), revision)


def current(settings: dict) -> list[tuple[str, str]]:
    """Each revision the database is at, with what it belongs to: "core", an enabled
    plugin's name, "<name>, not enabled" for a plugin installed but disabled (whose
    tables are kept), or "unknown" for one no installed distribution knows. Alembic's own
    `current` fails with "Can't locate revision" as soon as a plugin is disabled."""
    config = alembic_config(settings)
    known = ScriptDirectory.from_config(config)
    locations = config.get_main_option("version_locations")
    owners = _plugin_locations(settings, enabled=True)
    disabled = _disabled_plugin_locations(settings)
    found = []
    for revision in sorted(_stored_revisions(settings, None)):
        try:
            path = known.get_revision(revision).path
        except CommandError:
            owner = "unknown"
            for name, location in disabled.items():
                config.set_main_option("version_locations", os.pathsep.join([locations, location]))
                try:
                    ScriptDirectory.from_config(config).get_revision(revision)
                except CommandError:
                    continue
                owner = f"{name}, not enabled"
        else:
            owner = next((n for n, d in owners.items() if path.startswith(d)), "core")
        found.append((revision, owner))
    return found
