"""What goes with a shortlist for each candidate: their profile as a PDF shaped on the UN
Personal History form (P11), and the CV they uploaded last, if any."""

from __future__ import annotations

import re

from norec_core import file_data, files_of, render_pdf
from norec_multilateral import eligibility
from norec_multilateral.explanations import not_met
from norec_multilateral.i18n import _
from norec_multilateral.rounds import today

DOCUMENT = "norec_multilateral:templates/p11_document.pt"


def profile_pdf(request, candidacy, locale: str | None = None) -> bytes:
    """The candidate's profile for `candidacy`'s post, in `locale`."""
    candidate = candidacy.candidate
    values = {
        "candidate": candidate,
        "post": candidacy.post,
        "degrees": eligibility.DEGREES,
        "levels": eligibility.LEVELS,
        "gaps": eligibility.gaps(candidate, today()),
        # Translated as the document is rendered, in its language.
        "document_title": _(
            "Personal history: ${name}", mapping={"name": candidate.person.full_name}
        ),
        "checks": candidacy.checks,
        "explain": not_met,
    }
    return render_pdf(request, DOCUMENT, values, locale)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "candidate"


def attachments(request, candidacy, locale: str | None = None) -> list[tuple[str, str, bytes]]:
    """The candidate's P11 profile and their latest CV, as mail attachments."""
    candidate = candidacy.candidate
    slug = _slug(candidate.person.full_name)
    found = [(f"p11-{slug}.pdf", "application/pdf", profile_pdf(request, candidacy, locale))]
    cvs = files_of(request, candidate)
    if cvs:
        cv = cvs[-1]
        extension = cv.filename.rsplit(".", 1)[-1] if "." in cv.filename else "pdf"
        found.append((f"cv-{slug}.{extension}", cv.content_type, file_data(request, cv)))
    return found
