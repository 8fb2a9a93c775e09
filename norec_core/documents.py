"""Documents as PDF, from the same Chameleon templates and translations as the pages:
decision letters, attendance certificates, shortlists, in the recipient's language.

WeasyPrint lays out HTML and CSS as print; the PDF is tagged (PDF/UA-1), with the
document's language and title, so that screen readers read it in order.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pyramid.renderers import render
from pyramid.request import Request

from norec_core.headers import CONTENT_SECURITY_POLICY
from norec_core.i18n import localizer_for
from norec_core.urls import base_url


@contextmanager
def in_language(request: Request, locale: str | None) -> Iterator[None]:
    """Render in `locale` (translations and Babel's formats), then back to the request's."""
    if not locale or locale == request.locale_name:
        yield
        return
    saved = request.__dict__.get("localizer"), request.__dict__.get("locale_name")
    request.localizer, request.locale_name = localizer_for(request, locale), locale
    try:
        yield
    finally:
        for name, value in zip(("localizer", "locale_name"), saved, strict=True):
            if value is None:
                request.__dict__.pop(name, None)
            else:
                request.__dict__[name] = value


def render_document(
    request: Request, template: str, values: dict[str, Any], locale: str | None = None
) -> str:
    """`template` as HTML, in `locale`: the same document `render_pdf` prints, for
    `document_response`. The template uses the macro of
    `norec_core:templates/documents/layout.pt` and fills its `content` slot; `values`
    give `document_title`, the document's title (PDF/UA requires one)."""
    if "document_title" not in values:
        raise ValueError(f"{template}: values need a document_title, the document's title")
    with in_language(request, locale):
        return render(template, {**values, "locale": locale or request.locale_name}, request)


def render_pdf(
    request: Request, template: str, values: dict[str, Any], locale: str | None = None
) -> bytes:
    """`template` as a tagged PDF (PDF/UA-1), in `locale`; the template and `values` as
    `render_document` takes them."""
    html = render_document(request, template, values, locale)
    # Imported here: WeasyPrint and its fonts take half a second to import, which every
    # process (the web, the worker, each command) paid though few ever make a PDF.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # A document holds all it shows (styles inline, images as data: URLs). Nothing else
    # is fetched: were a person's text ever printed as markup, an <img> of file:///etc/
    # or of an internal address could not read anything into the PDF.
    document = HTML(
        string=html,
        base_url=base_url(request.registry.settings),
        url_fetcher=URLFetcher(allowed_protocols={"data"}),
    )
    return document.write_pdf(pdf_variant="pdf/ua-1")


def document_response(request: Request, html: str):
    """A rendered document as a web page. Its print styles are inline (WeasyPrint reads
    no other file), so the page's Content-Security-Policy allows exactly those, by hash."""
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(m.encode()).digest()).decode()}'"
        for m in re.findall(r"<style>(.*?)</style>", html, flags=re.S)
    )
    response = request.response
    response.content_type = "text/html"
    response.text = html
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.replace(
        "style-src 'self'", f"style-src 'self' {hashes}".rstrip()
    )
    return response


def pdf_response(request: Request, pdf: bytes, filename: str):
    """`pdf` (bytes from `render_pdf`) as the response, shown in the browser under
    `filename`."""
    response = request.response
    response.content_type = "application/pdf"
    response.content_disposition = f'inline; filename="{filename}"'
    response.body = pdf
    return response
