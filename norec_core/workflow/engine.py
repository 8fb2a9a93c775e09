"""Running workflows: which transitions a user may take now, and taking one."""

from __future__ import annotations

from dataclasses import dataclass

from pyramid.request import Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from norec_core.audit.recorder import actor_of, record_audit
from norec_core.contributions import Transition, Workflow
from norec_core.i18n import _
from norec_core.resources import resource_key
from norec_core.workflow.models import WorkflowHistory


class WorkflowError(Exception):
    """A transition that cannot be taken; `message` says why (translatable)."""

    def __init__(self, message, status: int = 409):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Option:
    """A transition from the current state that the user holds the permission for;
    `refused` is the guard's reason when it cannot be taken now."""

    transition: Transition
    refused: object = None


def workflow_for(request: Request, obj) -> Workflow | None:
    return request.registry["norec.workflows"].get(type(obj))


def may_see(request: Request, obj) -> bool:
    """Whether the user may see `obj` and so learn its state from its workflow."""
    workflow = workflow_for(request, obj)
    return workflow is not None and bool(request.has_permission(workflow.read_permission, obj))


def options(request: Request, obj) -> list[Option]:
    workflow = workflow_for(request, obj)
    if workflow is None:
        return []
    state = getattr(obj, workflow.attribute)
    found = []
    for t in workflow.transitions:
        if state in t.sources and request.has_permission(t.permission, obj):
            found.append(Option(t, t.guard(request, obj) if t.guard else None))
    return found


def transition(request: Request, obj, name: str, comment: str = "") -> WorkflowHistory:
    """Take the transition `name` on `obj`, or raise WorkflowError and change nothing."""
    workflow = workflow_for(request, obj)
    if workflow is None:
        raise WorkflowError(_("This record has no workflow."), 404)
    t = workflow.transition(name)
    if t is None:
        raise WorkflowError(_("There is no such step."), 400)
    state = getattr(obj, workflow.attribute)
    if state not in t.sources:
        raise WorkflowError(
            _(
                "“${step}” cannot be taken from the state “${state}”.",
                mapping={"step": t.title, "state": workflow.state(state).title},
            )
        )
    if not request.has_permission(t.permission, obj):
        raise WorkflowError(_("You may not take this step."), 403)
    if t.guard is not None:
        refused = t.guard(request, obj)
        if refused:
            raise WorkflowError(refused)
    comment = (comment or "").strip()
    if t.comment_required and not comment:
        raise WorkflowError(_("This step needs a comment that gives the reason."), 422)
    session = request.dbsession
    setattr(obj, workflow.attribute, t.target)
    actor_id, actor = actor_of(session)
    entry = _step(obj, workflow, t, state, actor, comment, actor_id=actor_id)
    session.add(entry)
    session.flush()
    record_audit(session, "transition", obj, {workflow.attribute: [state, t.target]}, comment)
    # The step's own effects, then everyone's: in this transaction, whichever route took it.
    if t.after is not None:
        t.after(request, obj, entry)
    request.pm.hook.norec_transition_done(request=request, workflow=workflow, obj=obj, entry=entry)
    return entry


def _step(obj, workflow: Workflow, t: Transition, state: str, actor: str, comment: str, **kw):
    resource_type, resource_id = resource_key(obj)
    return WorkflowHistory(
        resource_type=resource_type,
        resource_id=resource_id,
        workflow=workflow.name,
        transition=t.name,
        from_state=state,
        to_state=t.target,
        actor=actor,
        comment=comment,
        **kw,
    )


def workflow_history(request: Request, obj) -> list[WorkflowHistory]:
    """The steps taken on `obj`, oldest first: from and to which state, by whom, when
    and with what comment."""
    resource_type, resource_id = resource_key(obj)
    return list(
        request.dbsession.scalars(
            select(WorkflowHistory)
            .where(
                WorkflowHistory.resource_type == resource_type,
                WorkflowHistory.resource_id == resource_id,
            )
            .order_by(WorkflowHistory.id.desc())
        )
    )


def import_history(session: Session, obj, workflow: Workflow, steps) -> None:
    """Record steps taken elsewhere (in the system a case comes from, or in demonstration
    data) as the history of `obj`, and leave it in the last step's state.

    `steps` are `(transition name, when, who, comment)` in order, following the workflow
    from the record's current state; a step the workflow does not allow from there is a
    ValueError. No permission, guard or effect runs: these steps have been taken.
    """
    session.flush()  # the record's id names its history, and a new one gets its first state
    state = getattr(obj, workflow.attribute)
    for name, at, actor, comment in steps:
        t = workflow.transition(name)
        if t is None or state not in t.sources:
            raise ValueError(f"{workflow.name}: {name!r} cannot be taken from {state!r}")
        session.add(_step(obj, workflow, t, state, actor, comment, at=at))
        state = t.target
    setattr(obj, workflow.attribute, state)
    session.flush()
