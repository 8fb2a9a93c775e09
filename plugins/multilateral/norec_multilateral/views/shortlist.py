"""A post's shortlist: the candidates the advisers shortlisted (and those nominated or
selected since), each with the history the organisation asks for, as a page, as one PDF
and as CSV or Excel, ready to send to the organisation."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from norec_core import (
    Column,
    export_file,
    export_links,
    export_response,
    flash,
    pdf_response,
    process_form,
    render_pdf,
    requested_format,
    send_mail,
    transition,
    workflow_history,
)
from norec_multilateral import explanations, p11
from norec_multilateral.eligibility import DEGREES, LEVELS, experience_days
from norec_multilateral.forms.shortlist import send_schema
from norec_multilateral.i18n import _
from norec_multilateral.models import Candidacy, Candidate, PanelScore
from norec_multilateral.permissions import MANAGE
from norec_multilateral.rounds import PROGRAMMES, today
from norec_multilateral.workflow import OVERRIDES, STATE_TITLES

SHORTLISTED = ("shortlisted", "nominated", "selected")
DOCUMENT = "norec_multilateral:templates/shortlist_document.pt"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
            selectinload(Candidacy.candidate).selectinload(Candidate.references),
        )
    ).all()
    rows = [(c, round(float(averages[c.id]), 1) if c.id in averages else None) for c in found]
    return sorted(rows, key=lambda row: (-(row[1] or 0), row[0].candidate.person.family_name))


def overrides(request, candidacy) -> list[str]:
    """The reasons the advisers gave for moving the application on by override."""
    return [
        h.comment for h in workflow_history(request, candidacy)[::-1] if h.transition in OVERRIDES
    ]


def work_years(candidacy) -> float:
    """The candidate's years of work by the post's closing date, to one decimal."""
    return round(experience_days(candidacy.candidate, candidacy.post.deadline.date()) / 365, 1)


def comparison(request, rows) -> list[dict]:
    """The shortlist side by side: the rules met, the panel's average, the languages with
    their levels and the years of work, in the adviser's words."""
    layout = request.layout
    return [
        {
            "candidacy": c,
            "met": sum(1 for check in c.checks if check["ok"]),
            "rules": len(c.checks),
            "not_met": explanations.not_met(layout, c.checks),
            "overrides": overrides(request, c),
            "average": average,
            "languages": [
                f"{layout.language(s.code)}: {layout.translate(LEVELS[s.level])}"
                for s in c.candidate.languages
            ],
            "years": work_years(c),
        }
        for c, average in rows
    ]


def _message(post):
    return _(
        "Dear colleagues,\n\nNorway's shortlist for the post ${title} (${station}) is "
        "attached, as a PDF and as an Excel workbook, with each candidate's education, "
        "work and languages. We look forward to hearing which candidate you select.\n\n"
        "Kind regards,\n${agency}",
        mapping={"title": post.title, "station": post.duty_station},
    )


def _columns(request, layout):
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
            if kind == "references":
                return "; ".join(
                    ", ".join(filter(None, (r.name, r.relation, r.organisation, r.email, r.phone)))
                    for r in candidate.references
                )
            return "; ".join(
                f"{layout.language(s.code)} {layout.translate(LEVELS[s.level])}"
                for s in candidate.languages
            )

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
        Column(_("References"), history("references")),
        Column(_("Rules not met"), lambda r: " ".join(explanations.not_met(layout, r[0].checks))),
        Column(_("Years of work"), lambda r: work_years(r[0])),
    ]


def _document(request, post, rows, locale=None) -> bytes:
    values = {
        "post": post,
        "rows": rows,
        "explain": explanations.not_met,
        "programmes": PROGRAMMES,
        "degrees": DEGREES,
        "levels": LEVELS,
        "document_title": request.localizer.translate(
            _("Shortlist: ${title}", mapping={"title": post.title})
        ),
    }
    return render_pdf(request, DOCUMENT, values, locale)


def send(request, post, to: str, message: str, override: str = "") -> int:
    """Nominate the shortlisted candidates and mail the organisation their shortlist, in
    English (the organisations' working language), with each candidate's P11 profile and
    CV; returns how many were nominated. Those who miss a rule are nominated by override,
    with `override` as the reason."""
    nominated = 0
    for candidacy, _average in shortlist(request, post):
        if candidacy.state == "shortlisted":
            if candidacy.eligible:
                transition(request, candidacy, "nominate")
            else:
                transition(request, candidacy, "nominate_override", override)
            nominated += 1
    rows = shortlist(request, post)
    name = f"shortlist-{post.id}"
    english = request.layout.in_language("en")
    profiles = [
        a for candidacy, _average in rows for a in p11.attachments(request, candidacy, "en")
    ]
    send_mail(
        request,
        to,
        _("Shortlist: ${title}", mapping={"title": post.title}),
        message,
        locale="en",
        attachments=[
            (f"{name}.pdf", "application/pdf", _document(request, post, rows, "en")),
            (f"{name}.xlsx", XLSX, export_file(request, rows, _columns(request, english))),
            *profiles,
        ],
        reply_to=request.identity.email,
    )
    post.shortlist_sent_on = today()
    return nominated


@view_config(
    route_name="multilateral.shortlist",
    renderer="norec_multilateral:templates/shortlist.pt",
    permission=MANAGE,
)
def shortlist_page(post, request):
    rows = shortlist(request, post)
    if request.GET.get("format") == "pdf":
        return pdf_response(request, _document(request, post, rows), f"shortlist-{post.id}.pdf")
    if requested_format(request):
        return export_response(
            request, rows, _columns(request, request.layout), f"shortlist-{post.id}"
        )
    flagged = [c for c, _average in rows if c.state == "shortlisted" and not c.eligible]
    form = process_form(
        request,
        send_schema(flagged),
        # In English whatever the adviser reads: it goes to the organisation.
        appstruct={"message": _message(post).interpolate()},
        submit_title=_("Send the shortlist"),
        formid="send",
    )
    if form.valid:
        data = form.data
        nominated = send(request, post, data["to"], data["message"], data.get("override", ""))
        flash(
            request,
            _(
                "The shortlist is sent; ${count} candidates are nominated.",
                mapping={"count": nominated},
            ),
        )
        return HTTPFound(request.route_path("multilateral.shortlist", id=post.id))
    return {
        "send_form": form.html if rows else "",
        "page_title": _("Shortlist: ${title}", mapping={"title": post.title}),
        "post": post,
        "rows": rows,
        "compared": comparison(request, rows),
        "states": STATE_TITLES,
        "degrees": DEGREES,
        "levels": LEVELS,
        "exports": export_links(request),
        "pdf": request.route_path("multilateral.shortlist", id=post.id, _query={"format": "pdf"}),
    }
