"""The multilateral plugin as a whole: its public-surface promise and who may open its
pages."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from norec_core import Organisation, now
from norec_core.testing import private_core_imports

STAFF = {"admin", "recruitment_adviser"}
LOGGED_IN = {"member", "caseworker", "admin", "recruitment_adviser"}
EVERYONE = {"anonymous"} | LOGGED_IN
# route path -> who may open it (the rest are refused)
MATRIX = {
    "/multilateral/": EVERYONE,
    "/multilateral/posts": EVERYONE,
    "/multilateral/posts/new": STAFF,
    "/multilateral/posts/{id:\\d+}": EVERYONE,
    "/multilateral/posts/{id:\\d+}/edit": STAFF,
    "/multilateral/posts/{id:\\d+}/apply": LOGGED_IN,
    "/multilateral/posts/{id:\\d+}/applications": STAFF,
    "/multilateral/posts/{id:\\d+}/shortlist": STAFF,
    "/multilateral/posts/{id:\\d+}/outcome": STAFF,
    "/multilateral/profile": LOGGED_IN,
    "/multilateral/profile/{part:(education|work|language|reference)}/{id:\\d+}/remove": LOGGED_IN,
    "/multilateral/applications": LOGGED_IN,
    "/multilateral/applications/{id:\\d+}": STAFF,  # and the candidate's own
    "/multilateral/rounds": STAFF,
    "/multilateral/rounds/new": STAFF,
    "/multilateral/rounds/{id:\\d+}": STAFF,
    "/multilateral/rounds/{id:\\d+}/edit": STAFF,
    "/multilateral/alerts": LOGGED_IN,
    "/multilateral/alerts/{id:\\d+}/remove": LOGGED_IN,
    "/multilateral/careers": STAFF,
    "/multilateral/placements/{id:\\d+}": STAFF,
    "/multilateral/network": EVERYONE,  # the directory in it for members and advisers
    "/multilateral/network/join": EVERYONE,
    "/multilateral/network/message": STAFF,
    "/multilateral/network/registrations/{id:\\d+}": STAFF,
    "/multilateral/pages/new": STAFF,
    "/multilateral/pages/{slug:[a-z0-9]+(-[a-z0-9]+)*}": EVERYONE,
    "/multilateral/pages/{slug:[a-z0-9]+(-[a-z0-9]+)*}/edit": STAFF,
}
SLUG = "{slug:[a-z0-9]+(-[a-z0-9]+)*}"


def test_only_the_public_surface():
    assert private_core_imports(Path(__file__).parent.parent / "norec_multilateral") == []


def test_every_route_is_in_the_matrix(app):
    routes = {
        "/" + r["introspectable"]["pattern"].lstrip("/")
        for r in app.registry.introspector.get_category("routes")
        if r["introspectable"]["name"].startswith("multilateral.")
    }
    assert routes == set(MATRIX)


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
        "posts": post.id,
        "applications": candidacy.id,
        "rounds": recruitment_round.id,
        "placements": placement.id,
        "registrations": registration.id,
        "alerts": alert.id,
    }
    if case == "anonymous":
        browser = client()
    else:
        roles = [] if case == "member" else [case]
        user = make_user(f"{case}@matrix.example.org", roles=roles, person=make_person())
        browser = client(user.email)
    for pattern, allowed in MATRIX.items():
        before = pattern.split("/{id")[0].rsplit("/", 1)[-1]
        path = pattern.replace("{id:\\d+}", str(ids.get(before, post.id)))
        path = path.replace("{part:(education|work|language|reference)}", "work")
        path = path.replace(SLUG, "career-support")
        response = browser.get(path, expect_errors=True)
        assert response.status_int < 500, (case, path, response.status)
        refused = response.status_int in (401, 403) or (
            response.status_int == 302 and "/login?came_from=" in response.location
        )
        assert refused == (case not in allowed), (case, path, response.status)
