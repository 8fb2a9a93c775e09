"""The front page: a dashboard of what is asked of a user now, or, for a visitor, what
the platform offers and the way to its public parts."""

import types

import pytest

from norec_core import Task, hookimpl
from norec_core.testing import USER_PASSWORD

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")


def test_a_visitor_learns_what_the_platform_offers(testapp):
    page = testapp.get("/")
    assert "Log in or register to take part yourself." in page.text
    links = {a.text for a in page.html.select("main a")}
    assert {"Activities", "Organisations", "Register"} <= links
    assert "Asked of you now" not in page.text
    # The agency's name once in the window's title, not its full name and again its short.
    assert page.html.title.text == "Front page – Norec"


def test_a_user_sees_every_plugin_s_tasks_most_urgent_first(
    app, testapp, db_session, make_partnership, make_user
):
    import datetime

    make_partnership()  # proposed: waits for a caseworker's decision
    soon = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    plugin = types.SimpleNamespace(
        norec_tasks=hookimpl(
            lambda request: [
                Task("Write the minutes", "/minutes"),
                Task("Reports due", "/reports", 2, due=soon),
                Task("Archive the files", "/files"),
            ]
        )
    )
    pm = app.registry["norec.pm"]
    pm.register(plugin, name="reports")
    try:
        caseworker = make_user(roles=["caseworker"])
        testapp.login(caseworker.email, USER_PASSWORD)
        page = testapp.get("/")
    finally:
        pm.unregister(plugin)
    section = page.html.find(id="tasks-heading").find_parent("section")
    items = [li.a.text for li in section.find_all("li")]
    # The dated first; the others as each plugin orders its work, not by their titles.
    assert items == [
        "Reports due",
        "Write the minutes",
        "Archive the files",
        "Partnerships waiting for a decision",
    ]
    assert "Log in or register" not in page.text


def test_a_users_front_page_leads_with_what_is_asked_of_them(testapp, make_user):
    user = make_user()
    testapp.login(user.email, USER_PASSWORD)
    main = testapp.get("/").html.find("main")
    first = main.find(["section", "form"])
    assert first.name == "section" and first.h2.text == "Asked of you now"
    assert "Nothing is asked of you now." in first.text
