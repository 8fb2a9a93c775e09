"""The multilateral plugin's routes, under /multilateral/: a record in the path is the
page's context, so that permissions (and the candidate's own) apply to it; an
information page is named by its slug."""

from __future__ import annotations

from norec_core import model_factory
from norec_multilateral.models import (
    Candidacy,
    MultilateralPost,
    NetworkMember,
    Placement,
    RecruitmentRound,
)

SLUG = "{slug:[a-z0-9]+(-[a-z0-9]+)*}"


def add_routes(config) -> None:
    post = model_factory(MultilateralPost)
    recruitment_round = model_factory(RecruitmentRound)
    routes = [
        ("multilateral.overview", "/", None),
        ("multilateral.posts", "/posts", None),
        ("multilateral.post.new", "/posts/new", None),
        ("multilateral.post", r"/posts/{id:\d+}", post),
        ("multilateral.post.edit", r"/posts/{id:\d+}/edit", post),
        ("multilateral.apply", r"/posts/{id:\d+}/apply", post),
        ("multilateral.post.applications", r"/posts/{id:\d+}/applications", post),
        ("multilateral.shortlist", r"/posts/{id:\d+}/shortlist", post),
        ("multilateral.post.outcome", r"/posts/{id:\d+}/outcome", post),
        ("multilateral.rounds", "/rounds", None),
        ("multilateral.round.new", "/rounds/new", None),
        ("multilateral.round", r"/rounds/{id:\d+}", recruitment_round),
        ("multilateral.round.edit", r"/rounds/{id:\d+}/edit", recruitment_round),
        # Alerts and profile entries are the user's own, looked up among theirs.
        ("multilateral.alerts", "/alerts", None),
        ("multilateral.alert.remove", r"/alerts/{id:\d+}/remove", None),
        ("multilateral.careers", "/careers", None),
        ("multilateral.placement", r"/placements/{id:\d+}", model_factory(Placement)),
        ("multilateral.network", "/network", None),
        ("multilateral.join", "/network/join", None),
        ("multilateral.network.message", "/network/message", None),
        (
            "multilateral.registration",
            r"/network/registrations/{id:\d+}",
            model_factory(NetworkMember),
        ),
        ("multilateral.page.new", "/pages/new", None),
        ("multilateral.page", f"/pages/{SLUG}", None),
        ("multilateral.page.edit", f"/pages/{SLUG}/edit", None),
        ("multilateral.profile", "/profile", None),
        (
            "multilateral.profile.remove",
            r"/profile/{part:(education|work|language|reference)}/{id:\d+}/remove",
            None,
        ),
        ("multilateral.applications", "/applications", None),
        ("multilateral.candidacy", r"/applications/{id:\d+}", model_factory(Candidacy)),
    ]
    for name, pattern, factory in routes:
        config.add_route(name, pattern, factory=factory)
