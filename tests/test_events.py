"""Events between plugins: workflow steps, completed exchanges, merged people, digest
items and named facts. Plugins cooperate through these without importing each other."""

import datetime
import types

import pytest
from pyramid.scripting import prepare
from sqlalchemy import func, select, update

from norec_core import (
    Exchange,
    JobType,
    MergeError,
    Partnership,
    Person,
    PersonFact,
    ScheduledTask,
    digest_items,
    enqueue_job,
    exchange_completed,
    hookimpl,
    merge_people,
    person_fact,
    register,
    transition,
)
from norec_core.accounts.users import save_user
from norec_core.domain.merging import person_references
from norec_core.jsonapi import tokens as api_tokens
from norec_core.plugins import PluginError, person_facts
from norec_core.security import grant_local_role
from norec_core.tasks.models import Job
from norec_core.testing import run_due
from norec_core.workflow.models import WorkflowHistory
from norec_notes.models import Nickname, Note

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")


@pytest.fixture
def listener(app):
    """A plugin registered while the test runs, that notes each workflow step."""
    seen = []
    plugin = types.SimpleNamespace(
        norec_transition_done=hookimpl(
            lambda request, workflow, obj, entry: seen.append(
                (workflow.name, obj.id, entry.from_state, entry.to_state, entry.comment)
            )
        )
    )
    pm = app.registry["norec.pm"]
    pm.register(plugin, name="listener")
    yield seen
    pm.unregister(plugin)


def test_a_scheduled_task_and_a_job_take_steps_as_the_platform_with_the_same_effects(
    app, db_session, make_partnership, listener
):
    by_task, by_job = make_partnership(), make_partnership()
    ids = {"task": by_task.id, "job": by_job.id}

    def approve(request, which):
        partnership = request.dbsession.get(Partnership, ids[which])
        transition(request, partnership, "approve", f"approved by the {which}")

    registry = app.registry
    tasks, registry["norec.scheduled_tasks"] = (
        registry["norec.scheduled_tasks"],
        [ScheduledTask("demo.approve", lambda request: approve(request, "task"))],
    )
    registry["norec.job_types"]["demo.approve"] = JobType(
        "demo.approve", "Approve", lambda job: approve(job.request, "job")
    )
    try:
        assert run_due(registry, datetime.datetime(2027, 1, 11, 9, 0, tzinfo=datetime.UTC)) == [
            "demo.approve"
        ]
        env = prepare(registry=registry)
        with env["request"].tm:
            job_id = enqueue_job(env["request"], "demo.approve").id  # started by nobody
        env["closer"]()
    finally:
        registry["norec.scheduled_tasks"] = tasks
        del registry["norec.job_types"]["demo.approve"]
    assert db_session.get(Job, job_id).status == "done"
    db_session.expire_all()
    assert (by_task.state, by_job.state) == ("approved", "approved")
    # Every plugin heard of both steps, and the history names who took them.
    assert [entry[1:] for entry in listener] == [
        (by_task.id, "proposed", "approved", "approved by the task"),
        (by_job.id, "proposed", "approved", "approved by the job"),
    ]
    actors = db_session.scalars(
        select(WorkflowHistory.actor)
        .order_by(WorkflowHistory.id)
        .where(
            WorkflowHistory.resource_id.in_([by_task.id, by_job.id]),
            WorkflowHistory.resource_type == "partnership",
        )
    ).all()
    assert actors == ["scheduled task demo.approve", "job demo.approve"]


def test_a_step_taken_by_form_or_by_api_has_the_same_effects(
    admin_app, testapp, db_session, make_partnership, listener
):
    by_form, by_api = make_partnership(), make_partnership()
    page = admin_app.get(f"/partnerships/{by_form.id}")
    [form] = [f for f in page.forms.values() if "/workflow/" in f.action]
    form["comment"] = "No budget."
    form.submit("transition", value="reject")
    user = save_user(db_session, "cw@events.example.org", "cw-password-1", roles=["caseworker"])
    token = api_tokens.create(db_session, user, "t")[1]
    testapp.post_json(
        f"/api/v1/partnerships/{by_api.id}/workflow",
        {"transition": "reject", "comment": "No budget."},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert listener == [
        ("partnership", by_form.id, "proposed", "rejected", "No budget."),
        ("partnership", by_api.id, "proposed", "rejected", "No budget."),
    ]


def test_a_transition_s_own_effect_runs_after_the_state_is_stored(
    admin_app, db_session, make_person, mail
):
    note = Note(person=make_person(email="amina@events.example.org"), text="Call back")
    db_session.add(note)
    db_session.flush()
    page = admin_app.get(f"/notes/{note.id}")
    [form] = [f for f in page.forms.values() if "/workflow/" in f.action]
    form.submit("transition", value="close")
    [message] = mail.messages
    assert (
        message["To"] == "amina@events.example.org" and "Done: Call back" in message.get_content()
    )


def test_a_completed_exchange_reaches_the_other_plugins(
    app_request, db_session, make_person, make_organisation
):
    person = make_person()
    exchange = Exchange(
        person=person,
        sending_organisation=make_organisation(country="NO"),
        receiving_organisation=make_organisation(country="KE"),
        country="KE",
        starts_on=datetime.date(2026, 1, 10),
        ends_on=datetime.date(2026, 10, 30),
    )
    exchange_completed(app_request, exchange)
    notes = db_session.scalars(select(Note.text).where(Note.person_id == person.id)).all()
    assert notes == ["Exchange to KE completed 2026-10-30."]


def _references(db_session, person_id) -> dict[str, int]:
    return {
        table.name: db_session.scalar(
            select(func.count()).select_from(table).where(table.c[column] == person_id)
        )
        for table, column in person_references()
    }


def test_merging_people_moves_every_row_in_the_core_and_the_plugins(
    app_request, db_session, make_person, make_activity, make_user
):
    kept = make_person(email="kari@events.example.org", city=None, languages=["no"])
    merged = make_person(email=None, city="Bergen", languages=["no", "en"])
    both, other = make_activity(), make_activity()
    for activity in (both, other):
        register(db_session, activity, merged)
    register(db_session, both, kept)
    account = make_user()
    account.person = merged
    adviser = make_user(roles=["network_adviser"])
    grant_local_role(db_session, adviser, merged, "owner")
    db_session.add(Note(person=merged, text="about the duplicate"))
    db_session.add(Nickname(person_id=merged.id, nickname="K"))
    db_session.flush()
    before = {
        name: n + _references(db_session, kept.id)[name]
        for name, n in _references(db_session, merged.id).items()
    }
    assert {"notes_note", "notes_nickname", "registration", "user_account"} <= {
        name for name, n in before.items() if n
    }

    merged_id = merged.id
    merge_people(app_request, kept, merged)

    assert db_session.get(Person, merged_id) is None
    assert set(_references(db_session, merged_id).values()) == {0}
    after = _references(db_session, kept.id)
    # Every row moved; where both had one (a seat at the same activity, a language both
    # speak), the kept record's stands.
    assert after == {**before, "registration": 2, "person_language": 2}
    assert kept.city == "Bergen" and kept.email == "kari@events.example.org"
    assert account.person_id == kept.id
    assert db_session.get(Nickname, kept.id).nickname == "K"


def test_a_merge_that_would_lose_rows_is_refused(app_request, app, db_session, make_person):
    kept, merged = make_person(), make_person()
    db_session.add(Note(person=merged, text="kept safe"))
    db_session.flush()
    pm = app.registry["norec.pm"]
    notes_plugin = pm.get_plugin("notes")
    pm.unregister(notes_plugin)  # a plugin that forgot to re-point its rows
    try:
        with pytest.raises(MergeError, match="rows of notes_note still name the merged person"):
            merge_people(app_request, kept, merged)
    finally:
        pm.register(notes_plugin, name="notes")


def test_an_administrator_merges_a_duplicate_on_the_person_page(admin_app, db_session, make_person):
    kept, merged = make_person(family_name="Haugen"), make_person(family_name="Haugen")
    merged_id = merged.id
    form = admin_app.get(f"/people/{kept.id}").click("Merge a duplicate").forms["norec-form"]
    for number in (str(kept.id), "99999999999999999999", "2147483648"):
        form["merged_id"] = number
        assert "another person" in form.submit("submit", status=422).text
    form["merged_id"] = str(merged_id)
    page = form.submit("submit").follow()
    assert "is merged into this record" in page.text
    db_session.expunge_all()
    assert db_session.scalar(select(Person).where(Person.id == merged_id)) is None


def test_digest_items_come_from_every_plugin_newest_first(app_request, make_activity):
    week_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=7)
    soon = make_activity(title="Alumni gathering", starts_at=week_ago + datetime.timedelta(days=40))
    now = datetime.datetime.now(datetime.UTC)
    items = digest_items(app_request, week_ago, now, "members", "nb")
    [item] = [i for i in items if i.title == "Alumni gathering"]
    assert item.url == f"http://localhost/activities/{soon.id}"
    with pytest.raises(ValueError, match="audience"):
        digest_items(app_request, now, now, "everyone", "nb")


def test_named_facts_make_a_segment_of_one_query(
    app_request, db_session, make_person, make_activity, query_counter
):
    people = [make_person() for _ in range(30)]
    course = make_activity(kind="course")
    for person in people[:20]:
        register(db_session, course, person)
    db_session.add_all(Note(person=p, text="open") for p in people[10:])
    db_session.flush()
    segment = select(Person.id).where(
        person_fact(app_request, "core.registered", kind="course"),
        person_fact(app_request, "notes.open"),
    )
    query_counter.reset()
    found = db_session.scalars(segment).all()
    assert sorted(found) == sorted(p.id for p in people[10:20])
    assert query_counter.count == 1


def test_a_fact_declared_twice_stops_start_up(app):
    from norec_core.plugins import make_plugin_manager

    twice = types.ModuleType("twice")
    twice.norec_person_facts = hookimpl(lambda: [PersonFact("core.has_account", "x", print)])

    class Installed:
        value, dist = "twice", None

        def load(self):
            return twice

    pm = make_plugin_manager({}, {"twice": Installed()})
    with pytest.raises(PluginError, match="person fact 'core.has_account'"):
        person_facts(pm)


def test_an_action_link_acts_once_when_its_holder_confirms_it(
    app_request, testapp, db_session, make_person
):
    from norec_core import action_link
    from norec_core.audit.models import AuditEvent
    from norec_core.domain.models import ActionLink

    person = make_person()
    url = action_link(app_request, "notes.confirm", person=person)
    assert url.startswith("http://localhost/act/")
    path = url.removeprefix("http://localhost")
    page = testapp.get(path)  # opening it (as a mail scanner does) changes nothing
    assert "Are the notes about you right?" in page.text
    assert db_session.scalar(select(Note).where(Note.person_id == person.id)) is None
    done = page.forms["action"].submit("submit")
    assert "the notes about you are confirmed" in done.text
    [note] = db_session.scalars(select(Note).where(Note.person_id == person.id)).all()
    assert note.text == "The person confirmed the notes."
    link = db_session.scalar(select(ActionLink).where(ActionLink.person_id == person.id))
    assert link.used_at is not None
    assert db_session.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "action_link", AuditEvent.resource_id == person.id
        )
    )
    assert "does not work" in testapp.get(path, status=404).text  # once only

    expired = action_link(app_request, "notes.confirm", email="someone@example.org")
    db_session.execute(update(ActionLink).values(expires_at=datetime.datetime(2000, 1, 1)))
    testapp.get(expired.removeprefix("http://localhost"), status=404)
    testapp.get("/act/forged-token", status=404)
    with pytest.raises(LookupError):
        action_link(app_request, "no.such.purpose", person=person)


def test_opening_an_action_link_is_told_to_the_plugins(app, app_request, testapp, make_person):
    from norec_core import action_link, hookimpl

    class Listener:
        def __init__(self):
            self.opened = []

        @hookimpl
        def norec_action_link_opened(self, request, purpose, data, person):
            self.opened.append((purpose, data, person.id if person else None))

    person = make_person()
    url = action_link(app_request, "notes.confirm", person=person, data={"wave": 7})
    listener = Listener()
    app.registry["norec.pm"].register(listener)
    try:
        page = testapp.get(url.removeprefix("http://localhost"))
        page.forms["action"].submit("submit")  # confirming is not opening again
        testapp.get("/act/forged-token", status=404)  # a link that does not work: nothing
    finally:
        app.registry["norec.pm"].unregister(listener)
    assert listener.opened == [("notes.confirm", {"wave": 7}, person.id)]


def test_a_link_whose_purpose_finishes_later_stays_good_until_it_is_spent(
    app, app_request, testapp, db_session, make_person, monkeypatch
):
    from norec_core import ActionPurpose, action_link, spend_action_link
    from norec_core.domain.models import ActionLink

    purposes = {**app.registry["norec.action_purposes"]}
    purposes["test.later"] = ActionPurpose(
        "test.later",
        "Later",
        "Go on?",
        lambda request, link: "Go on to the form.",
        finished_later=True,
    )
    monkeypatch.setitem(app.registry, "norec.action_purposes", purposes)
    person = make_person()
    path = action_link(app_request, "test.later", person=person).removeprefix("http://localhost")
    for _again in range(2):  # a tab closed after "Confirm" comes back by the same link
        assert "Go on to the form." in testapp.get(path).forms["action"].submit("submit").text
    link = db_session.scalar(select(ActionLink).where(ActionLink.person_id == person.id))
    spend_action_link(app_request, link.id)
    db_session.flush()
    testapp.get(path, status=404)
