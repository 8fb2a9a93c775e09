"""The site's own pages: the front page, administration, errors, local roles, and the
agency's stylesheet and logo."""


def includeme(config) -> None:
    config.add_route("home", "/")
    config.add_route("admin", "/admin")
    config.add_route("agency.css", "/agency.css")
    config.add_route("agency.logo", "/agency-logo")
    config.add_route(
        "local_roles",
        r"/local-roles/{resource_type:[a-z_]+}/{id:\d+}",
        factory="norec_core.views.local_roles.local_role_object",
    )
    config.scan(__name__)
