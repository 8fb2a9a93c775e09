"""An application as its applicant builds it: the plan, the budget, the partners'
confirmations and the attachments, saved piece by piece so that nothing is lost."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPForbidden, HTTPFound, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from norec_core import (
    ACCOUNT,
    Organisation,
    Partnership,
    Person,
    attach_upload,
    files_of,
    flash,
    locally_held,
    now,
    parse_id,
    process_form,
)
from norec_grants import assessment, budget, currencies, decisions, rules, screening
from norec_grants.forms.applications import (
    ATTACHMENTS,
    ApplicationSchema,
    AttachmentSchema,
    CostSchema,
    ExchangeSchema,
    NewApplicationSchema,
)
from norec_grants.forms.calls import BASIS_TITLES, CATEGORY_TITLES
from norec_grants.i18n import _
from norec_grants.models import (
    Application,
    PartnerCost,
    PlannedExchange,
)
from norec_grants.permissions import APPEAL, EDIT, MANAGE, READ
from norec_grants.views.assessment import assign_form
from norec_grants.workflow import APPLICATION_WORKFLOW

T = "norec_grants:templates/"
FORM = "norec_core:templates/form.pt"


def contact_partnerships(request):
    """The partnerships in which the user is contact person of an organisation."""
    return request.dbsession.scalars(
        select(Partnership)
        .where(Partnership.organisations.any(locally_held(request, Organisation, "contact")))
        .order_by(Partnership.title)
    ).all()


def contact_organisations(request, application: Application) -> list[Organisation]:
    """The application's partner organisations the user is contact person of."""
    ids = [o.id for o in application.partnership.organisations]
    return request.dbsession.scalars(
        select(Organisation)
        .where(Organisation.id.in_(ids), locally_held(request, Organisation, "contact"))
        .order_by(Organisation.name)
    ).all()


def changed(application: Application) -> None:
    """The plan or budget changed: the partners must confirm it again."""
    application.revision += 1
    application.updated_at = now()


@view_config(route_name="grants.apply", renderer=T + "apply.pt", permission=ACCOUNT)
def apply(call, request):
    partnerships = contact_partnerships(request)
    refused = rules.deadline(request, call)
    values = {"page_title": _("Apply: ${title}", mapping={"title": call.title}), "call": call}
    if refused is not None or not partnerships:
        request.response.status = 409 if refused is not None else 403
        return {**values, "refused": refused, "form": None}
    schema = NewApplicationSchema()
    result = process_form(
        request,
        schema,
        appstruct={"language": request.locale_name},
        bindings={"partnerships": partnerships},
        submit_title=_("Start the application"),
    )
    if result.valid:
        data = result.data
        first = _first_application(request, call, data["partnership_id"])
        if first is not None:
            flash(
                request,
                _(
                    "Your partnership has applied to this call already, with «${title}»: "
                    "one application per call and partnership. Go on with it here.",
                    mapping={"title": first.title},
                ),
                "error",
            )
            return HTTPFound(request.route_path("grants.application", id=first.id))
        application = Application(
            call=call,
            partnership=request.dbsession.get(Partnership, data["partnership_id"]),
            title=data["title"],
            summary=data["summary"],
            goals=data["goals"],
            language=data["language"],
            lead=_person(request, data["lead_email"]),
            created_by=request.identity,
        )
        request.dbsession.add(application)
        request.dbsession.flush()
        flash(request, _("The application is saved as a draft. Nothing is sent before you submit."))
        return HTTPFound(request.route_path("grants.application", id=application.id))
    return {**values, "refused": None, "form": result.html}


def _first_application(request, call, partnership_id):
    """The partnership's application to `call`, unless withdrawn: one is all it makes."""
    return request.dbsession.scalars(
        select(Application)
        .where(
            Application.call_id == call.id,
            Application.partnership_id == partnership_id,
            Application.state != "withdrawn",
        )
        .order_by(Application.id)
        .limit(1)
    ).first()


def _person(request, email: str):
    if not email:
        return None
    return request.dbsession.scalars(select(Person).where(Person.email == email)).first()


@view_config(route_name="grants.application", renderer=T + "application.pt", permission=READ)
def application_page(application, request):
    editable = bool(request.has_permission(EDIT, application))
    mine = contact_organisations(request, application) if request.identity else []
    confirmations = {
        c.organisation_id: c
        for c in application.confirmations
        if c.revision == application.revision
    }
    return {
        "page_title": application.title,
        "application": application,
        "budget": budget.budget(application),
        "problems": rules.problems(request, application) if editable else [],
        "reciprocity": rules.reciprocity(application),
        "editable": editable,
        "confirmable": [o for o in mine if o.id not in confirmations]
        if application.state in ("draft", "more_info")
        else [],
        "confirmations": confirmations,
        "files": files_of(request, application),
        "upload": _upload_form(request, application) if editable else "",
        "manage": request.has_permission(MANAGE),
        "sections": request.pm.hook.norec_sections(request=request, context=application),
        "categories": CATEGORY_TITLES,
        "bases": BASIS_TITLES,
        "exact": currencies.exact,
        **_case(request, application),
        "state_title": APPLICATION_WORKFLOW.state(application.state).title,
    }


def _case(request, application):
    """What the assessment and decision sections show, to whom."""
    user = request.identity
    manage = bool(request.has_permission(MANAGE))
    mine = next((a for a in application.assignments if user and a.user_id == user.id), None)
    return {
        "mine": mine,
        "seen": {
            a.user_id: assessment.seen_conflicts(request, application, a.user)
            for a in application.assignments
        }
        if manage
        else {},
        "sheet": assessment.sheet(application, only=None if manage else user)
        if manage or mine
        else None,
        "assign_form": assign_form(request, application) if manage else "",
        "checklist": [
            (title, (application.screening or {}).get(key) or {})
            for key, title in screening.requirements(request, application).items()
        ]
        if manage
        else [],
        "outcomes": decisions.OUTCOME_TITLES,
        "currency": application.call.scheme.currency,
        "appealable": bool(request.has_permission(APPEAL, application))
        and decisions.appeal_refusal(request, application) is None,
        "appeal_states": {s.name: s.title for s in decisions.APPEAL_WORKFLOW.states},
    }


def _upload_form(request, application):
    return process_form(
        request,
        AttachmentSchema(),
        formid="attachment",
        submit_title=_("Attach"),
        action=request.route_path("grants.attach", id=application.id),
    ).html


@view_config(route_name="grants.attach", renderer=FORM, permission=EDIT, request_method="POST")
def attach_file(application, request):
    result = process_form(
        request, AttachmentSchema(), formid="attachment", submit_title=_("Attach")
    )
    if result.valid:
        upload = result.data["upload"]
        if attach_upload(
            request, application, upload, ATTACHMENTS, read_permission=READ, edit_permission=EDIT
        ):
            changed(application)
            flash(request, _("The file is attached."))
        return HTTPFound(request.route_path("grants.application", id=application.id))
    return {
        "page_title": _("Attach a file to ${title}", mapping={"title": application.title}),
        "form": result.html,
        "cancel_url": request.route_path("grants.application", id=application.id),
    }


@view_config(route_name="grants.application_edit", renderer=FORM, permission=EDIT)
def application_edit(application, request):
    values = {
        "title": application.title,
        "summary": application.summary,
        "goals": application.goals,
        "language": application.language,
        "lead_email": application.lead.email if application.lead else "",
    }
    result = process_form(request, ApplicationSchema(), appstruct=values)
    if result.valid:
        data = result.data
        application.title, application.summary = data["title"], data["summary"]
        application.goals, application.language = data["goals"], data["language"]
        application.lead = _person(request, data["lead_email"])
        changed(application)
        flash(request, _("Saved. The application is still a draft until you submit it."))
        return HTTPFound(request.route_path("grants.application", id=application.id))
    return {
        "page_title": _("Edit the application"),
        "form": result.html,
        "cancel_url": request.route_path("grants.application", id=application.id),
    }


@view_config(route_name="grants.exchange_new", renderer=FORM, permission=EDIT)
def exchange_new(application, request):
    orgs = application.partnership.organisations
    values = {"year": budget.first_year(application)}
    if len(orgs) >= 2:
        values.update(sending_id=orgs[0].id, receiving_id=orgs[1].id)
    result = process_form(
        request,
        ExchangeSchema(),
        appstruct=values,
        bindings={"application": application},
        submit_title=_("Add to the plan"),
    )
    if result.valid:
        application.exchanges.append(PlannedExchange(**_without_token(result.data)))
        changed(application)
        flash(request, _("The exchange is added to the plan."))
        return HTTPFound(request.route_path("grants.application", id=application.id) + "#plan")
    return {
        "page_title": _("Plan an exchange"),
        "intro": _(
            "Participants from the sending organisation work at the receiving one for the "
            "months you give; the budget follows from the scheme's rates."
        ),
        "form": result.html,
        "cancel_url": request.route_path("grants.application", id=application.id),
    }


@view_config(route_name="grants.cost_new", renderer=FORM, permission=EDIT)
def cost_new(application, request):
    result = process_form(
        request,
        CostSchema(),
        appstruct={
            "year": budget.first_year(application),
            "currency": application.call.scheme.currency,
        },
        bindings={"application": application},
        submit_title=_("Add to the budget"),
    )
    if result.valid:
        data = _without_token(result.data)
        base = application.call.scheme.currency
        today = now().date()
        found = rules.exchange_rate(request.dbsession, data["currency"], base, today)
        rate, rate_on = (1, today) if found is None else (found.rate, found.valid_on)
        application.costs.append(PartnerCost(**data, rate=rate, rate_on=rate_on))
        changed(application)
        flash(request, _("The cost is added to the budget."))
        return HTTPFound(request.route_path("grants.application", id=application.id) + "#budget")
    return {
        "page_title": _("Add a partner's cost"),
        "intro": _(
            "Enter the cost in the partner's own currency: it is converted at the latest "
            "rate ${agency} has recorded, and the rate is kept with the line."
        ),
        "form": result.html,
        "cancel_url": request.route_path("grants.application", id=application.id),
    }


def _without_token(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "csrf_token"}


@view_config(route_name="grants.line_delete", permission=EDIT, request_method="POST")
def line_delete(application, request):
    kind, number = request.matchdict["kind"], parse_id(request.matchdict["line"])
    lines = application.exchanges if kind == "exchange" else application.costs
    line = next((x for x in lines if x.id == number), None)
    if line is None:
        raise HTTPNotFound()
    lines.remove(line)
    changed(application)
    flash(request, _("The line is removed."))
    anchor = "#plan" if kind == "exchange" else "#budget"
    return HTTPFound(request.route_path("grants.application", id=application.id) + anchor)


@view_config(route_name="grants.confirm", permission=READ, request_method="POST")
def confirm(application, request):
    if application.state not in ("draft", "more_info"):
        raise HTTPForbidden(_("Only an application being prepared can be confirmed."))
    wanted = request.POST.get("organisation", "")
    mine = {str(o.id): o for o in contact_organisations(request, application)}
    organisation = mine.get(wanted)
    if organisation is None:
        raise HTTPForbidden(_("Only a contact person of the organisation can confirm for it."))
    rules.confirm(request.dbsession, application, organisation, request.identity)
    flash(
        request,
        _("${organisation} confirms the application.", mapping={"organisation": organisation.name}),
    )
    return HTTPFound(request.route_path("grants.application", id=application.id) + "#partners")
