"""A post's shortlist: the candidates the advisers shortlisted (and those nominated or
selected since), each with the history the organisation asks for, as a page, as one PDF
and as CSV or Excel, ready to send to the organisation."""

from __future__ import annotations

from pyramid.view import view_config
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from norec_core import (
    Column,
    export_links,
    export_response,
    pdf_response,
    render_pdf,
    requested_format,
)
from norec_multilateral.eligibility import DEGREES, LEVELS
from norec_multilateral.i18n import _
from norec_multilateral.models import Candidacy, Candidate, PanelScore
from norec_multilateral.permissions import MANAGE
from norec_multilateral.views.posts import PROGRAMMES
from norec_multilateral.workflow import STATE_TITLES

SHORTLISTED = ("shortlisted", "nominated", "selected")
DOCUMENT = "norec_multilateral:templates/shortlist_document.pt"


def shortlist(request, post) -> list[tuple[Candidacy, float | None]]:
    """The post's shortlisted candidates with their panel's average, best first."""
    averages = dict(
        request.dbsession.execute(
            select(PanelScore.candidacy_id, func.avg(PanelScore.score))
            .join(Candidacy, Candidacy.id == PanelScore.candidacy_id)
            .where(Candidacy.post_id == post.id)
            .group_by(PanelScore.candidacy_id)
        ).all()
    )
    found = request.dbsession.scalars(
        select(Candidacy)
        .where(Candidacy.post_id == post.id, Candidacy.state.in_(SHORTLISTED))
        .options(
            selectinload(Candidacy.candidate).selectinload(Candidate.person),
            selectinload(Candidacy.candidate).selectinload(Candidate.education),
            selectinload(Candidacy.candidate).selectinload(Candidate.work),
            selectinload(Candidacy.candidate).selectinload(Candidate.languages),
        )
    ).all()
    rows = [(c, round(float(averages[c.id]), 1) if c.id in averages else None) for c in found]
    return sorted(rows, key=lambda row: (-(row[1] or 0), row[0].candidate.person.family_name))


def _columns(request):
    def history(kind):
        def read(row):
            candidate = row[0].candidate
            if kind == "education":
                return "; ".join(
                    f"{request.localizer.translate(DEGREES[e.degree])}, {e.field}, "
                    f"{e.institution} ({e.started_on}–{e.finished_on or ''})"
                    for e in candidate.education
                )
            if kind == "work":
                return "; ".join(
                    f"{w.title}, {w.employer} ({w.started_on}–{w.ended_on or ''})"
                    for w in candidate.work
                )
            return "; ".join(f"{s.code} {s.level}" for s in candidate.languages)

        return read

    return [
        Column(_("Given name"), lambda r: r[0].candidate.person.given_name),
        Column(_("Family name"), lambda r: r[0].candidate.person.family_name),
        Column(_("E-mail"), lambda r: r[0].candidate.person.email),
        Column(_("Birth date"), lambda r: r[0].candidate.person.birth_date),
        Column(_("Citizenship"), lambda r: r[0].candidate.person.citizenship),
        Column(_("Status"), lambda r: request.localizer.translate(STATE_TITLES[r[0].state])),
        Column(_("Panel average"), lambda r: r[1]),
        Column(_("Education"), history("education")),
        Column(_("Work"), history("work")),
        Column(_("Languages"), history("languages")),
    ]


@view_config(
    route_name="multilateral.shortlist",
    renderer="norec_multilateral:templates/shortlist.pt",
    permission=MANAGE,
)
def shortlist_page(post, request):
    rows = shortlist(request, post)
    if request.GET.get("format") == "pdf":
        values = {
            "post": post,
            "rows": rows,
            "programmes": PROGRAMMES,
            "degrees": DEGREES,
            "levels": LEVELS,
            "document_title": request.localizer.translate(
                _("Shortlist: ${title}", mapping={"title": post.title})
            ),
        }
        return pdf_response(
            request, render_pdf(request, DOCUMENT, values), f"shortlist-{post.id}.pdf"
        )
    if requested_format(request):
        return export_response(request, rows, _columns(request), f"shortlist-{post.id}")
    return {
        "page_title": _("Shortlist: ${title}", mapping={"title": post.title}),
        "post": post,
        "rows": rows,
        "states": STATE_TITLES,
        "degrees": DEGREES,
        "levels": LEVELS,
        "exports": export_links(request),
        "pdf": request.route_path("multilateral.shortlist", id=post.id, _query={"format": "pdf"}),
    }
