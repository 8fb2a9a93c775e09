"""People: list, detail, create and edit through the real forms; personal data is guarded."""

from sqlalchemy import select

from norec_core.domain.models import Person


def test_people_list_requires_login(testapp):
    response = testapp.get("/people", status=302)
    assert "/login?came_from=%2Fpeople" in response.location


def test_create_person_through_form(admin_app, db_session):
    form = admin_app.get("/people/new").forms["norec-form"]
    form["given_name"] = "Priya"
    form["family_name"] = "Raman"
    form["email"] = "priya@example.org"
    form["country"] = "IN"
    form["languages"] = ["ta", "en"]
    form["expertise"] = "nursing, paediatrics, nursing"
    form["consent_contact"] = True
    response = form.submit("submit")
    assert response.status_int == 302
    person = db_session.scalars(select(Person).where(Person.email == "priya@example.org")).one()
    assert (person.given_name, person.country) == ("Priya", "IN")
    assert sorted(person.languages) == ["en", "ta"]
    assert person.expertise == ["nursing", "paediatrics"]
    assert person.consent_contact and not person.consent_newsletter
    page = response.follow()
    assert "Priya Raman" in page.text and "Tamil" in page.text


def test_invalid_person_keeps_input_and_marks_fields(admin_app, make_person):
    make_person(email="taken@example.org")
    form = admin_app.get("/people/new").forms["norec-form"]
    form["given_name"] = "Øystein"
    form["family_name"] = ""
    form["email"] = "TAKEN@example.org"
    form["expertise"] = "x" * 101
    response = form.submit("submit", status=422)
    html = response.html
    assert html.find("input", {"name": "given_name"})["value"] == "Øystein"
    assert html.find("input", {"name": "email"})["value"] == "TAKEN@example.org"
    for field, message in (
        ("family_name", "Required"),
        ("email", "Another person already has this e-mail address."),
        ("expertise", "at most 100 characters"),
    ):
        widget = html.find(attrs={"name": field})
        assert widget["aria-invalid"] == "true"
        error = html.find(id=widget["aria-describedby"].split()[0])
        assert message in error.text


def test_invalid_email_and_country_are_rejected(admin_app):
    response = admin_app.get("/people/new")
    token = response.forms["norec-form"]["csrf_token"].value
    response = admin_app.post(
        "/people/new",
        {
            "__formid__": "norec-form",
            "csrf_token": token,
            "given_name": "A",
            "family_name": "B",
            "email": "not-an-address",
            "country": "XX",
        },
        status=422,
    )
    assert "This is not an e-mail address." in response.text
    assert response.html.find("select", {"name": "country"})["aria-invalid"] == "true"


def test_edit_person(admin_app, make_person, db_session):
    person = make_person(languages=["nb", "en"])
    form = admin_app.get(f"/people/{person.id}/edit").forms["norec-form"]
    assert form["given_name"].value == "Ingrid"
    assert sorted(form["languages"].value) == ["en", "nb"]
    form["family_name"] = "Nordmann"
    form["languages"] = ["nn", "en"]
    form.submit("submit").follow()
    db_session.expire_all()
    person = db_session.get(Person, person.id)
    assert person.family_name == "Nordmann"
    assert sorted(person.languages) == ["en", "nn"]


def _filters(page):
    return next(form for form in page.forms.values() if "q" in form.fields)


def test_list_search_and_filters(admin_app, make_person):
    make_person(given_name="Øystein", family_name="Ås", country="NO", languages=["nn"])
    make_person(given_name="Priya", family_name="Raman", country="IN", languages=["ta"])
    assert "Ås, Øystein" in admin_app.get("/people", {"q": "øystein"}).text
    assert "Raman" not in admin_app.get("/people", {"q": "øystein"}).text
    assert "Raman, Priya" in admin_app.get("/people", {"country": "IN"}).text
    by_language = admin_app.get("/people", {"language": "nn"})
    assert "Ås, Øystein" in by_language.text and "Raman" not in by_language.text
    # The chosen values stay chosen in the filters, named in the viewer's language.
    form = _filters(by_language)
    assert form["language"].value == "nn" and form["country"].value == ""
    assert ("IN", False, "India") in form["country"].options
    assert _filters(admin_app.get("/people", {"country": "IN"}))["country"].value == "IN"


def test_list_is_paged(admin_app, make_person):
    for _ in range(30):
        make_person(family_name="Pagetest")
    first = admin_app.get("/people", {"q": "pagetest"})
    assert "Showing 1–25 of 30" in first.text
    second = first.click("Next")
    assert "Showing 26–30 of 30" in second.text
    assert "q=pagetest" in second.request.url


def test_unknown_person_is_404(admin_app):
    admin_app.get("/people/999999", status=404)
    admin_app.get("/people/999999/edit", status=404)
    admin_app.get("/people/abc", status=404)
