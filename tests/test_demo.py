"""The demo data of the core and of every enabled plugin loads and shows a working
agency: hundreds of records, in every state."""

import re

import pytest


@pytest.fixture
def demo(app, db_session, app_request):
    app.registry["norec.pm"].hook.norec_demo_data(dbsession=db_session, request=app_request)
    db_session.flush()


def _total(page) -> int:
    return int(re.search(r"of (\d+)", page.html.select_one("[role=status]").text).group(1))


# On PostgreSQL, where the agency runs it: on SQLite the whole demo is loaded once a run
# for the browser tests and walked by the form fuzzer, and each plugin reads its own.
@pytest.mark.bundle
@pytest.mark.norec_backends("postgresql")
def test_the_demo_is_an_agency_at_work(demo, admin_app):
    # One test for all that is read of the demo: loading it is most of the cost.
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
