"""The migrations build exactly the schema the models describe, and can be undone."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from norec_core import migrate
from norec_core.db import Base, make_engine
from norec_core.plugins import installed_plugins
from norec_core.search.models import unmodelled
from norec_core.testing import make_settings


@pytest.fixture
def empty_database(norec_backend, request, tmp_path):
    if norec_backend == "sqlite":
        return f"sqlite:///{tmp_path / 'migrations.sqlite'}"
    return request.getfixturevalue("postgresql_server").create_database("norec_migrations")


def _differences(engine):
    with engine.connect() as connection:
        # The full-text index (FTS5 table, tsvector column) is the migration's alone.
        context = MigrationContext.configure(connection, opts={"include_object": unmodelled})
        return compare_metadata(context, Base.metadata)


def test_upgrade_matches_models_and_downgrade_removes_everything(empty_database):
    settings = make_settings(empty_database)
    engine = make_engine(empty_database)
    try:
        migrate.upgrade(settings)
        assert _differences(engine) == []
        tables = set(inspect(engine).get_table_names())
        assert {"person", "organisation", "partnership", "activity", "registration"} <= tables
        migrate.downgrade(settings, "base")
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
        migrate.upgrade(settings)
        assert _differences(engine) == []
    finally:
        engine.dispose()


@pytest.mark.bundle
def test_only_enabled_plugins_bring_their_version_directory(empty_database):
    def locations(plugins):
        settings = make_settings(empty_database, **{"norec.plugins": plugins})
        return migrate.alembic_config(settings).get_main_option("version_locations")

    assert "norec_notes" in locations("notes")
    assert "norec_notes" not in locations("grants")
    assert "norec_core" in locations("")


def test_plugin_branch_upgrades_after_the_core_and_downgrades_alone(empty_database):
    settings = make_settings(empty_database, **{"norec.plugins": "notes"})
    engine = make_engine(empty_database)
    try:
        migrate.upgrade(settings)
        assert "notes_note" in inspect(engine).get_table_names()
        migrate.downgrade(settings, "notes@base")
        tables = set(inspect(engine).get_table_names())
        assert "notes_note" not in tables and "person" in tables
    finally:
        engine.dispose()


@pytest.mark.bundle
def test_a_disabled_plugin_keeps_its_tables_and_the_rest_upgrades(empty_database):
    engine = make_engine(empty_database)
    try:
        migrate.upgrade(make_settings(empty_database, **{"norec.plugins": "notes"}))
        # Disabled: Alembic alone fails here with "Can't locate revision 0001_notes".
        migrate.upgrade(make_settings(empty_database, **{"norec.plugins": "grants"}))
        assert "notes_note" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_a_revision_no_installed_plugin_knows_is_explained(empty_database):
    settings = make_settings(empty_database, **{"norec.plugins": ""})
    migrate.upgrade(settings)
    engine = make_engine(empty_database)
    try:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO alembic_version VALUES ('0001_uninstalled')"))
    finally:
        engine.dispose()
    with pytest.raises(migrate.MigrationError, match="revision 0001_uninstalled, which neither"):
        migrate.upgrade(settings)


def test_every_revision_id_fits_alembics_version_column(tmp_path):
    # alembic_version.version_num is VARCHAR(32): PostgreSQL refuses a longer id at
    # upgrade, where SQLite stores it, so the fault would show on one database only.
    every = " ".join(installed_plugins())
    settings = make_settings(f"sqlite:///{tmp_path}/ids.sqlite", **{"norec.plugins": every})
    scripts = ScriptDirectory.from_config(migrate.alembic_config(settings))
    too_long = [r.revision for r in scripts.walk_revisions() if len(r.revision) > 32]
    assert too_long == []
