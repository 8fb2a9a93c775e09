"""Workflows: permission-guarded transitions, guards, required reasons, history, audit."""

import pytest
from sqlalchemy import inspect, select

from norec_core.accounts.users import save_user
from norec_core.audit.models import AuditEvent
from norec_core.contributions import State, Transition, Workflow
from norec_core.domain.models import Partnership
from norec_core.plugins import PluginError, make_plugin_manager, workflows
from norec_core.workflow.models import WorkflowHistory


def _as(testapp, db_session, role):
    save_user(db_session, f"{role}@wf.example.org", "workflow-pass", roles=[role])
    testapp.login(f"{role}@wf.example.org", "workflow-pass")


def _step(testapp, partnership, transition, comment="", status=302):
    return testapp.post(
        f"/workflow/partnership/{partnership.id}",
        {
            "csrf_token": testapp.csrf_token(),
            "transition": transition,
            "comment": comment,
            "came_from": f"/partnerships/{partnership.id}",
        },
        status=status,
    )


def _history(db_session, partnership):
    return db_session.scalars(
        select(WorkflowHistory)
        .where(WorkflowHistory.resource_id == partnership.id)
        .order_by(WorkflowHistory.id)
    ).all()


def test_a_caseworker_sees_and_takes_the_steps_open_now(testapp, db_session, make_partnership):
    partnership = make_partnership()
    assert partnership.state == "proposed"
    _as(testapp, db_session, "caseworker")
    page = testapp.get(f"/partnerships/{partnership.id}")
    buttons = [b["value"] for b in page.html.select("button[name=transition]")]
    assert buttons == ["approve", "reject"]
    assert "Required for: Reject" in page.text

    page = _step(testapp, partnership, "approve").follow()
    assert "Done: Approved." in page.text
    db_session.refresh(partnership)
    assert partnership.state == "approved"
    (entry,) = _history(db_session, partnership)
    assert (entry.from_state, entry.to_state, entry.actor) == (
        "proposed",
        "approved",
        "caseworker@wf.example.org",
    )
    assert [b["value"] for b in page.html.select("button[name=transition]")] == ["end"]
    assert "Proposed → Approved" in page.text
    event = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "transition"))
    assert event.changes == {"state": ["proposed", "approved"]}


def test_a_rejection_needs_a_reason(testapp, db_session, make_partnership):
    partnership = make_partnership()
    _as(testapp, db_session, "caseworker")
    page = _step(testapp, partnership, "reject", "  ", status=422)
    assert "This step needs a comment that gives the reason." in page.text
    assert "Nothing has been changed." in page.text
    db_session.refresh(partnership)
    assert partnership.state == "proposed" and _history(db_session, partnership) == []

    _step(testapp, partnership, "reject", "The budget has no travel costs.")
    db_session.refresh(partnership)
    assert partnership.state == "rejected"
    assert _history(db_session, partnership)[0].comment == "The budget has no travel costs."
    assert "The budget has no travel costs." in testapp.get(f"/partnerships/{partnership.id}")


def test_illegal_and_unknown_steps_change_nothing(testapp, db_session, make_partnership):
    partnership = make_partnership(state="approved")
    _as(testapp, db_session, "caseworker")
    page = _step(testapp, partnership, "approve", "my reason", status=409)
    assert "cannot be taken from the state “Approved”" in page.text
    assert "my reason" in page.text  # shown again, not lost
    _step(testapp, partnership, "no-such-step", status=400)
    testapp.post("/workflow/organisation/1", {"csrf_token": testapp.csrf_token()}, status=404)
    db_session.refresh(partnership)
    assert partnership.state == "approved" and _history(db_session, partnership) == []


def test_a_step_needs_its_permission(testapp, db_session, make_partnership):
    partnership = make_partnership()
    _as(testapp, db_session, "editor")
    page = testapp.get(f"/partnerships/{partnership.id}")
    assert "Status:" in page.text and not page.html.select("button[name=transition]")
    _step(testapp, partnership, "approve", status=403)
    db_session.refresh(partnership)
    assert partnership.state == "proposed"


def test_a_guard_refuses_with_its_reason(testapp, db_session, make_partnership, make_organisation):
    partnership = make_partnership(
        organisations=[make_organisation(country="NO"), make_organisation(country="NO")]
    )
    _as(testapp, db_session, "caseworker")
    page = testapp.get(f"/partnerships/{partnership.id}")
    approve = page.html.select_one("button[value=approve]")
    assert approve.has_attr("disabled")
    reason = page.html.select_one("#" + approve["aria-describedby"]).text
    assert "organisations in at least two countries" in reason
    page = _step(testapp, partnership, "approve", status=409)
    assert "organisations in at least two countries" in page.text


def test_new_objects_start_in_their_workflows_initial_state(app):
    for model, workflow in app.registry["norec.workflows"].items():
        column = inspect(model).columns[workflow.attribute]
        assert column.default.arg == workflow.initial, model


def _plugin_with(workflow_list):
    from tests.test_plugins import _Installed, _plugin

    return _Installed(_plugin("wf", norec_workflows=lambda: workflow_list))


def test_workflows_are_checked_at_start_up():
    broken = Workflow(
        "broken",
        Partnership,
        (State("a", "A"),),
        (Transition("go", "Go", ("a",), "nowhere", "view"),),
        "a",
    )
    pm = make_plugin_manager({}, {"wf": _plugin_with([broken])})
    with pytest.raises(PluginError, match="unknown state"):
        workflows(pm)
    twice = Workflow("twice", Partnership, (State("a", "A"),), (), "a")
    pm = make_plugin_manager({}, {"wf": _plugin_with([twice])})
    with pytest.raises(PluginError, match="two workflows for Partnership"):
        workflows(pm)
