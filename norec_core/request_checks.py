"""Refusing input that no person types: NUL characters, which PostgreSQL cannot store in
text. Checked once for every request, so that no form field, filter or API body can
turn one into a server error."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPBadRequest
from pyramid.tweens import EXCVIEW

_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def has_nul(request) -> bool:
    if "%00" in request.query_string or "\x00" in request.path_info:
        return True
    if not request.content_length:
        return False
    if request.content_type in _FORMS:
        # Text fields only: an uploaded file may hold any bytes.
        return any(isinstance(v, str) and "\x00" in v for v in request.POST.values())
    if request.content_type == "application/json":
        return b"\\u0000" in request.body or b"\x00" in request.body
    return False


def nul_tween_factory(handler, registry):
    def nul_tween(request):
        if has_nul(request):
            raise HTTPBadRequest("NUL characters cannot be used.")
        return handler(request)

    return nul_tween


def includeme(config) -> None:
    # Under the exception view: the refusal is rendered as the usual 400 page (or JSON).
    config.add_tween("norec_core.request_checks.nul_tween_factory", under=EXCVIEW)
