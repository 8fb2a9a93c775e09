"""The screening checklist of a case: each of the scheme's requirements ticked as met,
or explained where it is not."""

from __future__ import annotations

import colander
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from norec_core import flash, process_form
from norec_grants.forms.screening import checklist_schema
from norec_grants.i18n import _
from norec_grants.permissions import MANAGE

FORM = "norec_core:templates/form.pt"


@view_config(route_name="grants.screening", renderer=FORM, permission=MANAGE)
def screening_checklist(application, request):
    title = _("Screening: ${title}", mapping={"title": application.title})
    if application.state != "screening":
        request.response.status = 409
        return {
            "page_title": title,
            "intro": _("The checklist is gone through while the case is in screening."),
            "form": "",
            "cancel_url": request.route_path("grants.application", id=application.id),
        }
    result = process_form(
        request,
        checklist_schema(request, application),
        appstruct=application.screening or colander.null,
        submit_title=_("Save the checklist"),
    )
    if result.valid:
        application.screening = {
            key: {"met": value["met"], "note": value["note"].strip()}
            for key, value in result.data.items()
        }
        flash(request, _("The checklist is saved."))
        return HTTPFound(request.route_path("grants.application", id=application.id))
    return {
        "page_title": title,
        "intro": _(
            "Tick each of the scheme's requirements the application meets; explain each it "
            "does not. The case goes to assessment when every one is ticked or explained."
        ),
        "form": result.html,
        "cancel_url": request.route_path("grants.application", id=application.id),
    }
