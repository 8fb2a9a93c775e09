"""An application's own page: the candidate sees the post, the state and the checks;
advisers also see and add internal notes and the panel's scores, and take the steps of
the workflow. Nothing internal is rendered for anyone without the advisers' permission."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import select

from norec_core import files_of, flash, pdf_response, process_form
from norec_multilateral import explanations, p11, pool
from norec_multilateral.forms.candidacy import NoteSchema, PoolSchema, ScoreSchema
from norec_multilateral.i18n import _
from norec_multilateral.models import CandidacyNote, PanelScore, PoolEntry
from norec_multilateral.permissions import MANAGE, READ
from norec_multilateral.workflow import OPEN, STATE_TITLES


@view_config(
    route_name="multilateral.candidacy",
    renderer="norec_multilateral:templates/candidacy.pt",
    permission=READ,
)
def candidacy_page(candidacy, request):
    manage = request.has_permission(MANAGE, candidacy)
    audience = explanations.ADVISER if manage else explanations.CANDIDATE
    values = {
        "page_title": _("Application: ${title}", mapping={"title": candidacy.post.title}),
        "candidacy": candidacy,
        "checks": explanations.explain_all(request.layout, candidacy.checks, audience),
        "states": STATE_TITLES,
        "may_withdraw": candidacy.state in OPEN
        and request.has_permission("multilateral.withdraw", candidacy),
        "manage": False,
        "cv": next(reversed(files_of(request, candidacy.candidate)), None),
    }
    if not manage:
        return values
    if request.GET.get("format") == "p11":  # the profile as the organisation receives it
        return pdf_response(request, p11.profile_pdf(request, candidacy), f"p11-{candidacy.id}.pdf")
    session = request.dbsession
    note = process_form(request, NoteSchema(), submit_title=_("Add the note"), formid="note")
    score = process_form(request, ScoreSchema(), submit_title=_("Record the score"), formid="score")
    proposal = process_form(
        request, PoolSchema(), submit_title=_("Ask the candidate"), formid="pool"
    )
    here = request.route_path("multilateral.candidacy", id=candidacy.id)
    if proposal.valid:
        pool.propose(request, candidacy.candidate, proposal.data["reason"])
        flash(request, _("The candidate is asked by mail whether they agree."))
        return HTTPFound(here)
    if note.valid:
        user = request.identity
        session.add(
            CandidacyNote(candidacy_id=candidacy.id, author=user.email, text=note.data["text"])
        )
        flash(request, _("The note is added."))
        return HTTPFound(here)
    if score.valid:
        session.add(PanelScore(candidacy_id=candidacy.id, **score.data))
        flash(request, _("The score is recorded."))
        return HTTPFound(here)
    scores = session.scalars(
        select(PanelScore)
        .where(PanelScore.candidacy_id == candidacy.id)
        .order_by(PanelScore.round, PanelScore.id)
    ).all()
    return values | {
        "manage": True,
        "notes": session.scalars(
            select(CandidacyNote)
            .where(CandidacyNote.candidacy_id == candidacy.id)
            .order_by(CandidacyNote.id)
        ).all(),
        "scores": scores,
        "average": round(sum(s.score for s in scores) / len(scores), 1) if scores else None,
        "note_form": note.html,
        "score_form": score.html,
        "pool_form": proposal.html,
        "pool": session.scalar(
            select(PoolEntry).where(PoolEntry.candidate_id == candidacy.candidate_id)
        ),
        "pool_statuses": pool.STATUSES,
        "sections": request.pm.hook.norec_sections(request=request, context=candidacy),
    }
