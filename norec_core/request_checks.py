"""Requests refused before any view sees them: a Host the site is not served at, a body
too large or malformed, and characters no person types (NUL, which PostgreSQL cannot
store in text). Checked once for every request, so that no form field, filter or API
body can turn one into a server error, and no link is built on a forged Host."""

from __future__ import annotations

from urllib.parse import unquote_to_bytes, urlsplit

from pyramid.httpexceptions import HTTPBadRequest, HTTPRequestEntityTooLarge
from pyramid.settings import aslist
from pyramid.tweens import EXCVIEW

from norec_core.i18n import _
from norec_core.urls import base_url

_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
# A whole request, uploads included; Waitress is told the same (max_request_body_size).
MAX_BODY = 25 * 1024 * 1024
# One text field of a form: the longest text a person writes is far shorter.
MAX_FIELD = 100_000


def allowed_hosts(settings) -> frozenset[str]:
    """The host names the site answers to: `norec.allowed_hosts` and `norec.base_url`'s."""
    base = urlsplit(base_url(settings)).hostname
    named = aslist(settings.get("norec.allowed_hosts", ""))
    return frozenset(h.lower() for h in [base, *named] if h)


def host_name(request) -> str | None:
    try:
        return urlsplit("//" + request.host).hostname
    except ValueError:  # "[::1" and the like
        return None


def has_nul(request) -> bool:
    if "%00" in request.query_string or "\x00" in request.path_info:
        return True
    if not request.content_length:
        return False
    if request.content_type in _FORMS:
        # Text fields only: an uploaded file may hold any bytes.
        return any(isinstance(v, str) and "\x00" in v for v in request.POST.values())
    # Any other body (JSON under whatever type a client names): raw or escaped NUL.
    return b"\x00" in request.body or b"\\u0000" in request.body


def is_utf8(request) -> bool:
    """Whether the path and the query string, percent-decoded, are UTF-8: every view
    reads them as text, and WebOb raises on the first read otherwise (a 500)."""
    raw_path = request.environ.get("PATH_INFO", "").encode("latin-1", "replace")
    for raw in (raw_path, unquote_to_bytes(request.environ.get("QUERY_STRING", ""))):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return False
    return True


def check(request, hosts: frozenset[str], max_body: int) -> None:
    """Raise the 4xx a request deserves, or return if it may go on to its view."""
    if host_name(request) not in hosts:
        raise HTTPBadRequest(_("This site is not served at that address."))
    if (request.content_length or 0) > max_body:
        raise HTTPRequestEntityTooLarge(
            _("The request is larger than ${mb} MB.", mapping={"mb": max_body // 2**20})
        )
    if request.content_length and request.content_type in _FORMS:
        try:
            fields = request.POST.values()
        except Exception as exc:  # a multipart body without its boundary, cut short, …
            raise HTTPBadRequest(_("The form data could not be read.")) from exc
        if any(isinstance(v, str) and len(v) > MAX_FIELD for v in fields):
            raise HTTPRequestEntityTooLarge(
                _("A field is longer than ${n} characters.", mapping={"n": f"{MAX_FIELD:,}"})
            )
    if has_nul(request):
        raise HTTPBadRequest(_("NUL characters cannot be used."))


def utf8_tween_factory(handler, registry):
    """Refuse an address that is not UTF-8 before anything reads it: over the exception
    view, whose error page would read the path again and fail on it."""

    def utf8_tween(request):
        if not is_utf8(request):
            message = request.localizer.translate(
                _("The address holds characters that are not UTF-8.")
            )
            return HTTPBadRequest(message)
        return handler(request)

    return utf8_tween


def request_checks_tween_factory(handler, registry):
    hosts = allowed_hosts(registry.settings)
    max_body = int(registry.settings.get("norec.max_body_size", MAX_BODY))

    def request_checks_tween(request):
        check(request, hosts, max_body)
        return handler(request)

    return request_checks_tween


def includeme(config) -> None:
    # Under the exception view: a refusal is rendered as the usual error page (or JSON).
    config.add_tween("norec_core.request_checks.request_checks_tween_factory", under=EXCVIEW)
    config.add_tween(
        "norec_core.request_checks.utf8_tween_factory",
        over=EXCVIEW,
        under="norec_core.headers.headers_tween_factory",
    )
