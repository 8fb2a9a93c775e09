"""The demonstration's publications with their files: a PDF report for each published
publication and some drafts, attached as an editor's upload is, so that a visitor can
download reports and find them by a word inside them.

The first publications, written by hand for the demonstration, have their report laid
out by the core's PDF service (`render_pdf`, a tagged PDF) with their text in each of
their languages. The hundred of the catalogue have theirs written directly, a few pages
of text in a standard font, in milliseconds: laying them all out with WeasyPrint took
most of a minute of every demo load. The words differ from one report to another (its
title, authors and summary, and a finding of its own), so that a search of a word
inside the PDFs finds a few reports, not all. A few are under embargo: their files open
when it ends.
"""

from __future__ import annotations

import datetime
import textwrap

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import attach, reindex, render_pdf
from norec_research import reading
from norec_research.models import Publication
from norec_research.permissions import EDIT, READ
from norec_research.vocabularies import FILES

RENDERED = 4  # the publications written by hand, laid out by the core's PDF service
REPORT = "norec_research:templates/report_document.pt"
PAGE_WIDTH, PAGE_HEIGHT, MARGIN, LEADING = 595, 842, 72, 15
LINES_A_PAGE = (PAGE_HEIGHT - 2 * MARGIN) // LEADING
# A finding of its own in each report, in turn: each of these words is
# inside a twelfth of the reports, and in no title or summary.
FINDINGS = (
    "Midwives who returned set up a kangaroo-care corner within a year.",
    "The partners kept a shared logbook of every apprenticeship placement.",
    "Mangrove replanting became part of the school curriculum in two districts.",
    "Cholera preparedness drills were run jointly by both hospitals.",
    "A solar-powered cold chain kept vaccines safe through the dry season.",
    "Teachers adopted peer observation, first resisted and later requested.",
    "The cooperative introduced bookkeeping on mobile phones for its members.",
    "Returning participants mentored newcomers through a buddy scheme.",
    "Local radio broadcast weekly summaries of what the exchange had learned.",
    "Irrigation scheduling cut water use by a fifth on the pilot farms.",
    "A bilingual glossary of clinical terms was printed for the wards.",
    "Women's savings groups financed the first workshops themselves.",
)
METHOD = (
    "The study followed the participants before, during and after their exchange. It "
    "draws on interviews with participants, their managers and colleagues at home and "
    "abroad, on the partners' reports to Norec, and on a survey of alumni. Quotations "
    "are anonymised; the organisations agreed to be named."
)
LESSONS = (
    "Three lessons stand out. Exchanges work best when both partners name, before the "
    "first departure, what each expects to learn. Participants need time on their return "
    "to share what they learned, planned into their work. And reciprocity is more than "
    "numbers: a partnership where learning goes both ways lasts beyond its funding."
)


def report_pdf(title: str, authors: str, summary: str, paragraphs: list[str]) -> bytes:
    """A PDF of text pages: the title, the authors and the summary, then `paragraphs`."""
    lines = [(18, title), (11, authors), (11, ""), (13, "Summary")]
    lines += [(11, line) for line in textwrap.wrap(summary, 88)]
    for paragraph in paragraphs:
        lines.append((11, ""))
        lines += [(11, line) for line in textwrap.wrap(paragraph, 88)]
    pages = [lines[i : i + LINES_A_PAGE] for i in range(0, len(lines), LINES_A_PAGE)]
    return _pdf(pages, title)


def _pdf(pages: list[list[tuple[int, str]]], title: str) -> bytes:
    # Objects: 1 catalog, 2 page tree, 3 font, 4 info, then a page and its content each.
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R /Lang (en) >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: b"<< /Title (" + _string(title) + b") /Producer (Norec demonstration) >>",
    }
    kids = []
    for n, page in enumerate(pages):
        page_id, content_id = 5 + 2 * n, 6 + 2 * n
        kids.append(f"{page_id} 0 R".encode())
        y = PAGE_HEIGHT - MARGIN
        stream = [b"BT"]
        for size, text in page:
            stream.append(f"/F1 {size} Tf 1 0 0 1 {MARGIN} {y} Tm".encode())
            stream.append(b"(" + _string(text) + b") Tj")
            y -= LEADING
        stream.append(b"ET")
        body = b"\n".join(stream)
        objects[page_id] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content_id} 0 R >>"
        ).encode()
        objects[content_id] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(body), body)
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out, offsets = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in sorted(objects))
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _string(text: str) -> bytes:
    """`text` as a PDF string in the font's WinAnsi encoding (æ, ø, å and é are in it)."""
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def attach_reports(request, dbsession) -> int:
    """A PDF for every publication but one draft in three, uploaded as an editor does;
    returns how many. Files of publications under embargo wait for its end."""
    publications = dbsession.scalars(
        select(Publication)
        .options(
            selectinload(Publication.texts),
            selectinload(Publication.authors),
            selectinload(Publication.versions),
        )
        .order_by(Publication.id)
    ).all()
    attached = []
    for n, publication in enumerate(publications):
        if (publication.state == "draft" and n % 3) or publication.type == "video":
            continue  # two drafts in three have no file yet; a video is its link
        text = publication.texts[0]
        authors = ", ".join(reading.author_names(publication)) or "Norec"
        paragraphs = [METHOD, FINDINGS[len(attached) % len(FINDINGS)], LESSONS]
        if n < RENDERED:
            values = {
                "document_title": text.title,
                "texts": publication.texts,
                "authors": authors,
                "paragraphs": paragraphs,
            }
            data = render_pdf(request, REPORT, values, locale=text.language)
        else:
            paragraphs.insert(0, text.abstract or text.summary)
            data = report_pdf(text.title, authors, text.summary or "", paragraphs)
        year = (publication.published_on or datetime.date.today()).year
        attach(
            request,
            publication,
            f"norec-report-{year}-{publication.id}.pdf",
            data,
            kind=FILES,
            read_permission=READ,
            edit_permission=EDIT,
            embargo_until=publication.embargo_until,
            title=str(reading.latest(publication)),
        )
        attached.append(publication)
    reindex(dbsession, *attached)  # the words of their files, once an embargo is over
    return len(attached)
