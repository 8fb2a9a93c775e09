"""The notes plugin as a whole: its public-surface promise, its migrations, and who may
open its pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from norec_core.testing import (
    assert_migrations_match,
    fill_route,
    make_settings,
    matrix_mismatches,
    plugin_routes,
    private_core_imports,
)

# What these tests check lies above the database; the migrations are tested on SQLite.
pytestmark = pytest.mark.norec_backends("sqlite")

TAKERS = frozenset({"admin", "notetaker"})
EVERYONE = frozenset({"anonymous", "member"}) | TAKERS
# Route name -> the cases allowed. The person a note is about may read it too: that is in
# test_notes.py, as the workflow's rules.
MATRIX = {
    "notes.index": TAKERS,
    "notes.note": TAKERS,
    "notes.list": EVERYONE - {"anonymous"},
}


def test_only_the_public_surface():
    assert private_core_imports(Path(__file__).parent.parent / "norec_notes") == []


def test_every_route_is_in_the_matrix(app):
    assert set(plugin_routes(app.registry, "notes")) == set(MATRIX)


@pytest.mark.parametrize("case", sorted(EVERYONE))
def test_each_case_is_allowed_what_the_matrix_says(
    client, make_user, make_person, db_session, case
):
    from norec_notes.models import Note

    note = Note(person=make_person(), text="Call back about the gathering.")
    db_session.add(note)
    db_session.flush()
    if case == "anonymous":
        browser = client()
    else:
        roles = [] if case == "member" else [case]
        browser = client(make_user(f"{case}@matrix.example.org", roles=roles).email)
    paths = {
        name: fill_route(pattern, {"id": note.id})
        for name, pattern in plugin_routes(browser.app.registry, "notes").items()
    }
    assert matrix_mismatches(browser, case, MATRIX, paths) == []


def test_migrations_match_the_models(tmp_path):
    settings = make_settings(f"sqlite:///{tmp_path / 'm.sqlite'}", **{"norec.plugins": "notes"})
    assert_migrations_match(settings, "notes", "notes_")
