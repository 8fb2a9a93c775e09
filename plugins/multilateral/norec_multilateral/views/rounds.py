"""Recruitment rounds: the advisers' list of rounds, a round's page with its posts and
where each stands, publishing a round's posts on one date, and a post's outcome."""

from __future__ import annotations

import collections

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config
from sqlalchemy import func, select

from norec_core import (
    Column,
    edit_page,
    export_links,
    export_response,
    flash,
    process_form,
    requested_format,
)
from norec_multilateral import alerts, rounds
from norec_multilateral.forms.rounds import OutcomeSchema, RoundSchema
from norec_multilateral.i18n import _
from norec_multilateral.models import Candidacy, RecruitmentRound
from norec_multilateral.permissions import MANAGE
from norec_multilateral.rounds import PROGRAMMES
from norec_multilateral.workflow import STATE_TITLES

T = "norec_multilateral:templates/"


def _columns(request):
    translate = request.localizer.translate
    return [
        Column(_("Title"), lambda r: r.title),
        Column(_("Programme"), lambda r: translate(PROGRAMMES[r.programme])),
        Column(_("Stage"), lambda r: translate(rounds.ROUND_STAGES[rounds.round_stage(r)])),
        Column(_("Published"), lambda r: r.published_on),
        Column(_("Deadline"), lambda r: r.deadline),
        Column(_("Posts"), lambda r: len(r.posts)),
    ]


@view_config(route_name="multilateral.rounds", renderer=T + "rounds.pt", permission=MANAGE)
def round_list(request):
    found = request.dbsession.scalars(
        select(RecruitmentRound).order_by(RecruitmentRound.created_at.desc())
    ).all()
    if requested_format(request):
        return export_response(request, found, _columns(request), "rounds")
    return {
        "page_title": _("Recruitment rounds"),
        "rounds": found,
        "stage": rounds.round_stage,
        "stages": rounds.ROUND_STAGES,
        "programmes": PROGRAMMES,
        "exports": export_links(request),
    }


@view_config(route_name="multilateral.round", renderer=T + "round.pt", permission=MANAGE)
def round_page(recruitment_round, request):
    counts = collections.defaultdict(collections.Counter)
    ids = [p.id for p in recruitment_round.posts]
    for post_id, state, count in request.dbsession.execute(
        select(Candidacy.post_id, Candidacy.state, func.count())
        .where(Candidacy.post_id.in_(ids))
        .group_by(Candidacy.post_id, Candidacy.state)
    ):
        counts[post_id][state] = count
    publishable = [p for p in recruitment_round.posts if not p.published and not p.outcome]
    if request.method == "POST" and "publish" in request.POST and publishable:
        published = rounds.publish(recruitment_round)
        request.dbsession.flush()
        sent = sum(alerts.announce(request, post) for post in published)
        flash(
            request,
            _(
                "${posts} posts are published; ${alerts} alerts went to candidates.",
                mapping={"posts": len(published), "alerts": sent},
            ),
        )
        return HTTPFound(request.route_path("multilateral.round", id=recruitment_round.id))
    return {
        "page_title": recruitment_round.title,
        "round": recruitment_round,
        "stage": rounds.round_stage(recruitment_round),
        "stages": rounds.ROUND_STAGES,
        "post_stage": rounds.post_stage,
        "post_stages": rounds.POST_STAGES,
        "counts": counts,
        "shown_states": ("submitted", "eligible", "shortlisted", "nominated", "selected"),
        "states": STATE_TITLES,
        "programmes": PROGRAMMES,
        "publishable": publishable,
    }


def _round_form(request, recruitment_round):
    fields = ("programme", "title", "deadline", "notes")
    return edit_page(
        request,
        RoundSchema(),
        recruitment_round if recruitment_round is not None else RecruitmentRound(),
        is_new=recruitment_round is None,
        fields=fields,
        detail_route="multilateral.round",
        page_title=recruitment_round.title if recruitment_round is not None else _("New round"),
    )


@view_config(
    route_name="multilateral.round.new", renderer="norec_core:templates/form.pt", permission=MANAGE
)
def new_round(request):
    return _round_form(request, None)


@view_config(
    route_name="multilateral.round.edit", renderer="norec_core:templates/form.pt", permission=MANAGE
)
def edit_round(recruitment_round, request):
    return _round_form(request, recruitment_round)


@view_config(
    route_name="multilateral.post.outcome",
    renderer="norec_core:templates/form.pt",
    permission=MANAGE,
)
def post_outcome(post, request):
    result = process_form(request, OutcomeSchema(), submit_title=_("Record"), formid="outcome")
    if result.valid:
        post.outcome = result.data["outcome"]
        flash(request, _("The outcome is recorded."))
        return HTTPFound(request.route_path("multilateral.post", id=post.id))
    return {
        "page_title": _("Outcome: ${title}", mapping={"title": post.title}),
        "form": result.html,
    }
