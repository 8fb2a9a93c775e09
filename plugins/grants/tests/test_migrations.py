"""The plugin's migrations build the tables its models describe, after the core's, and
take them away again leaving the core's."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from norec_core import Base
from norec_core.testing import downgrade, make_settings, upgrade


@pytest.fixture
def empty_database(norec_backend, request, tmp_path):
    if norec_backend == "sqlite":
        return f"sqlite:///{tmp_path / 'grants.sqlite'}"
    return request.getfixturevalue("postgresql_server").create_database("norec_grants_migrations")


def _grants_differences(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = compare_metadata(context, Base.metadata)
    # The core's own tables are the core's test; these are the plugin's.
    return [d for d in differences if "grants_" in repr(d)]


def test_upgrade_matches_the_models_and_downgrade_removes_the_plugins_tables(empty_database):
    settings = make_settings(empty_database, **{"norec.plugins": "grants"})
    engine = create_engine(empty_database)
    try:
        upgrade(settings)
        assert _grants_differences(engine) == []
        downgrade(settings, "grants@base")
        tables = set(inspect(engine).get_table_names())
        assert not {t for t in tables if t.startswith("grants_")}
        assert "partnership" in tables
    finally:
        engine.dispose()
