"""The main navigation: the core's entries as links, a plugin's several as one menu, so
that the bar keeps to one row (tests/test_browser.py measures it in Chromium)."""

import pytest

pytestmark = [pytest.mark.norec_backends("sqlite"), pytest.mark.bundle]


def _nav(page):
    return page.html.find("nav", attrs={"aria-label": "Main"})


def test_a_plugins_several_entries_are_one_menu_and_the_cores_are_links(admin_app):
    nav = _nav(admin_app.get("/"))
    menus = {d.summary.text.strip(): [a["href"] for a in d.find_all("a")] for d in nav("details")}
    assert menus["Norec Network"][0] == "/network/"
    assert "/network/directory" in menus["Norec Network"]
    top = [a["href"] for a in nav.select(":scope > ul > li > a")]
    assert {"/people", "/organisations", "/activities", "/grants/"} <= set(top)
    assert len(top) + len(menus) <= 11


def test_the_menu_of_the_page_shown_is_marked(admin_app):
    nav = _nav(admin_app.get("/network/directory"))
    (menu,) = [d for d in nav("details") if "active" in d.summary["class"]]
    assert menu.find("a", attrs={"aria-current": "page"})["href"] == "/network/directory"
    # A page of the plugin outside its menu marks the menu too.
    nav = _nav(admin_app.get("/network/profile", status="*"))
    assert [d.summary.text.strip() for d in nav("details") if "active" in d.summary["class"]] == [
        "Norec Network"
    ]
