"""The plugin's place on the site: its navigation, its overview and its course kinds."""

from __future__ import annotations


def test_navigation_and_overview(testapp, open_call, closed_call):
    assert testapp.get("/").html.find("nav").find("a", href="/grants/").text == "Grants"
    overview = testapp.get("/grants/")
    open_section = overview.html.find(id="open-heading").parent
    assert open_section.find("a", href=f"/grants/calls/{open_call.id}") is not None
    closed_section = overview.html.find(id="closed-heading").parent
    assert closed_section.find("a", href=f"/grants/calls/{closed_call.id}") is not None


def test_course_kinds_are_registered(app):
    kinds = app.registry["norec.activity_kinds"]
    assert kinds["pre_departure_course"].title == "Pre-departure course"
    assert {"homecoming_course", "leaders_course"} <= set(kinds)
