"""Workflows: permission-guarded transitions, guards, required reasons, history, audit."""

import re

import pytest
from sqlalchemy import insert, inspect, select

from norec_core.accounts.users import save_user
from norec_core.audit.models import AuditEvent
from norec_core.contributions import State, Transition, Workflow
from norec_core.domain.models import Partnership
from norec_core.plugins import PluginError, make_plugin_manager, workflows
from norec_core.testing import USER_PASSWORD
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


def _notes_about(db_session, person, states):
    from norec_notes.models import Note

    notes = [Note(person=person, text=f"{state} note", state=state) for state in states]
    db_session.add_all(notes)
    db_session.flush()
    return notes


def test_a_state_decides_who_holds_a_permission_on_the_page_and_in_lists(
    testapp, db_session, make_person, make_user
):
    """The example plugin's notes: the person a note is about reads it while it is open,
    note takers always; lists show each user exactly what the pages let them open."""
    member = make_user(person=make_person())
    mine_open, mine_done = _notes_about(db_session, member.person, ["open", "done"])
    [other_open] = _notes_about(db_session, make_person(), ["open"])
    testapp.login(member.email, USER_PASSWORD)
    testapp.get(f"/notes/{mine_open.id}", status=200)
    testapp.get(f"/notes/{mine_done.id}", status=403)
    testapp.get(f"/notes/{other_open.id}", status=403)
    listed = testapp.get("/notes/list").text
    assert "open note" in listed and "done note" not in listed
    assert re.findall(r'href="/notes/(\d+)"', listed) == [str(mine_open.id)]

    testapp.reset()
    taker = make_user(roles=["notetaker"])
    testapp.login(taker.email, USER_PASSWORD)
    testapp.get(f"/notes/{mine_done.id}", status=200)
    assert len(re.findall(r'href="/notes/\d+"', testapp.get("/notes/list").text)) == 3


STATES = ("open", "done")


def test_a_filtered_list_costs_the_same_queries_for_10_and_5000_records(
    testapp, db_session, make_person, make_user, query_counter
):
    from norec_notes.models import Note

    member = make_user(person=make_person())
    testapp.login(member.email, USER_PASSWORD)
    counts = []
    for total in (10, 5000):
        people = [member.person, make_person()]
        db_session.execute(
            insert(Note),
            [
                {
                    "person_id": people[n % 2].id,
                    "text": f"n{n}",
                    "state": ("open", "done")[n % 3 == 0],
                }
                for n in range(total)
            ],
        )
        db_session.flush()
        query_counter.reset()
        page = testapp.get("/notes/list")
        counts.append(query_counter.count)
        assert "note" in page.text
    assert counts[0] == counts[1], counts


def test_steps_taken_elsewhere_become_the_history(db_session, make_partnership, admin_app):
    import datetime

    from norec_core import import_history
    from norec_core.domain.partnership_workflow import PARTNERSHIP

    partnership = make_partnership(state="proposed")
    day = datetime.datetime(2024, 3, 1, 12, tzinfo=datetime.UTC)
    steps = [
        ("approve", day, "old-system@example.org", ""),
        ("end", day + datetime.timedelta(days=400), "old-system@example.org", "Done."),
    ]
    import_history(db_session, partnership, PARTNERSHIP, steps)
    assert partnership.state == "ended"
    page = admin_app.get(f"/partnerships/{partnership.id}")
    assert "old-system@example.org" in page.text and "«Done.»" in page.text
    with pytest.raises(ValueError, match="'approve' cannot be taken from 'ended'"):
        import_history(db_session, partnership, PARTNERSHIP, [steps[0]])
