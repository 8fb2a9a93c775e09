"""The site's own absolute URLs begin with `norec.base_url`, never with the Host header a
client sent: a forged Host on "forgot password" must not put the attacker's site into the
link mailed to the victim. Mail, the API's `Location` and `servers`, and jobs all build
their links with `request.route_url`, which reads `application_url` from here."""

from __future__ import annotations

from pyramid.decorator import reify
from pyramid.request import Request as PyramidRequest

DEFAULT_BASE_URL = "http://127.0.0.1:6543"


def base_url(settings) -> str:
    return settings.get("norec.base_url", DEFAULT_BASE_URL).rstrip("/")


class Request(PyramidRequest):
    @reify
    def application_url(self) -> str:
        return base_url(self.registry.settings)


def includeme(config) -> None:
    config.set_request_factory(Request)
