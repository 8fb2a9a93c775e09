"""What an upload's format holds, read with the format's own library: the first bytes
(`filetype`) say only what a file claims to be. A PDF must be one pypdf can read, with
no script or action that runs when it opens, and no web page in its first bytes (a
PDF/HTML polyglot); an Office document must be the zip of parts its format has, without
macros."""

from __future__ import annotations

import io
import logging
import re
import zipfile

from norec_core.i18n import _

log = logging.getLogger(__name__)

UNREADABLE_PDF = _("This PDF cannot be read; save it again as PDF and upload that.")
ACTIVE_PDF = _(
    "This PDF holds a script or an action that runs when it is opened; "
    "save it again without them (print it to PDF) and upload that."
)
NOT_A_DOCUMENT = _("This is not the document its type says; save it again and upload that.")
MACROS = _("Documents with macros cannot be uploaded; save it without them (.docx, .xlsx).")

# What a browser sniffing the start of a file would take for a page.
_MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|body|script|iframe|svg|object|embed)\b", re.I)
_HEAD = 1024
# Names of actions that run code or open other things, wherever they stand in a PDF.
_ACTIVE_NAMES = (b"/JavaScript", b"/JS", b"/Launch", b"/SubmitForm", b"/ImportData", b"/RichMedia")
_ACTIVE_KEYS = ("/JavaScript", "/JS", "/AA", "/Launch", "/EmbeddedFiles", "/RichMedia")
# The part each Office format cannot be without.
_OOXML_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "word/document.xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xl/workbook.xml",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (
        "ppt/presentation.xml"
    ),
}


def refusal(data: bytes, content_type: str):
    """Why a file of `content_type` (as sniffed) cannot be taken, or None if it can."""
    if content_type == "application/pdf":
        return _pdf_refusal(data)
    if content_type in _OOXML_PARTS:
        return _ooxml_refusal(data, _OOXML_PARTS[content_type])
    return None


def _pdf_refusal(data: bytes):
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if _MARKUP.search(data[:_HEAD]):
        return NOT_A_DOCUMENT
    # In the bytes as written (an uncompressed dictionary) or in the parsed objects (one
    # inside a compressed object stream).
    if any(re.search(re.escape(name) + rb"\b", data) for name in _ACTIVE_NAMES):
        return ACTIVE_PDF
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return None  # kept as it is, unread: its owner has the key
        if len(reader.pages) == 0:
            return UNREADABLE_PDF
        if _active(reader):
            return ACTIVE_PDF
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        log.info("an uploaded PDF cannot be read: %s", exc)
        return UNREADABLE_PDF
    return None


def _active(reader) -> bool:
    """Whether the document's catalog, names, pages or their annotations name an action
    that runs on opening or on a click (JavaScript, launching, embedded files)."""
    catalog = _resolved(reader.trailer["/Root"])
    opening = _resolved(catalog.get("/OpenAction"))
    # An open action that is a destination (a list) only turns to a page.
    if hasattr(opening, "get") and opening.get("/S") != "/GoTo":
        return True
    if "/AA" in catalog:
        return True
    names = _resolved(catalog.get("/Names"))
    if names is not None and any(key in names for key in _ACTIVE_KEYS):
        return True
    for page in reader.pages:
        if "/AA" in page:
            return True
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and action.get_object().get("/S") not in (None, "/URI", "/GoTo"):
                return True
    return False


def _resolved(value):
    """The object an indirect reference points to (pypdf leaves them to the reader)."""
    return value.get_object() if hasattr(value, "get_object") else value


def _ooxml_refusal(data: bytes, main_part: str):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or main_part not in names:
                return NOT_A_DOCUMENT
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return MACROS
            if archive.testzip() is not None:
                return NOT_A_DOCUMENT
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return NOT_A_DOCUMENT
    return None
