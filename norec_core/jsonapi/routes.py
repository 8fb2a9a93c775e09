"""The JSON API's URLs: one route and view per declared endpoint, the OpenAPI document,
and the account's token pages."""

from norec_core.jsonapi.models import ApiToken
from norec_core.jsonapi.views import PREFIX, endpoint_view
from norec_core.plugins import PluginError, call_for
from norec_core.resources import model_factory


def declared_endpoints(pm) -> list[tuple[str, str, object]]:
    """(path prefix, route name, endpoint) for the core's endpoints and each plugin's."""
    found = []
    for name, _plugin in pm.list_name_plugin():
        prefix, route = (PREFIX, "api") if name == "core" else (f"{PREFIX}/{name}", f"api.{name}")
        for result in call_for(pm, name, "norec_api_endpoints"):
            found += [(prefix, f"{route}.{endpoint.name}", endpoint) for endpoint in result]
    return found


def includeme(config) -> None:
    registry = config.registry
    registry["norec.api_endpoints"] = declared_endpoints(registry["norec.pm"])
    seen = set()
    for prefix, route, endpoint in registry["norec.api_endpoints"]:
        if route in seen:
            raise PluginError(f"two API endpoints are named {route!r}")
        seen.add(route)
        config.add_route(
            route,
            prefix + endpoint.path.replace("{id}", r"{id:\d+}"),
            request_method=endpoint.method,
            factory=model_factory(endpoint.model) if endpoint.model else None,
        )
        config.add_view(
            endpoint_view(endpoint),
            route_name=route,
            request_method=endpoint.method,
            renderer="json",
            permission=endpoint.permission,
            # Only a bearer token authenticates here, never the cookie: no CSRF to forge.
            require_csrf=False,
        )
    config.add_route("api.openapi", PREFIX + "/openapi.json")
    config.add_route("account.tokens", "/account/tokens")
    config.add_route(
        "account.tokens.revoke",
        r"/account/tokens/{id:\d+}/revoke",
        factory=model_factory(ApiToken),
    )
    config.scan("norec_core.jsonapi.views")
