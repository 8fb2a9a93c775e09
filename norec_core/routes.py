"""The core's URLs. Plugins add theirs under /<plugin name>/ in their configure hook."""


def includeme(config) -> None:
    config.add_route("home", "/")
    config.add_route("search", "/search")
    config.add_route("login", "/login")
    config.add_route("logout", "/logout")
    for name, prefix in (
        ("people", "/people"),
        ("organisations", "/organisations"),
        ("partnerships", "/partnerships"),
        ("activities", "/activities"),
    ):
        config.add_route(name, prefix)
        config.add_route(f"{name}.new", f"{prefix}/new")
        config.add_route(f"{name}.detail", prefix + r"/{id:\d+}")
        config.add_route(f"{name}.edit", prefix + r"/{id:\d+}/edit")
    config.add_route("people.register", r"/people/{id:\d+}/registrations")
    config.add_route("registrations.cancel", r"/registrations/{id:\d+}/cancel")
