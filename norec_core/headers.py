"""Security headers on every answer: what the browser may load and run (no inline script,
no framing), what it may guess, what it tells other sites, and what it may keep.

Pages and API answers may hold personal data, so none is stored by a browser or a proxy
(`Cache-Control: no-store`), except what every visitor without a session sees alike: a
public page asked for without a session and answered without one may be kept a minute,
by language. The static files keep the caching they were served with.
"""

from __future__ import annotations

from pyramid.tweens import EXCVIEW

from norec_core.security import SESSION_COOKIE
from norec_core.urls import base_url

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # Links out do not tell other sites which page (an unsubscribe token, a search) led there.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
HSTS = "max-age=31536000; includeSubDomains"
PUBLIC_MAX_AGE = 60  # seconds: a seat taken or a date moved shows within a minute


def _same_for_every_visitor(request, response) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and SESSION_COOKIE not in request.cookies
        and "Authorization" not in request.headers
        and "Set-Cookie" not in response.headers
    )


def _cache_control(request, response) -> None:
    if "Cache-Control" in response.headers:
        return
    if _same_for_every_visitor(request, response):
        response.headers["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
        # The language is chosen by a cookie, or else by the browser's preference.
        response.vary = tuple(dict.fromkeys([*(response.vary or ()), "Cookie", "Accept-Language"]))
    else:
        response.headers["Cache-Control"] = "no-store"


def headers_tween_factory(handler, registry):
    headers = dict(HEADERS)
    if base_url(registry.settings).startswith("https://"):
        headers["Strict-Transport-Security"] = HSTS

    def headers_tween(request):
        response = handler(request)
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        # Decided last: the session sets its cookie in a response callback, after tweens.
        request.add_response_callback(_cache_control)
        return response

    return headers_tween


def includeme(config) -> None:
    # Over the exception view, so that error pages carry the headers too.
    config.add_tween("norec_core.headers.headers_tween_factory", over=EXCVIEW)
