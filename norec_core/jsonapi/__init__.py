"""The JSON API at /api/v1/: the core's and the plugins' endpoints, token authentication,
and the OpenAPI document that describes them."""


def includeme(config) -> None:
    # By name: the security policy imports this package's tokens module, which must not
    # pull in the views and, through them, the security policy itself.
    config.include("norec_core.jsonapi.routes")
