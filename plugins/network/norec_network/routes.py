"""The network plugin's routes: a record in the path is the page's context, so that
permissions apply to it; a chapter is named by its country code."""

from __future__ import annotations

from norec_core import Person, model_factory
from norec_network.models import (
    JoinRequest,
    Member,
    Mentoring,
    Newsletter,
    PossibleMatch,
    Post,
    Wave,
)


def add_routes(config) -> None:
    member = model_factory(Member)
    post = model_factory(Post)
    routes = [
        ("network.overview", "/", None),
        ("network.register", "/register", None),
        ("network.import", "/register/import", None),
        ("network.matches", "/register/matches", None),
        ("network.match", r"/register/matches/{id:\d+}", model_factory(PossibleMatch)),
        ("network.waves", "/waves", None),
        ("network.wave", r"/waves/{id:\d+}", model_factory(Wave)),
        ("network.join", "/join", None),
        ("network.profile", "/profile", None),
        ("network.directory", "/directory", None),
        ("network.member", r"/members/{id:\d+}", member),
        ("network.contact", r"/members/{id:\d+}/contact", member),
        ("network.ask", r"/members/{id:\d+}/mentor", member),
        ("network.invite_again", r"/people/{id:\d+}/invite", model_factory(Person)),
        ("network.mentoring", "/mentoring", None),
        ("network.activities", "/activities", None),
        ("network.statistics", "/statistics", None),
        ("network.request", "/request", None),
        ("network.newsletter", "/newsletter", None),
        ("network.newsletter.join", "/newsletter/join", None),
        ("network.newsletters", "/newsletters", None),
        ("network.newsletter.issue", r"/newsletters/{id:\d+}", model_factory(Newsletter)),
        ("network.chapters", "/countries", None),
        ("network.chapter", "/countries/{code:[A-Z]{2}}", None),
        ("network.chapter.follow", "/countries/{code:[A-Z]{2}}/follow", None),
        ("network.post", r"/posts/{id:\d+}", post),
        ("network.post.moderate", r"/posts/{id:\d+}/moderate", post),
        ("network.requests", "/requests", None),
        ("network.request.answer", r"/requests/{id:\d+}", model_factory(JoinRequest)),
        ("network.mentoring.step", r"/mentoring/{id:\d+}", model_factory(Mentoring)),
    ]
    for name, pattern, factory in routes:
        config.add_route(name, pattern, factory=factory)
