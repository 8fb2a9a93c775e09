"""Assessing an application: assigning assessors, their declarations of conflicts of
interest, their scores, and the score sheet."""

from __future__ import annotations

import colander
from pyramid.httpexceptions import HTTPForbidden, HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from norec_core import User, flash, now, process_form
from norec_grants import assessment, notices
from norec_grants.forms.assessment import (
    AssignSchema,
    DeclarationSchema,
    conflict_explained,
    score_schema,
)
from norec_grants.i18n import _
from norec_grants.permissions import ASSESS, MANAGE

FORM = "norec_core:templates/form.pt"
T = "norec_grants:templates/"
ASSESSABLE = ("screening", "in_assessment", "more_info")


def _back(request, application, anchor="#assessment"):
    return HTTPFound(request.route_path("grants.application", id=application.id) + anchor)


def assign_form(request, application) -> str:
    return process_form(
        request,
        AssignSchema(),
        formid="assign",
        bindings={"application": application},
        submit_title=_("Assign"),
        action=request.route_path("grants.assign", id=application.id),
    ).html


@view_config(route_name="grants.assign", renderer=FORM, permission=MANAGE, request_method="POST")
def assign(application, request):
    result = process_form(
        request,
        AssignSchema(),
        formid="assign",
        bindings={"application": application},
        submit_title=_("Assign"),
    )
    if result.valid:
        user = request.dbsession.scalars(
            select(User).where(User.email == result.data["email"].strip())
        ).one()
        if not any(a.user_id == user.id for a in application.assignments):
            notices.assigned(request, application, user)
        assessment.assign(request.dbsession, application, user)
        flash(request, _("${who} assesses the application.", mapping={"who": user.email}))
        return _back(request, application)
    return {"page_title": _("Assign an assessor"), "form": result.html}


@view_config(route_name="grants.unassign", permission=MANAGE, request_method="POST")
def unassign(application, request):
    number = request.POST.get("assignment", "")
    found = next((a for a in application.assignments if str(a.id) == number), None)
    if found is None:
        raise HTTPNotFound()
    assessment.unassign(request.dbsession, application, found)
    flash(request, _("The assessor is no longer assigned."))
    return _back(request, application)


def _mine(request, application):
    user = request.identity
    found = next((a for a in application.assignments if a.user_id == user.id), None)
    if found is None:
        raise HTTPForbidden(_("Only an assessor assigned to the application can do this."))
    return found


@view_config(route_name="grants.declare", renderer=T + "declare.pt", permission=ASSESS)
def declare(application, request):
    mine = _mine(request, application)
    seen = assessment.seen_conflicts(request, application, request.identity)
    values = {"conflict": mine.conflict, "note": mine.conflict_note} if mine.declared_at else {}
    result = process_form(
        request,
        DeclarationSchema(validator=conflict_explained),
        appstruct=values or colander.null,
        bindings={"seen": seen},
    )
    if result.valid:
        mine.conflict, mine.conflict_note = result.data["conflict"], result.data["note"]
        mine.declared_at = now()
        if mine.conflict:
            notices.conflict_declared(request, application, mine)
            flash(
                request,
                _(
                    "Your conflict of interest is recorded: you do not assess this "
                    "application, and the caseworker is told to find another assessor."
                ),
            )
            return _back(request, application)
        flash(request, _("Your declaration is recorded: score the application now."))
        return HTTPFound(request.route_path("grants.score", id=application.id))
    return {
        "page_title": _("Conflicts of interest"),
        "application": application,
        "seen": seen,
        "form": result.html,
    }


@view_config(route_name="grants.score", renderer=FORM, permission=ASSESS)
def score(application, request):
    mine = _mine(request, application)
    if application.state not in ASSESSABLE:
        raise HTTPForbidden(_("The application is not being assessed now."))
    refused = assessment.not_to_assess(request, application, request.identity)
    if refused is not None:
        raise HTTPForbidden(refused)
    if mine.declared_at is None:
        flash(request, _("Declare first whether you have a conflict of interest."), "error")
        return HTTPFound(request.route_path("grants.declare", id=application.id))
    if not assessment.may_score(mine):
        flash(
            request,
            _("You declared a conflict of interest with this application: you do not score it."),
            "error",
        )
        return _back(request, application)
    given = {s.criterion_id: s for s in application.scores if s.user_id == mine.user_id}
    values = {}
    for criterion_id, found in given.items():
        values[f"score_{criterion_id}"] = found.score
        values[f"comment_{criterion_id}"] = found.comment
    result = process_form(
        request,
        score_schema(request, application),
        appstruct=values,
        submit_title=_("Save the scores"),
    )
    if result.valid:
        data = result.data
        assessment.save_scores(
            request.dbsession,
            application,
            request.identity,
            {
                c.id: (data[f"score_{c.id}"], data[f"comment_{c.id}"])
                for c in application.call.scheme.criteria
            },
        )
        flash(request, _("Your scores are saved."))
        return _back(request, application)
    return {
        "page_title": _("Score ${title}", mapping={"title": application.title}),
        "intro": _("Score each criterion from 1 (weak) to 5 (excellent)."),
        "form": result.html,
        "cancel_url": request.route_path("grants.application", id=application.id),
    }
