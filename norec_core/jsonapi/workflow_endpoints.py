"""The API of any record with a workflow: its state, the steps open to the caller and its
history, and taking a step, with the same checks as the workflow panel on its page."""

from __future__ import annotations

from typing import Any

import colander
from pyramid.httpexceptions import HTTPNotFound

from norec_core.contributions import ApiEndpoint
from norec_core.domain.serialisation import fields_json
from norec_core.security import ACCOUNT, VIEW
from norec_core.workflow import engine

_S = {"type": "string"}


class TransitionSchema(colander.MappingSchema):
    transition = colander.SchemaNode(colander.String(), title="The step to take")
    comment = colander.SchemaNode(colander.String(), title="The reason", missing="")


def _history_json(request, obj) -> dict[str, Any]:
    workflow = engine.workflow_for(request, obj)
    return {
        "state": getattr(obj, workflow.attribute),
        "steps_open": [
            {"transition": o.transition.name, "refused": request.localizer.translate(o.refused)}
            if o.refused
            else {"transition": o.transition.name}
            for o in engine.options(request, obj)
        ],
        "history": [
            fields_json(h, ("transition", "from_state", "to_state", "actor", "at", "comment"))
            for h in engine.workflow_history(request, obj)
        ],
    }


def _seen(request) -> None:
    """404, as for no such record, to a caller who may not see this one (see Workflow)."""
    if not engine.may_see(request, request.context):
        raise HTTPNotFound()


def workflow_endpoints(name: str, model: type) -> list[ApiEndpoint]:
    """The state and history of a record with a workflow, and taking a step on it."""

    def status_view(request, _data):
        _seen(request)
        return _history_json(request, request.context)

    def step_view(request, data):
        _seen(request)
        try:
            engine.transition(request, request.context, data["transition"], data["comment"])
        except engine.WorkflowError as error:
            request.response.status = error.status
            return {"error": request.localizer.translate(error.message)}
        return _history_json(request, request.context)

    status = {
        "type": "object",
        "properties": {"state": _S, "steps_open": {"type": "array"}, "history": {"type": "array"}},
    }
    path = f"/{name}/{{id}}/workflow"
    return [
        ApiEndpoint(
            f"{name}.workflow",
            path,
            "GET",
            VIEW,
            "State, open steps and history",
            status_view,
            model=model,
            response_schema=status,
        ),
        # Any logged-in user may ask; the step checks its own permission, as on the page.
        ApiEndpoint(
            f"{name}.step",
            path,
            "POST",
            ACCOUNT,
            "Take a workflow step",
            step_view,
            model=model,
            request_schema=TransitionSchema,
            response_schema=status,
        ),
    ]
