"""Security headers on every answer: what the browser may load and run (no inline script,
no framing), what it may guess, what it tells other sites, and what it may keep.

Pages and API answers may hold personal data, so none is stored by a browser or a proxy
(`Cache-Control: no-store`); the static files keep the caching they were served with.
"""

from __future__ import annotations

from pyramid.tweens import EXCVIEW

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


def headers_tween_factory(handler, registry):
    headers = dict(HEADERS)
    if base_url(registry.settings).startswith("https://"):
        headers["Strict-Transport-Security"] = HSTS

    def headers_tween(request):
        response = handler(request)
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        if "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store"
        return response

    return headers_tween


def includeme(config) -> None:
    # Over the exception view, so that error pages carry the headers too.
    config.add_tween("norec_core.headers.headers_tween_factory", over=EXCVIEW)
