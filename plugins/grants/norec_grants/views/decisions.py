"""Deciding an application, its decision letter (a web page and a PDF, in the applicant's
language), and the applicant's appeal."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from norec_core import (
    WorkflowError,
    document_response,
    flash,
    pdf_response,
    process_form,
    render_document,
    render_pdf,
)
from norec_grants import assessment, budget, decisions, notices
from norec_grants.forms.decisions import AppealSchema, decision_schema
from norec_grants.i18n import _
from norec_grants.models import Appeal
from norec_grants.permissions import APPEAL, MANAGE, READ

FORM = "norec_core:templates/form.pt"
T = "norec_grants:templates/"


@view_config(route_name="grants.decide", renderer=FORM, permission=MANAGE)
def decide(application, request):
    if application.decision is not None:
        flash(request, _("The application is decided already."), "error")
        return HTTPFound(request.route_path("grants.application", id=application.id))
    refused = assessment.not_to_decide(request, application, request.identity)
    if refused is not None:
        request.response.status = 403
        return {"page_title": _("Decide the application"), "intro": refused, "form": ""}
    planned = budget.budget(application).years
    values = {f"year_{y}": amount for y, amount in planned.items()}
    result = process_form(
        request,
        decision_schema(application),
        appstruct=values,
        submit_title=_("Decide and send the letter"),
    )
    if result.valid:
        data = result.data
        years = {int(k[5:]): v for k, v in data.items() if k.startswith("year_") and v}
        try:
            decisions.decide(request, application, data["outcome"], data["reasons"], years)
        except WorkflowError as refused:
            request.tm.doom()  # the decision recorded for the step is not kept either
            request.response.status = 409
            return {
                "page_title": _("Decide the application"),
                "intro": refused.message,
                "form": process_form(request, decision_schema(application), appstruct=data).html,
            }
        flash(request, _("The decision is recorded; the applicant can read the letter."))
        return HTTPFound(request.route_path("grants.application", id=application.id))
    return {
        "page_title": _("Decide the application"),
        "intro": _(
            "The amounts proposed are the budget's, year by year; change them for an approval "
            "with changes."
        ),
        "form": result.html,
        "cancel_url": request.route_path("grants.application", id=application.id),
    }


@view_config(route_name="grants.letter", permission=READ)
def letter(application, request):
    if application.decision is None:
        return HTTPFound(request.route_path("grants.application", id=application.id))
    html = render_document(
        request, decisions.LETTER, decisions.letter_values(application), application.language
    )
    return document_response(request, html)


@view_config(route_name="grants.letter_pdf", permission=READ)
def letter_pdf(application, request):
    if application.decision is None:
        return HTTPFound(request.route_path("grants.application", id=application.id))
    pdf = render_pdf(
        request, decisions.LETTER, decisions.letter_values(application), application.language
    )
    return pdf_response(request, pdf, f"decision-{application.id}.pdf")


@view_config(route_name="grants.appeal", renderer=T + "appeal_form.pt", permission=APPEAL)
def appeal(application, request):
    refused = decisions.appeal_refusal(request, application)
    if refused is not None:
        request.response.status = 409
        return {"page_title": _("Appeal the decision"), "refused": refused, "form": None}
    result = process_form(request, AppealSchema(), submit_title=_("Send the appeal"))
    if result.valid:
        found = Appeal(grounds=result.data["grounds"], submitted_by=request.identity)
        application.appeals.append(found)
        request.dbsession.flush()
        notices.appeal_received(request, found)
        flash(request, _("Your appeal is received. ${agency} reviews the decision first."))
        return HTTPFound(request.route_path("grants.appeal_case", id=found.id))
    return {
        "page_title": _("Appeal the decision"),
        "refused": None,
        "form": result.html,
        "application": application,
        "until": application.decision.appeal_until,
    }


@view_config(route_name="grants.appeal_case", renderer=T + "appeal.pt", permission=READ)
def appeal_case(found, request):
    return {
        "page_title": _(
            "Appeal against the decision on ${title}", mapping={"title": found.application.title}
        ),
        "appeal": found,
        "sections": request.pm.hook.norec_sections(request=request, context=found),
    }
