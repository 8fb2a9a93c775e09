"""The network plugin as a whole: its public-surface promise, its migrations, and who
may open its pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from norec_core import Base, now
from norec_core.testing import downgrade, make_settings, private_core_imports, upgrade

STAFF = {"admin", "network_adviser"}
LOGGED_IN = {"member", "caseworker", "admin", "network_adviser"}
EVERYONE = {"anonymous"} | LOGGED_IN
# route path -> who may open it (the rest are refused). None of these users is a member
# of the network, so none asks for mentoring, and only advisers write to the mentor;
# what members may do is in test_directory and test_mentoring.
MATRIX = {
    "/network/": EVERYONE,
    "/network/register": STAFF,
    "/network/register/import": STAFF,
    "/network/register/matches": STAFF,
    "/network/register/matches/{id:\\d+}": STAFF,
    "/network/waves": STAFF,
    "/network/waves/{id:\\d+}": STAFF,
    "/network/join": EVERYONE,
    "/network/profile": LOGGED_IN,
    "/network/directory": EVERYONE,
    "/network/members/{id:\\d+}": EVERYONE,
    "/network/members/{id:\\d+}/contact": STAFF,  # the member offers mentoring
    "/network/members/{id:\\d+}/mentor": set(),
    "/network/people/{id:\\d+}/invite": STAFF,
    "/network/mentoring": LOGGED_IN,
    "/network/activities": EVERYONE,
    "/network/statistics": STAFF,
    "/network/request": EVERYONE,
    "/network/requests": STAFF,
    "/network/requests/{id:\\d+}": STAFF,
    "/network/newsletter": EVERYONE,
    "/network/newsletter/join": LOGGED_IN,
    "/network/newsletters": STAFF,
    "/network/newsletters/{id:\\d+}": STAFF,
    "/network/countries": EVERYONE,
    "/network/countries/{code:[A-Z]{2}}": EVERYONE,
    "/network/countries/{code:[A-Z]{2}}/follow": LOGGED_IN,
    "/network/posts/{id:\\d+}": STAFF,
    "/network/posts/{id:\\d+}/moderate": LOGGED_IN,
    "/network/mentoring/{id:\\d+}": LOGGED_IN,
}


def test_only_the_public_surface():
    assert private_core_imports(Path(__file__).parent.parent / "norec_network") == []


def test_every_route_is_in_the_matrix(app):
    routes = {
        "/" + r["introspectable"]["pattern"].lstrip("/")
        for r in app.registry.introspector.get_category("routes")
        if r["introspectable"]["name"].startswith("network.")
    }
    assert routes == set(MATRIX)


@pytest.mark.parametrize("case", ["anonymous", "member", "caseworker", "admin", "network_adviser"])
def test_each_case_is_allowed_what_the_matrix_says(
    client, make_user, make_person, db_session, case
):
    from norec_network.models import (
        JoinRequest,
        Member,
        Mentoring,
        Newsletter,
        PossibleMatch,
        Post,
        Wave,
    )

    wave = Wave(countries=["KE"], cap=10)
    mentor = Member(person=make_person(consent_directory=True), offers=["mentor"])
    mentor.visibility = {"name": "public", "offers": "public"}
    mentor.mentor_capacity = 2
    mentee = Member(person=make_person())
    relation = Mentoring(mentor=mentor, mentee=mentee, expires_at=now())
    asked = JoinRequest(given_name="Asha", family_name="Mwangi", email="asha@example.org")
    post = Post(country="KE", author=mentee, title="Hello", body="Who is in Kisumu?")
    issue = Newsletter(month=now().date(), subject="November", intro="Hello")
    match = PossibleMatch(key="k", row_number=2, values={"given_name": "Asha"})
    db_session.add_all([wave, mentor, mentee, relation, asked, post, issue, match])
    db_session.flush()
    ids = {
        "waves": wave.id,
        "members": mentor.id,
        "people": mentor.person.id,
        "mentoring": relation.id,
        "requests": asked.id,
        "posts": post.id,
        "newsletters": issue.id,
        "register": match.id,
    }
    if case == "anonymous":
        browser = client()
    else:
        roles = [] if case == "member" else [case]
        browser = client(make_user(f"{case}@matrix.example.org", roles=roles).email)
    for pattern, allowed in MATRIX.items():
        path = pattern.replace("{id:\\d+}", str(ids.get(pattern.split("/")[2], 0)))
        path = path.replace("{code:[A-Z]{2}}", "KE")
        response = browser.get(path, expect_errors=True)
        refused = response.status_int in (401, 403) or (
            response.status_int == 302 and "/login?came_from=" in response.location
        )
        assert refused == (case not in allowed), (case, path, response.status)


@pytest.fixture
def empty_database(norec_backend, request, tmp_path):
    if norec_backend == "sqlite":
        return f"sqlite:///{tmp_path / 'network.sqlite'}"
    return request.getfixturevalue("postgresql_server").create_database("norec_network_migrations")


def test_migrations_match_the_models_and_go_away(empty_database):
    settings = make_settings(empty_database, **{"norec.plugins": "network"})
    engine = create_engine(empty_database)
    try:
        upgrade(settings)
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        # The network's own tables: other plugins' names may hold "network_" inside.
        assert [d for d in differences if "'network_" in repr(d)] == []
        downgrade(settings, "network@base")
        assert not [t for t in inspect(engine).get_table_names() if t.startswith("network_")]
    finally:
        engine.dispose()
