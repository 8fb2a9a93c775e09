"""The words of an uploaded file, for the search index: the text layer of a PDF (pypdf,
pure Python and already what the tests read PDFs with) or a text file's own text."""

from __future__ import annotations

import io
import logging

log = logging.getLogger(__name__)

# What is read of one file: enough for any report's words, not so much that one upload
# of a scanned book holds the request or bloats the index.
MAX_PAGES, MAX_CHARS = 300, 500_000


def extract_text(data: bytes, content_type: str) -> str | None:
    """The file's text, or None where it has none that can be read (images, scans,
    encrypted or broken PDFs: they are kept, only not searched by their words)."""
    if content_type in ("text/plain", "text/csv"):
        return data.decode("utf-8", "replace")[:MAX_CHARS]
    if content_type != "application/pdf":
        return None
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return None
        parts, size = [], 0
        for page in reader.pages[:MAX_PAGES]:
            words = page.extract_text() or ""
            parts.append(words)
            size += len(words)
            if size >= MAX_CHARS:
                break
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        log.info("no text read from a PDF: %s", exc)
        return None
    text = "\n".join(parts)[:MAX_CHARS].replace("\x00", "")
    return text or None
