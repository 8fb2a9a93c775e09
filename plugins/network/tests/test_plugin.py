"""The network plugin as a whole: its public-surface promise, its migrations, and who
may open its pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from norec_core import now
from norec_core.testing import (
    assert_migrations_match,
    demo_browser,
    demo_mismatches,
    demo_paths,
    fill_route,
    make_settings,
    matrix_mismatches,
    plugin_routes,
    private_core_imports,
)

# What these tests check lies above the database; the migrations are tested on SQLite.
pytestmark = pytest.mark.norec_backends("sqlite")

STAFF = frozenset({"admin", "network_adviser"})
LOGGED_IN = frozenset({"member", "caseworker"}) | STAFF
EVERYONE = frozenset({"anonymous"}) | LOGGED_IN
# Route name -> the cases allowed. None of these users is a member of the network, so
# none asks for mentoring, and only advisers write to the mentor; what members may do is
# in test_directory and test_mentoring.
MATRIX = {
    "network.overview": EVERYONE,
    "network.register": STAFF,
    "network.import": STAFF,
    "network.matches": STAFF,
    "network.match": STAFF,
    "network.waves": STAFF,
    "network.wave": STAFF,
    "network.join": EVERYONE,
    "network.profile": LOGGED_IN,
    "network.directory": EVERYONE,
    "network.member": EVERYONE,
    "network.contact": STAFF,  # the member offers mentoring
    "network.ask": frozenset(),
    "network.invite_again": STAFF,
    "network.mentoring": LOGGED_IN,
    "network.activities": EVERYONE,
    "network.statistics": STAFF,
    "network.request": EVERYONE,
    "network.requests": STAFF,
    "network.request.answer": STAFF,
    "network.newsletter": EVERYONE,
    "network.newsletter.join": LOGGED_IN,
    "network.newsletters": STAFF,
    "network.newsletter.issue": STAFF,
    "network.chapters": EVERYONE,
    "network.chapter": EVERYONE,
    "network.chapter.follow": LOGGED_IN,
    "network.post": STAFF,
    "network.post.moderate": LOGGED_IN,
    "network.mentoring.step": LOGGED_IN,
}
PLACEHOLDERS = {"code": "KE"}


def test_only_the_public_surface():
    assert private_core_imports(Path(__file__).parent.parent / "norec_network") == []


def test_every_route_is_in_the_matrix(app):
    assert set(plugin_routes(app.registry, "network")) == set(MATRIX)


@pytest.mark.parametrize("case", sorted(EVERYONE))
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
        "network.wave": wave.id,
        "network.member": mentor.id,
        "network.contact": mentor.id,
        "network.ask": mentor.id,
        "network.invite_again": mentor.person.id,
        "network.mentoring.step": relation.id,
        "network.request.answer": asked.id,
        "network.post": post.id,
        "network.post.moderate": post.id,
        "network.newsletter.issue": issue.id,
        "network.match": match.id,
    }
    if case == "anonymous":
        browser = client()
    else:
        roles = [] if case == "member" else [case]
        browser = client(make_user(f"{case}@matrix.example.org", roles=roles).email)
    paths = {
        name: fill_route(pattern, {**PLACEHOLDERS, "id": ids.get(name, 0)})
        for name, pattern in plugin_routes(browser.app.registry, "network").items()
    }
    assert matrix_mismatches(browser, case, MATRIX, paths) == []


@pytest.mark.parametrize("roles", [None, [], ["network_adviser"], ["admin"]])
def test_the_matrix_holds_on_every_kind_of_demo_record(demo_app, roles):
    case = "anonymous" if roles is None else (roles or ["member"])[0]
    paths = demo_paths(demo_app, "network", PLACEHOLDERS)
    assert set(paths) == set(MATRIX)  # every route walked, on every kind of record
    assert demo_mismatches(demo_browser(demo_app, roles), case, MATRIX, paths) == []


def test_migrations_match_the_models(tmp_path):
    settings = make_settings(f"sqlite:///{tmp_path / 'm.sqlite'}", **{"norec.plugins": "network"})
    assert_migrations_match(settings, "network", "network_")
