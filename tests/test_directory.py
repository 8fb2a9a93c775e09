"""Organisations and partnerships: public to read, validated on every write."""

import datetime

from sqlalchemy import select

from norec_core.domain.models import Organisation, Partnership


def test_organisations_are_public(testapp, make_organisation):
    organisation = make_organisation(name="Haukeland University Hospital", website="https://x.no")
    assert "Haukeland University Hospital" in testapp.get("/organisations").text
    page = testapp.get(f"/organisations/{organisation.id}")
    assert "Health institution" in page.text and "Norway" in page.text
    assert "Edit" not in page.text


def test_anonymous_cannot_create(testapp):
    assert "/login" in testapp.get("/organisations/new", status=302).location


def test_create_and_edit_organisation(admin_app, db_session):
    form = admin_app.get("/organisations/new").forms["norec-form"]
    form["name"] = "Kamuli Mission Hospital"
    form["country"] = "UG"
    form["kind"] = "health"
    page = form.submit("submit").follow()
    assert "Kamuli Mission Hospital" in page.text and "Uganda" in page.text
    organisation = db_session.scalars(
        select(Organisation).where(Organisation.name == "Kamuli Mission Hospital")
    ).one()
    form = admin_app.get(f"/organisations/{organisation.id}/edit").forms["norec-form"]
    form["website"] = "kamuli.example.org"
    response = form.submit("submit", status=422)
    assert "beginning with https://" in response.text
    assert response.forms["norec-form"]["name"].value == "Kamuli Mission Hospital"
    response.forms["norec-form"]["website"] = "https://kamuli.example.org"
    response.forms["norec-form"].submit("submit").follow()
    db_session.refresh(organisation)
    assert organisation.website == "https://kamuli.example.org"


def test_organisation_requires_known_kind_and_country(admin_app):
    form = admin_app.get("/organisations/new").forms["norec-form"]
    form["name"] = "Nowhere"
    response = form.submit("submit", status=422)
    html = response.html
    assert html.find("select", {"name": "country"})["aria-invalid"] == "true"
    assert html.find("select", {"name": "kind"})["aria-invalid"] == "true"
    assert html.find("input", {"name": "name"})["value"] == "Nowhere"


def _partnership_form(admin_app, organisations, direction="north-south", **dates):
    form = admin_app.get("/partnerships/new").forms["norec-form"]
    form["title"] = "Nurse exchange"
    form["organisations"] = [str(o.id) for o in organisations]
    form["direction"] = direction
    form["starts_on"] = dates.get("starts_on", "2025-08-01")
    form["ends_on"] = dates.get("ends_on", "2027-07-31")
    form["reciprocal"] = True
    return form


def test_create_partnership(admin_app, make_organisation, db_session):
    bergen = make_organisation(name="Haukeland", country="NO")
    vellore = make_organisation(name="CMC Vellore", country="IN")
    page = _partnership_form(admin_app, [bergen, vellore]).submit("submit").follow()
    assert "Haukeland" in page.text and "CMC Vellore" in page.text
    partnership = db_session.scalars(select(Partnership)).one()
    assert partnership.starts_on == datetime.date(2025, 8, 1)
    assert {o.name for o in partnership.organisations} == {"Haukeland", "CMC Vellore"}


def test_partnership_rules(admin_app, make_organisation):
    bergen = make_organisation(country="NO")
    oslo = make_organisation(country="NO")
    kampala = make_organisation(country="UG")
    kigali = make_organisation(country="RW")
    cases = [
        ([bergen], "north-south", {}, "organisations", "at least two"),
        ([bergen, oslo], "north-south", {}, "organisations", "different countries"),
        ([kampala, kigali], "north-south", {}, "direction", "needs an organisation in NO"),
        ([bergen, kampala], "south-south", {}, "direction", "has no organisation in NO"),
        (
            [bergen, kampala],
            "north-south",
            {"starts_on": "2027-01-01", "ends_on": "2026-01-01"},
            "ends_on",
            "end on or after",
        ),
    ]
    for organisations, direction, dates, field, message in cases:
        response = _partnership_form(admin_app, organisations, direction, **dates).submit(
            "submit", status=422
        )
        error = response.html.find(id=f"error-{_oid(response, field)}")
        assert error is not None and message in error.text, (field, message)
        assert response.forms["norec-form"]["title"].value == "Nurse exchange"


def _oid(response, name):
    return (
        response.html.find(attrs={"name": name}, id=True)["id"]
        if name != "direction"
        else (response.html.find("input", {"name": "direction"})["id"].rsplit("-", 1)[0])
    )


def test_south_south_partnership(admin_app, make_organisation, db_session):
    kampala = make_organisation(country="UG")
    kigali = make_organisation(country="RW")
    _partnership_form(admin_app, [kampala, kigali], "south-south").submit("submit").follow()
    assert db_session.scalars(select(Partnership)).one().direction == "south-south"


def test_partnership_filters(testapp, make_partnership, make_organisation):
    make_partnership(title="Bergen Vellore")
    make_partnership(
        title="Kampala Kigali",
        direction="south-south",
        organisations=[make_organisation(country="UG"), make_organisation(country="RW")],
    )
    south = testapp.get("/partnerships", {"direction": "south-south"}).text
    assert "Kampala Kigali" in south and "Bergen Vellore" not in south
    assert "Kampala Kigali" in testapp.get("/partnerships", {"country": "RW"}).text
    assert "Bergen Vellore" not in testapp.get("/partnerships", {"country": "RW"}).text


def test_unknown_ids_are_404(admin_app):
    for prefix in ("organisations", "partnerships", "activities"):
        admin_app.get(f"/{prefix}/424242", status=404)
        admin_app.get(f"/{prefix}/424242/edit", status=404)
