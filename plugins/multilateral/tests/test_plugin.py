"""The multilateral plugin as a whole: its public-surface promise, its migrations, and who
may open its pages."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from norec_core import Organisation, now
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

STAFF = frozenset({"admin", "recruitment_adviser"})
LOGGED_IN = frozenset({"member", "caseworker"}) | STAFF
EVERYONE = frozenset({"anonymous"}) | LOGGED_IN
# Route name -> the cases allowed, for a published post and a candidacy of someone else.
MATRIX = {
    "multilateral.overview": EVERYONE,
    "multilateral.posts": EVERYONE,
    "multilateral.post.new": STAFF,
    "multilateral.post": EVERYONE,
    "multilateral.post.edit": STAFF,
    "multilateral.apply": LOGGED_IN,
    "multilateral.post.applications": STAFF,
    "multilateral.shortlist": STAFF,
    "multilateral.post.outcome": STAFF,
    "multilateral.profile": LOGGED_IN,
    "multilateral.profile.remove": LOGGED_IN,
    "multilateral.applications": LOGGED_IN,
    "multilateral.candidacy": STAFF,  # and the candidate's own
    "multilateral.rounds": STAFF,
    "multilateral.round.new": STAFF,
    "multilateral.round": STAFF,
    "multilateral.round.edit": STAFF,
    "multilateral.alerts": LOGGED_IN,
    "multilateral.alert.remove": LOGGED_IN,
    "multilateral.careers": STAFF,
    "multilateral.placement": STAFF,
    "multilateral.network": EVERYONE,  # the directory in it for members and advisers
    "multilateral.join": EVERYONE,
    "multilateral.network.message": STAFF,
    "multilateral.registration": STAFF,
    "multilateral.page.new": STAFF,
    "multilateral.page": EVERYONE,
    "multilateral.page.edit": STAFF,
}
PLACEHOLDERS = {"part": "work", "slug": "career-support"}
# Each user's own records, not of the demo: the demo walk has nobody's id to fill in.
OWN = {"multilateral.alert.remove", "multilateral.profile.remove"}


def test_only_the_public_surface():
    assert private_core_imports(Path(__file__).parent.parent / "norec_multilateral") == []


def test_every_route_is_in_the_matrix(app):
    assert set(plugin_routes(app.registry, "multilateral")) == set(MATRIX)


@pytest.mark.parametrize("case", sorted(EVERYONE))
def test_each_case_is_allowed_what_the_matrix_says(
    client, make_user, make_person, db_session, case
):
    from norec_multilateral.models import (
        Alert,
        Candidacy,
        Candidate,
        InfoPage,
        MultilateralPost,
        NetworkMember,
        Placement,
        RecruitmentRound,
    )

    undp = Organisation(name="UNDP", country="US", kind="international")
    post = MultilateralPost(
        programme="jpo",
        organisation=undp,
        title="Analyst",
        duty_station="Nairobi",
        deadline=now() + datetime.timedelta(days=9),
        published=True,
    )
    someone = make_person(given_name="Candidate")
    candidacy = Candidacy(
        post=post, candidate=Candidate(person=someone), person_id=someone.id, checks=[]
    )
    recruitment_round = RecruitmentRound(programme="jpo", title="JPO 2027", posts=[post])
    placement = Placement(
        person=someone,
        programme="jpo",
        organisation=undp,
        title="Analyst",
        started_on=datetime.date(2024, 1, 1),
    )
    registration = NetworkMember(
        given_name="Kari",
        family_name="Nordmann",
        email="kari@un.example.org",
        organisation=undp,
        position="Programme officer",
        duty_station="Geneva",
        contract="staff",
    )
    alert = Alert(person=someone)
    page = InfoPage(slug="career-support", titles={"en": "Career support"}, texts={"en": "…"})
    db_session.add_all([post, candidacy, recruitment_round, placement, registration, alert, page])
    db_session.flush()
    ids = {
        "multilateral.candidacy": candidacy.id,
        "multilateral.round": recruitment_round.id,
        "multilateral.round.edit": recruitment_round.id,
        "multilateral.placement": placement.id,
        "multilateral.registration": registration.id,
        "multilateral.alert.remove": alert.id,
    }
    if case == "anonymous":
        browser = client()
    else:
        roles = [] if case == "member" else [case]
        user = make_user(f"{case}@matrix.example.org", roles=roles, person=make_person())
        browser = client(user.email)
    paths = {
        name: fill_route(pattern, {**PLACEHOLDERS, "id": ids.get(name, post.id)})
        for name, pattern in plugin_routes(browser.app.registry, "multilateral").items()
    }
    assert matrix_mismatches(browser, case, MATRIX, paths) == []


@pytest.mark.parametrize("roles", [None, [], ["recruitment_adviser"], ["admin"]])
def test_the_matrix_holds_on_every_kind_of_demo_record(demo_app, roles):
    case = "anonymous" if roles is None else (roles or ["member"])[0]
    paths = demo_paths(demo_app, "multilateral", PLACEHOLDERS)
    assert set(paths) == set(MATRIX) - OWN  # every route walked, on every kind of record
    assert demo_mismatches(demo_browser(demo_app, roles), case, MATRIX, paths) == []


def test_migrations_match_the_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.sqlite'}"
    settings = make_settings(url, **{"norec.plugins": "multilateral"})
    assert_migrations_match(settings, "multilateral", "multilateral_")
