"""A grant's money and its final report: the instalments and their payments, the final
report with the costs as spent, and the costs against the budget."""

from __future__ import annotations

from decimal import Decimal

from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config

from norec_core import files_of, flash, process_form
from norec_grants import closing, notices, payments, reports
from norec_grants.forms.calls import CATEGORY_TITLES
from norec_grants.forms.money import report_schema
from norec_grants.i18n import _
from norec_grants.models import FinalReport
from norec_grants.permissions import MANAGE, PARTICIPANTS, READ, REPORT
from norec_grants.views.closing import reason_form, report_upload_form

T = "norec_grants:templates/"


@view_config(route_name="grants.money", renderer=T + "money.pt", permission=READ)
def money(application, request):
    return {
        "page_title": _("Money: ${title}", mapping={"title": application.title}),
        "application": application,
        "currency": application.call.scheme.currency,
        "instalments": [
            (i, payments.reached(application, i.milestone)) for i in application.instalments
        ],
        "costs": payments.costs(application),
        "totals": payments.totals(application),
        "manage": request.has_permission(MANAGE),
        "cancel_form": lambda i: reason_form(
            request, "grants.instalment_cancel", application, str(i.id), _("Cancel it")
        ),
        "milestones": payments.MILESTONE_TITLES,
        "categories": CATEGORY_TITLES,
    }


@view_config(route_name="grants.pay", permission=MANAGE, request_method="POST")
def pay(application, request):
    number = request.POST.get("instalment", "")
    found = next((i for i in application.instalments if str(i.id) == number), None)
    if found is None:
        raise HTTPNotFound()
    refused = payments.pay(application, found, request.identity)
    if refused is not None:
        flash(request, refused, "error")
    else:
        notices.instalment_paid(request, application, found)
        flash(request, _("The payment is recorded."))
    return HTTPFound(request.route_path("grants.money", id=application.id))


@view_config(route_name="grants.report", renderer=T + "report.pt", permission=READ)
def report(application, request):
    found = application.report
    editable = bool(request.has_permission(REPORT, application))
    form = ""
    if editable:
        values = {}
        if found is not None:
            values = {"results": found.results, "knowledge_transfer": found.knowledge_transfer}
            values.update({f"cost_{c}": Decimal(v) for c, v in found.actual_costs.items() if v})
        result = process_form(
            request,
            report_schema(application),
            appstruct=values,
            submit_title=_("Save the report"),
        )
        if result.valid:
            data = result.data
            if found is None:
                found = application.report = FinalReport()
            found.results, found.knowledge_transfer = data["results"], data["knowledge_transfer"]
            found.actual_costs = {
                k[5:]: str(v) for k, v in data.items() if k.startswith("cost_") and v is not None
            }
            flash(
                request,
                _("The report is saved. Hand it in from the application's page when it is done."),
            )
            return HTTPFound(request.route_path("grants.report", id=application.id))
        form = result.html
    return {
        "page_title": _("Final report: ${title}", mapping={"title": application.title}),
        "application": application,
        "report": found,
        "form": form,
        "due": reports.report_due(application),
        "outcomes": closing.outcomes(application),
        "explainable": bool(request.has_permission(PARTICIPANTS, application)),
        "explain_form": lambda e: reason_form(
            request, "grants.exchange_explain", application, str(e.id), _("Not carried out")
        ),
        "files": files_of(request, found) if found is not None else [],
        "upload": report_upload_form(request, application) if editable else "",
        "costs": payments.costs(application),
        "totals": payments.totals(application),
        "currency": application.call.scheme.currency,
        "categories": CATEGORY_TITLES,
    }
