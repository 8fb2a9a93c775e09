"""The shared domain's URLs. Plugins add theirs under /<plugin name>/ in their configure hook.

A URL that names an object loads it as the request's context (404 if there is none), so
that permissions are checked against that object with its local roles.
"""

from norec_core.domain.models import Activity, Organisation, Partnership, Person, Registration
from norec_core.resources import model_factory


def includeme(config) -> None:
    config.add_route("action_link", "/act/{token}")
    # Before /activities/{id}: the calendar of activities, by kind and country.
    config.add_route("activities.ics", "/activities.ics")
    config.add_route(
        "activities.register", r"/activities/{id:\d+}/register", factory=model_factory(Activity)
    )
    config.add_route(
        "activities.attendance",
        r"/activities/{id:\d+}/attendance",
        factory=model_factory(Activity),
    )
    for name, prefix, model in (
        ("people", "/people", Person),
        ("organisations", "/organisations", Organisation),
        ("partnerships", "/partnerships", Partnership),
        ("activities", "/activities", Activity),
    ):
        config.add_route(name, prefix)
        config.add_route(f"{name}.new", f"{prefix}/new")
        config.add_route(f"{name}.detail", prefix + r"/{id:\d+}", factory=model_factory(model))
        config.add_route(f"{name}.edit", prefix + r"/{id:\d+}/edit", factory=model_factory(model))
    config.add_route(
        "people.export", r"/people/{id:\d+}/export.json", factory=model_factory(Person)
    )
    config.add_route("people.profile", r"/people/{id:\d+}/profile", factory=model_factory(Person))
    config.add_route("people.erase", r"/people/{id:\d+}/erase", factory=model_factory(Person))
    config.add_route(
        "people.documents", r"/people/{id:\d+}/documents", factory=model_factory(Person)
    )
    config.add_route("people.merge", r"/people/{id:\d+}/merge", factory=model_factory(Person))
    config.add_route(
        "people.lists", r"/people/{id:\d+}/lists/{name}", factory=model_factory(Person)
    )
    config.add_route(
        "people.register", r"/people/{id:\d+}/registrations", factory=model_factory(Person)
    )
    config.add_route(
        "registrations.certificate",
        r"/registrations/{id:\d+}/certificate.pdf",
        factory=model_factory(Registration),
    )
    config.add_route(
        "registrations.cancel",
        r"/registrations/{id:\d+}/cancel",
        factory=model_factory(Registration),
    )
