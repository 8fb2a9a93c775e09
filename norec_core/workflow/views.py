"""The one view that takes a transition on any object with a workflow."""

from __future__ import annotations

from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.view import view_config

from norec_core.i18n import _, safe_redirect_target
from norec_core.layout import flash
from norec_core.resources import model_factory, model_for
from norec_core.security import VIEW
from norec_core.workflow.engine import WorkflowError, may_see, transition


def workflow_object(request):
    model = model_for(request.matchdict["resource_type"])
    if model is None or model not in request.registry["norec.workflows"]:
        raise HTTPNotFound()
    obj = model_factory(model)(request)
    if not may_see(request, obj):
        raise HTTPNotFound()  # the same as no such record: neither state nor existence leaks
    return obj


# Entering the view needs only "view": each transition checks its own permission on the
# object, and refuses with a reason.
@view_config(
    route_name="workflow.transition",
    request_method="POST",
    renderer="norec_core:templates/workflow_error.pt",
    permission=VIEW,
)
def take_transition(request):
    obj = request.context
    back = safe_redirect_target(request, request.POST.get("came_from"))
    try:
        entry = transition(
            request, obj, request.POST.get("transition", ""), request.POST.get("comment", "")
        )
    except WorkflowError as error:
        request.response.status = error.status
        # Nothing is changed; the user's comment is shown again so it is not lost.
        return {
            "page_title": _("The step was not taken"),
            "message": error.message,
            "back": back,
            "comment": request.POST.get("comment", ""),
        }
    flash(request, _("Done: ${state}.", mapping={"state": _state_title(request, obj, entry)}))
    return HTTPFound(back)


def _state_title(request, obj, entry):
    workflow = request.registry["norec.workflows"][type(obj)]
    return request.localizer.translate(workflow.state(entry.to_state).title)
