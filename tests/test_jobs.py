"""Jobs run on the task queue after the commit, report progress, and fail visibly."""

import datetime
import zoneinfo

import pytest
from pyramid.scripting import prepare
from sqlalchemy import select
from sqlalchemy.orm import Session
from zope.interface.verify import verifyObject

from norec_core import ScheduledTask, migrate
from norec_core.app import main
from norec_core.interfaces import ITaskQueue
from norec_core.tasks.jobs import enqueue_job
from norec_core.tasks.models import Job, ScheduledRun
from norec_core.tasks.queue import HueyTaskQueue, make_huey
from norec_core.tasks.schedule import is_due, run_due
from norec_notes.models import Note


def _enqueue(app, **params):
    env = prepare(registry=app.registry)
    request = env["request"]
    with request.tm:
        job_id = enqueue_job(request, "notes.tally", **params).id
    env["closer"]()
    return job_id


def test_the_queue_provides_the_interface(app, tmp_path):
    for url in ("immediate", f"sqlite:///{tmp_path}/queue.sqlite"):
        assert verifyObject(ITaskQueue, HueyTaskQueue(make_huey(url), app.registry))


def test_a_job_runs_after_commit_and_reports_progress(app, db_session, make_person):
    person = make_person()
    db_session.add_all([Note(person=person, text=f"note {n}") for n in range(3)])
    db_session.flush()
    job = db_session.get(Job, _enqueue(app))
    assert (job.status, job.done, job.total, job.message) == ("done", 3, 3, "3 notes")
    assert job.started_at <= job.finished_at
    assert db_session.scalar(select(Note).where(Note.text == "written by the tally job"))


def test_a_failing_job_is_marked_failed_and_undone(app, db_session, make_person):
    make_person()
    job = db_session.get(Job, _enqueue(app, fail=True))
    assert (job.status, job.message) == ("failed", "the tally failed on purpose")
    assert db_session.scalar(select(Note).where(Note.text == "written by the tally job")) is None


def test_a_rolled_back_request_starts_no_job(app, db_session):
    env = prepare(registry=app.registry)
    request = env["request"]
    request.tm.begin()
    enqueue_job(request, "notes.tally")
    request.tm.abort()
    env["closer"]()
    assert db_session.scalars(select(Job)).all() == []


def test_the_sqlite_queue_holds_work_for_the_worker(app, tmp_path, db_session, make_person):
    """With the embedded queue, enqueued work waits in a SQLite file until a worker runs it."""
    make_person()
    queue = HueyTaskQueue(make_huey(f"sqlite:///{tmp_path}/queue.sqlite"), app.registry)
    job = Job(name="notes.tally", params={})
    db_session.add(job)
    db_session.flush()
    queue.run_job(job.id)
    assert queue.huey.pending_count() == 1
    task = queue.huey.dequeue()
    queue.huey.execute(task)
    db_session.refresh(job)
    assert job.status == "done"


def test_only_the_starter_and_administrators_see_a_job(testapp, admin_app, db_session):
    job = Job(name="notes.tally", params={}, status="running", done=5, total=20)
    db_session.add(job)
    db_session.flush()
    page = admin_app.get(f"/jobs/{job.id}")
    assert page.html.select_one("progress")["value"] == "25"
    assert page.html.select_one("[role=status]")
    assert admin_app.get(f"/jobs/{job.id}/status").json["status"] == "running"
    assert "Count the notes" in admin_app.get("/admin/jobs").text


def test_redis_is_one_setting_away(app, redis_url, db_session, make_person):
    """With norec.queue.url = redis://…, the same work waits in Redis for the worker."""
    from norec_core.app import main

    settings = {**app.registry.settings, "norec.queue.url": redis_url}
    settings.pop("norec.pm", None)
    redis_app = main({}, **settings)
    redis_app.registry["norec.db_bind"] = app.registry["norec.db_bind"]
    env = prepare(registry=redis_app.registry)
    queue = env["request"].find_service(ITaskQueue)
    env["closer"]()
    assert type(queue.huey).__name__ == "RedisHuey"
    make_person()
    job = Job(name="notes.tally", params={})
    db_session.add(job)
    db_session.flush()
    queue.run_job(job.id)
    assert queue.huey.pending_count() == 1
    queue.huey.execute(queue.huey.dequeue())
    db_session.refresh(job)
    assert job.status == "done"


def test_a_schedule_is_read_in_utc_whatever_the_moment_s_zone():
    weekly = ScheduledTask("weekly", print, minute="0", hour="7", day_of_week="1")
    oslo = zoneinfo.ZoneInfo("Europe/Oslo")
    assert is_due(weekly, datetime.datetime(2027, 1, 11, 8, 0, tzinfo=oslo))  # 07:00 UTC
    assert not is_due(weekly, datetime.datetime(2027, 1, 11, 7, 0, tzinfo=oslo))
    assert not is_due(weekly, datetime.datetime(2027, 1, 12, 7, 0, tzinfo=datetime.UTC))
    quarterly = ScheduledTask("quarter", print, minute="*/15")
    assert is_due(quarterly, datetime.datetime(2027, 1, 12, 13, 45, tzinfo=datetime.UTC))


def test_a_failing_scheduled_task_is_undone_and_the_others_still_run(
    app, db_session, make_person, caplog
):
    person_id = make_person().id

    def write(text, fail=False):
        def run(request):
            request.dbsession.add(Note(person_id=person_id, text=text))
            if fail:
                raise RuntimeError("on purpose")

        return run

    tasks = [ScheduledTask("a", write("from a", fail=True)), ScheduledTask("b", write("from b"))]
    registry = app.registry
    saved, registry["norec.scheduled_tasks"] = registry["norec.scheduled_tasks"], tasks
    try:
        done = run_due(registry, datetime.datetime(2027, 1, 11, 9, 0, tzinfo=datetime.UTC))
    finally:
        registry["norec.scheduled_tasks"] = saved
    assert done == ["b"]
    assert "scheduled task a failed" in caplog.text
    texts = db_session.scalars(select(Note.text).where(Note.person_id == person_id)).all()
    assert texts == ["from b"]


@pytest.mark.norec_backends("sqlite")
def test_a_scheduled_task_runs_once_a_minute_however_many_workers_find_it_due(
    app_settings, tmp_path
):
    """Each worker's scheduler finds the task due; the claim, committed with the run,
    lets one run it. On a database of its own: the claims must really commit and roll
    back, as in production."""
    settings = {**app_settings, "sqlalchemy.url": f"sqlite:///{tmp_path / 'runs.sqlite'}"}
    migrate.upgrade(settings)
    registry = main({}, **settings).registry
    attempts = []

    def work(request):
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("the first worker fails")

    registry["norec.scheduled_tasks"] = [ScheduledTask("once", work)]
    minute = datetime.datetime(2027, 1, 11, 9, 0, tzinfo=datetime.UTC)
    # A failed run leaves the minute to the next worker; a run that succeeded, to none.
    assert run_due(registry, minute) == []
    assert run_due(registry, minute + datetime.timedelta(seconds=20)) == ["once"]
    assert run_due(registry, minute + datetime.timedelta(seconds=40)) == []
    assert run_due(registry, minute + datetime.timedelta(hours=1)) == ["once"]  # hourly
    assert len(attempts) == 3
    with Session(registry["norec.db_engine"]) as session:
        claimed = session.scalars(select(ScheduledRun.due_at).order_by(ScheduledRun.due_at))
        assert list(claimed) == [minute, minute + datetime.timedelta(hours=1)]
