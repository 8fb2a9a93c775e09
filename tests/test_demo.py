"""The demo data of the core and of every enabled plugin loads and shows a working
agency: hundreds of records, in every state."""

import re

import pytest

from norec_core.testing import demo_browser


def _total(page) -> int:
    return int(re.search(r"of (\d+)", page.html.select_one("[role=status]").text).group(1))


# The run's copy of the whole demo; the form fuzzer loads it on PostgreSQL too and opens
# every page of it there.
@pytest.mark.bundle
def test_the_demo_is_an_agency_at_work(demo_app):
    admin_app = demo_browser(demo_app, ["admin"])
    assert "Nurse exchange Bergen–Vellore" in admin_app.get("/partnerships", {"q": "nurse"}).text
    assert (
        "Mission hospitals exchange Rwanda–Uganda"
        in admin_app.get("/partnerships", {"direction": "south-south", "q": "mission"}).text
    )
    past = admin_app.get("/activities", {"when": "past", "q": "gathering in"}).text
    assert (
        "Norec Network gathering in Nairobi" in past and "Norec Network gathering in Nepal" in past
    )
    upcoming = admin_app.get("/activities", {"q": "JPO round"}).text
    assert "Information meeting: the JPO round open for applications" in upcoming
    for name in ("UNV", "UNOSSC", "GPI", "ForUM"):
        assert name in admin_app.get("/organisations", {"q": name}).text
    assert "Haugen, Ingrid" in admin_app.get("/people", {"q": "ingrid.haugen"}).text

    assert _total(admin_app.get("/people")) >= 400
    assert _total(admin_app.get("/organisations")) >= 100
    partnerships = _total(admin_app.get("/partnerships"))
    for state in ("proposed", "approved", "rejected", "ended"):
        assert 5 <= _total(admin_app.get("/partnerships", {"state": state})) < partnerships
    assert _total(admin_app.get("/activities", {"when": "past"})) >= 10
    assert _total(admin_app.get("/activities")) >= 10
    search = admin_app.get("/search", {"q": "hospital"})
    assert _total(search) >= 20 and search.html.select("fieldset legend")
