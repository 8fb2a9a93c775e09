"""What a case records of how it turned out, each with its reason: an instalment that
will not be paid, a planned exchange that was not carried out, a course a participant
was let off; and the attachments of the final report (the accounts, the auditor's
statement)."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config

from norec_core import attach_upload, flash, process_form
from norec_grants import notices, payments
from norec_grants.forms.closing import REPORT_FILES, ReasonSchema, ReportFileSchema
from norec_grants.i18n import _
from norec_grants.models import FinalReport
from norec_grants.participants import COURSE_NAMES
from norec_grants.permissions import MANAGE, PARTICIPANTS, READ, REPORT

FORM = "norec_core:templates/form.pt"


def reason_form(request, route, application, item, submit_title) -> str:
    """A small form asking why, for one row of a list (`item` names the row)."""
    return process_form(
        request,
        ReasonSchema(),
        formid=f"{route.rsplit('.', 1)[-1]}-{item}".replace(":", "-"),
        appstruct={"item": item},
        submit_title=submit_title,
        action=request.route_path(route, id=application.id),
    ).html


def _reason(request, route, title):
    """The posted reason and row, or the form again with its error at the field."""
    formid = request.POST.get("__formid__", "")
    if not formid.startswith(route.rsplit(".", 1)[-1] + "-"):
        raise HTTPNotFound()
    result = process_form(request, ReasonSchema(), formid=formid, submit_title=title)
    if result.valid:
        return result.data["item"], result.data["reason"].strip(), None
    return None, None, {"page_title": title, "form": result.html}


@view_config(
    route_name="grants.instalment_cancel", renderer=FORM, permission=MANAGE, request_method="POST"
)
def cancel_instalment(application, request):
    title = _("Cancel the instalment")
    item, reason, again = _reason(request, "grants.instalment_cancel", title)
    if again is not None:
        return again
    found = next((i for i in application.instalments if str(i.id) == item), None)
    if found is None:
        raise HTTPNotFound()
    refused = payments.cancel(found, reason)
    if refused is not None:
        flash(request, refused, "error")
    else:
        notices.instalment_cancelled(request, application, found)
        flash(request, _("The instalment is cancelled; the applicant is told why."))
    return HTTPFound(request.route_path("grants.money", id=application.id))


@view_config(
    route_name="grants.exchange_explain",
    renderer=FORM,
    permission=PARTICIPANTS,
    request_method="POST",
)
def explain_exchange(application, request):
    title = _("Explain why the exchange was not carried out")
    item, reason, again = _reason(request, "grants.exchange_explain", title)
    if again is not None:
        return again
    found = next((e for e in application.exchanges if str(e.id) == item), None)
    if found is None:
        raise HTTPNotFound()
    found.not_carried_out = reason
    flash(request, _("The exchange is recorded as not carried out, with your reason."))
    return HTTPFound(request.route_path("grants.report", id=application.id) + "#exchanges")


@view_config(
    route_name="grants.course_waive", renderer=FORM, permission=MANAGE, request_method="POST"
)
def waive_course(application, request):
    title = _("Let the participant off the course")
    item, reason, again = _reason(request, "grants.course_waive", title)
    if again is not None:
        return again
    number, _sep, kind = item.partition(":")
    found = next((p for p in application.participants if str(p.id) == number), None)
    if found is None or kind not in COURSE_NAMES or found.completed_at is not None:
        raise HTTPNotFound()
    found.waived = {**found.waived, kind: reason}
    flash(
        request,
        _(
            "${name} is let off the ${course}.",
            mapping={
                "name": found.person.given_name,
                "course": request.localizer.translate(COURSE_NAMES[kind]),
            },
        ),
    )
    return HTTPFound(request.route_path("grants.participants", id=application.id))


def report_upload_form(request, application) -> str:
    return process_form(
        request,
        ReportFileSchema(),
        formid="report-file",
        submit_title=_("Attach to the report"),
        action=request.route_path("grants.report_attach", id=application.id),
    ).html


@view_config(
    route_name="grants.report_attach", renderer=FORM, permission=REPORT, request_method="POST"
)
def attach_to_report(application, request):
    result = process_form(
        request, ReportFileSchema(), formid="report-file", submit_title=_("Attach to the report")
    )
    if result.valid:
        upload = result.data["upload"]
        if application.report is None:
            application.report = FinalReport()
            request.dbsession.flush()
        if attach_upload(
            request,
            application.report,
            upload,
            REPORT_FILES,
            read_permission=READ,
            edit_permission=REPORT,
        ):
            flash(request, _("The file is attached to the final report."))
        return HTTPFound(request.route_path("grants.report", id=application.id))
    return {
        "page_title": _("Attach a file to the final report"),
        "form": result.html,
        "cancel_url": request.route_path("grants.report", id=application.id),
    }
