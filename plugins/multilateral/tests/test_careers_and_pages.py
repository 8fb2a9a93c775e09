"""Retention one, three and five years after a placement ended, per programme and
organisation; and the
information pages the advisers keep in three languages."""

from __future__ import annotations

import datetime

import pytest
from sqlalchemy import select

from norec_core import Organisation
from norec_multilateral import careers
from norec_multilateral.models import CareerStep, InfoPage, Placement

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")

D = datetime.date


def _placement(person, organisation, started, ended, *steps, programme="jpo"):
    placement = Placement(
        person=person,
        programme=programme,
        organisation=organisation,
        title="JPO",
        started_on=started,
        ended_on=ended,
    )
    placement.steps = [
        CareerStep(employer=e, in_system=s, started_on=a, ended_on=b) for e, s, a, b in steps
    ]
    return placement


def test_retention_per_programme_counts_only_placements_measured_after_their_end(
    db_session, make_person, app_request
):
    undp = Organisation(name="UNDP", country="US", kind="international")
    wfp = Organisation(name="WFP", country="IT", kind="international")
    db_session.add_all(
        [
            # Stayed: from the JPO post straight into a P-3 at WFP.
            _placement(
                make_person(),
                undp,
                D(2019, 1, 1),
                D(2022, 1, 1),
                ("WFP", True, D(2022, 1, 2), None),
            ),
            # Left after the post for a ministry.
            _placement(
                make_person(),
                undp,
                D(2019, 3, 1),
                D(2021, 3, 1),
                ("Ministry", False, D(2021, 4, 1), None),
            ),
            # Still in the post: in the system, but nothing to measure yet.
            _placement(make_person(), undp, D(2023, 6, 1), None),
            # A UN Volunteer at UNDP is counted apart from the JPOs, and so is a secondment.
            _placement(make_person(), undp, D(2022, 1, 1), D(2023, 1, 1), programme="unv"),
            _placement(
                make_person(),
                wfp,
                D(2019, 1, 1),
                D(2021, 1, 1),
                ("WFP", True, D(2021, 1, 1), None),
                programme="senior",
            ),
        ]
    )
    db_session.flush()
    rows = careers.retention(db_session, on=D(2025, 1, 1))
    assert rows == [
        {"programme": "jpo", "organisation": "UNDP", 1: (1, 2), 3: (1, 2), 5: (0, 0)},
        {"programme": "unv", "organisation": "UNDP", 1: (0, 1), 3: (0, 0), 5: (0, 0)},
        {"programme": "senior", "organisation": "WFP", 1: (1, 1), 3: (1, 1), 5: (0, 0)},
    ]
    earlier = careers.retention(db_session, on=D(2024, 12, 31))
    assert earlier[0][3] == (0, 1)  # the JPO who stayed is not three years out yet
    assert careers.share(rows[0][1]) == 50 and careers.share((0, 0)) is None
    figure = app_request.localizer.translate(careers.figure((3, 4)))
    assert figure == "75 % (3 of 4)" and careers.figure((0, 0)) is None
    assert [t["programme"] for t in careers.totals(rows)] == ["jpo", "unv", "senior"]


def test_the_careers_page_shows_the_chart_and_records_a_step(recruiter, make_person, db_session):
    undp = Organisation(name="UNDP", country="US", kind="international")
    placement = _placement(make_person(given_name="Ingrid"), undp, D(2018, 1, 1), D(2021, 1, 1))
    db_session.add(placement)
    db_session.flush()
    page = recruiter.get("/multilateral/careers")
    assert page.html.find("svg") is not None
    assert "0 % (0 of 1)" in page  # the numbers behind the share
    assert "Junior Professional Officer (JPO), one year after the end: 0 % (0 of 1)" in page
    page = page.click("Ingrid", href="/placements/")
    form = next(f for f in page.forms.values() if f.id == "step")
    form["employer"] = "UNICEF"
    form["in_system"] = True
    form["started_on"] = "2021-02-01"
    form["ended_on"] = "2020-01-01"
    page = form.submit("submit").follow()
    db_session.refresh(placement)
    assert [s.employer for s in placement.steps] == ["UNICEF"]
    assert "CSV" in recruiter.get("/multilateral/careers").text
    export = recruiter.get("/multilateral/careers", {"format": "csv"}).text
    assert "Ingrid" in export and "UNICEF" in export


def test_an_information_page_in_three_languages(recruiter, client, db_session):
    page = recruiter.get("/multilateral/pages/new")
    form = next(f for f in page.forms.values() if f.id == "page")
    form["slug"] = "career-support"
    form["title_en"] = "Career support"
    form["text_en"] = "We read your application.\n\nWe hold meetings."
    form["title_nn"] = "Karrierestøtte"
    form["text_nn"] = "Vi les søknaden din."
    form.submit("submit").follow()
    assert db_session.scalars(select(InfoPage.slug)).all() == ["career-support"]
    reader = client()
    english = reader.get("/multilateral/pages/career-support")
    assert len(english.html.select("main p.text-pre-line")) == 2
    nynorsk = reader.get("/multilateral/pages/career-support", headers={"Accept-Language": "nn"})
    assert nynorsk.html.find("h1").text == "Karrierestøtte"
    assert "Vi les søknaden din." in nynorsk
    bokmal = reader.get("/multilateral/pages/career-support", headers={"Accept-Language": "nb"})
    assert bokmal.html.find("h1").text == "Career support"  # English where none is written
    # The same address again: the error at the field, the input kept.
    page = recruiter.get("/multilateral/pages/new")
    form = next(f for f in page.forms.values() if f.id == "page")
    form["slug"] = "career-support"
    form["title_en"] = "Again"
    form["text_en"] = "Text"
    page = form.submit("submit", status=422)
    assert "A page with this address exists already." in page
    assert next(f for f in page.forms.values() if f.id == "page")["title_en"].value == "Again"
