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
    "/multilateral/profile": LOGGED_IN,
    "/multilateral/profile/{part:(education|work|language)}/{id:\\d+}/remove": LOGGED_IN,
    "/multilateral/applications": LOGGED_IN,
    "/multilateral/applications/{id:\\d+}": STAFF,  # and the candidate's own
}


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
    from norec_multilateral.models import Candidacy, Candidate, MultilateralPost

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
    db_session.add_all([post, candidacy])
    db_session.flush()
    ids = {"posts": post.id, "applications": candidacy.id}
    if case == "anonymous":
        browser = client()
    else:
        roles = [] if case == "member" else [case]
        user = make_user(f"{case}@matrix.example.org", roles=roles, person=make_person())
        browser = client(user.email)
    for pattern, allowed in MATRIX.items():
        path = pattern.replace("{id:\\d+}", str(ids.get(pattern.split("/")[2], post.id)))
        path = path.replace("{part:(education|work|language)}", "work")
        response = browser.get(path, expect_errors=True)
        refused = response.status_int in (401, 403) or (
            response.status_int == 302 and "/login?came_from=" in response.location
        )
        assert refused == (case not in allowed), (case, path, response.status)
