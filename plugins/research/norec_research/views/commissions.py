"""Research commissions: the public calls, the editors' form, proposals with their PDF,
and the assessment, which the proposer never sees."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from norec_core import (
    ACCOUNT,
    VIEW,
    Column,
    attach_upload,
    edit_page,
    export_links,
    export_response,
    files_of,
    flash,
    process_form,
    requested_format,
)
from norec_research import commissions, notices, reading
from norec_research.forms import AssessmentSchema, CommissionSchema, ProposalSchema
from norec_research.i18n import _
from norec_research.models import Commission, Proposal
from norec_research.permissions import EDIT, PROPOSAL_READ

T = "norec_research:templates/"
FORM = "norec_core:templates/form.pt"


def _columns(request):
    translate = request.localizer.translate
    return [
        Column(_("Title"), lambda c: c.title),
        Column(_("With"), lambda c: c.partner.name if c.partner else ""),
        Column(_("Deadline"), lambda c: c.deadline),
        Column(_("Budget"), lambda c: c.budget),
        Column(_("Currency"), lambda c: c.currency),
        Column(_("Stage"), lambda c: translate(commissions.STAGES[commissions.stage(c)])),
    ]


@view_config(route_name="research.commissions", renderer=T + "commissions.pt", permission=VIEW)
def commission_list(request):
    editor = bool(request.has_permission(EDIT, request.root))
    query = (
        select(Commission)
        .options(selectinload(Commission.proposals), selectinload(Commission.partner))
        .order_by(Commission.deadline.desc())
    )
    if not editor:
        query = query.where(Commission.published.is_(True))
    found = request.dbsession.scalars(query).all()
    if requested_format(request):
        return export_response(request, found, _columns(request), "commissions")
    return {
        "page_title": _("Research commissions"),
        "commissions": found,
        "stage": commissions.stage,
        "stages": commissions.STAGES,
        "editor": editor,
        "exports": export_links(request),
    }


def _visible(request, commission):
    editor = bool(request.has_permission(EDIT, request.root))
    if not commission.published and not editor:
        raise HTTPNotFound()
    return editor


def _proposal_columns(request):
    translate = request.localizer.translate
    return [
        Column(_("Title"), lambda p: p.title),
        Column(_("Organisation"), lambda p: p.organisation_name),
        Column(_("Country"), lambda p: p.country),
        Column(_("Proposer"), lambda p: p.person.full_name),
        Column(_("Budget"), lambda p: p.budget),
        Column(_("Currency"), lambda p: p.currency),
        Column(_("Score"), lambda p: p.score),
        Column(_("Status"), lambda p: translate(commissions.PROPOSAL_STATES[p.state])),
    ]


@view_config(route_name="research.commission", renderer=T + "commission.pt", permission=VIEW)
def commission_page(commission, request):
    editor = _visible(request, commission)
    if editor and requested_format(request):
        return export_response(
            request, commission.proposals, _proposal_columns(request), f"proposals-{commission.id}"
        )
    person = request.identity.person if request.identity is not None else None
    mine = next((p for p in commission.proposals if person and p.person_id == person.id), None)
    return {
        "page_title": commission.title,
        "commission": commission,
        "stage": commissions.stage(commission),
        "stages": commissions.STAGES,
        "states": commissions.PROPOSAL_STATES,
        "editor": editor,
        "mine": mine,
        "report_text": reading.text_in(commission.report, request.locale_name)
        if commission.report and commission.report.state == "published"
        else None,
        "exports": export_links(request) if editor else None,
    }


def _commission_form(request, commission):
    fields = (
        "title",
        "call",
        "partner_id",
        "deadline",
        "budget",
        "currency",
        "published",
        "report_id",
    )
    return edit_page(
        request,
        CommissionSchema(),
        commission if commission is not None else Commission(),
        is_new=commission is None,
        fields=fields,
        detail_route="research.commission",
        page_title=commission.title if commission is not None else _("New commission"),
    )


@view_config(route_name="research.commission.new", renderer=FORM, permission=EDIT)
def new_commission(request):
    return _commission_form(request, None)


@view_config(route_name="research.commission.edit", renderer=FORM, permission=EDIT)
def edit_commission(commission, request):
    return _commission_form(request, commission)


@view_config(route_name="research.propose", renderer=FORM, permission=ACCOUNT)
def propose(commission, request):
    _visible(request, commission)
    person = request.identity.person
    here = request.route_path("research.commission", id=commission.id)
    if commissions.stage(commission) != "open":
        flash(request, _("The call is not open for proposals."), "error")
        return HTTPFound(here)
    if person is None:
        flash(
            request, _("Your account has no person record yet: ask ${agency} to link it."), "error"
        )
        return HTTPFound(here)
    if any(p.person_id == person.id for p in commission.proposals):
        flash(request, _("You have sent a proposal to this call already."), "error")
        return HTTPFound(here)
    result = process_form(
        request, ProposalSchema(), submit_title=_("Send the proposal"), formid="proposal"
    )
    if result.valid:
        data = dict(result.data)
        upload = data.pop("upload")
        proposal = Proposal(commission=commission, person=person, **data)
        request.dbsession.add(proposal)
        request.dbsession.flush()
        if not attach_upload(
            request,
            proposal,
            upload,
            commissions.PROPOSAL_FILES,
            read_permission=PROPOSAL_READ,
            edit_permission=EDIT,
            person=person,
        ):
            return HTTPFound(here)
        notices.proposal_received(request, proposal)
        flash(request, _("Your proposal is received. We have sent you a receipt."))
        return HTTPFound(request.route_path("research.proposal", id=proposal.id))
    return {
        "page_title": _("A proposal to ${call}", mapping={"call": commission.title}),
        "form": result.html,
        "cancel_url": here,
    }


@view_config(route_name="research.proposal", renderer=T + "proposal.pt", permission=PROPOSAL_READ)
def proposal_page(proposal, request):
    values = {
        "page_title": proposal.title,
        "proposal": proposal,
        "states": commissions.PROPOSAL_STATES,
        "files": files_of(request, proposal),
        "editor": False,
    }
    if not request.has_permission(EDIT, request.root):
        return values
    appstruct = {
        "score": proposal.score,
        "assessment": proposal.assessment,
        "state": proposal.state,
    }
    result = process_form(
        request,
        AssessmentSchema(),
        appstruct={k: v for k, v in appstruct.items() if v is not None},
        submit_title=_("Save the assessment"),
        formid="assessment",
    )
    if result.valid:
        proposal.score, proposal.assessment = result.data["score"], result.data["assessment"]
        if result.data["state"] != proposal.state:
            commissions.decide(request, proposal, result.data["state"])
        flash(request, _("The assessment is saved."))
        return HTTPFound(request.route_path("research.proposal", id=proposal.id))
    return values | {"editor": True, "form": result.html}
