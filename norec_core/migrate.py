"""Database migrations: one Alembic environment, the core's and every enabled plugin's versions."""

from __future__ import annotations

import os
from importlib.resources import files

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection

from norec_core.plugins import make_plugin_manager


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
    command.upgrade(alembic_config(settings, connection), revision)


def downgrade(settings: dict, revision: str, connection: Connection | None = None) -> None:
    command.downgrade(alembic_config(settings, connection), revision)
