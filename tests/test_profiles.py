"""What others see of a person: every profile field at every level, for every viewer,
in the page and the JSON API alike."""

import datetime

import pytest

from norec_core.domain import profiles
from norec_core.jsonapi import tokens as api_tokens
from norec_core.testing import USER_PASSWORD

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")

VALUES = {
    "email": "wanjiru@profile.example.org",
    "country": "KE",
    "city": "Nakuru",
    "employer": "Rift Valley Provincial Hospital",
    "expertise": ["midwifery"],
    "citizenship": "KE",
    "gender": "woman",
    "birth_date": datetime.date(1991, 5, 17),
    "orcid": "0000-0002-1825-0097",
}
VIEWERS = ("anonymous", "member", "owner", "caseworker")
SEES = {
    "anonymous": {profiles.PUBLIC},
    "member": {profiles.MEMBERS, profiles.PUBLIC},
    "owner": set(profiles.LEVELS),
    "caseworker": set(profiles.LEVELS),
}


@pytest.fixture
def person(make_person):
    person = make_person(given_name="Wanjiru", family_name="Kamau", **VALUES)
    person.languages = ["sw"]
    return person


def _as(viewer, testapp, db_session, make_user, person) -> dict:
    """Log in as `viewer`; the headers of its API token."""
    if viewer == "anonymous":
        return {}
    user = make_user(
        roles=["caseworker"] if viewer == "caseworker" else [],
        person=person if viewer == "owner" else None,
    )
    testapp.login(user.email, USER_PASSWORD)
    return {"Authorization": f"Bearer {api_tokens.create(db_session, user, 'profile')[1]}"}


def _page_fields(testapp, person) -> set[str] | None:
    response = testapp.get(f"/people/{person.id}/profile", expect_errors=True)
    if response.status_int == 404:
        return None
    titles = {str(title): field for field, title in profiles.PROFILE_FIELDS.items()}
    shown = {titles[dt.text.strip()] for dt in response.html.select("main dl dt")}
    return shown | {"name"}


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("level", profiles.LEVELS)
def test_every_field_at_every_level_for_every_viewer(
    testapp, db_session, make_user, person, viewer, level
):
    fields = [f for f in profiles.PROFILE_FIELDS if f != "name"]
    person.visibility = {"name": profiles.PUBLIC} | dict.fromkeys(fields, level)
    db_session.flush()
    headers = _as(viewer, testapp, db_session, make_user, person)
    expected = {"name", *fields} if level in SEES[viewer] else {"name"}
    assert _page_fields(testapp, person) == expected
    api = testapp.get(f"/api/v1/profiles/{person.id}", headers=headers).json
    assert set(api) - {"id"} == expected
    for field in expected - {"name", "languages"}:
        assert api[field] == profiles.jsonable(VALUES[field]), field
    if "languages" in expected:
        assert api["languages"] == ["sw"]


@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_private_name_hides_the_whole_profile_from_others(
    testapp, db_session, make_user, person, viewer
):
    person.visibility = {"email": profiles.PUBLIC, "city": profiles.PUBLIC}
    db_session.flush()
    headers = _as(viewer, testapp, db_session, make_user, person)
    staff_or_self = viewer in ("owner", "caseworker")
    assert (_page_fields(testapp, person) is not None) == staff_or_self
    status = 200 if staff_or_self else 404
    testapp.get(f"/api/v1/profiles/{person.id}", headers=headers, status=status)
    listed = testapp.get("/api/v1/profiles", {"q": "Kamau"}, headers=headers).json["items"]
    # The list shows people by their name's level; staff see everyone there.
    assert bool(listed) == (viewer == "caseworker")


def test_the_list_shows_members_only_names_to_members_only(
    testapp, db_session, make_user, make_person
):
    make_person(family_name="Publicsen", visibility={"name": profiles.PUBLIC})
    make_person(family_name="Membersen", visibility={"name": profiles.MEMBERS})
    make_person(family_name="Privatsen")

    def names():
        return {p["name"].split()[-1] for p in testapp.get("/api/v1/profiles").json["items"]}

    assert names() == {"Publicsen"}
    token = api_tokens.create(db_session, make_user(), "list")[1]
    listed = testapp.get("/api/v1/profiles", headers={"Authorization": f"Bearer {token}"})
    assert {p["name"].split()[-1] for p in listed.json["items"]} == {"Publicsen", "Membersen"}


def test_the_owner_chooses_per_field_in_the_form(testapp, db_session, make_user, person):
    _as("owner", testapp, db_session, make_user, person)
    form = testapp.get(f"/people/{person.id}/edit").forms["norec-form"]
    form["show_name"] = profiles.PUBLIC
    form["show_city"] = profiles.MEMBERS
    form.submit("submit").follow()
    db_session.refresh(person)
    assert person.visibility == {"name": "public", "city": "members"}
    testapp.post("/logout", {"csrf_token": testapp.csrf_token()})
    assert _page_fields(testapp, person) == {"name"}


@pytest.mark.parametrize(
    ("field", "given", "stored"),
    [
        ("orcid", "https://orcid.org/0000-0002-1694-233x", "0000-0002-1694-233X"),
        ("orcid", "0000-0002-1825-0098", None),  # a wrong check digit
        ("ror", "https://ror.org/01xtthb56", "01xtthb56"),
        ("ror", "01xtthb57", None),
        ("org_number", "974 760 673", "974760673"),
        ("org_number", "974760674", None),
        ("org_number", "HRB 12345 B", "HRB12345B"),  # another country's register
    ],
)
def test_registry_identifiers_are_checked_by_their_check_digits(
    admin_app, db_session, make_person, make_organisation, field, given, stored
):
    record = make_person() if field == "orcid" else make_organisation()
    kind = "people" if field == "orcid" else "organisations"
    form = admin_app.get(f"/{kind}/{record.id}/edit").forms["norec-form"]
    form[field] = given
    response = form.submit("submit", expect_errors=True)
    if stored is None:
        assert response.status_int == 422
        assert response.html.find(id=form.fields[field][0].id)["aria-invalid"] == "true"
    else:
        assert response.status_int == 302
        db_session.refresh(record)
        assert getattr(record, field) == stored


def test_the_site_search_finds_people_only_as_their_profiles_allow(testapp, make_user, make_person):
    for name, level in (("Publicsen", profiles.PUBLIC), ("Membersen", profiles.MEMBERS)):
        make_person(family_name=name, given_name="Searchable", visibility={"name": level})
    make_person(family_name="Privatsen", given_name="Searchable", email="hidden@example.org")

    def found(q="searchable"):
        page = testapp.get("/search", {"q": q})
        return {a.text.split()[-1] for a in page.html.select("a[href*='/people/']")}

    assert found() == {"Publicsen"}
    assert found("hidden@example.org") == set()  # nobody finds a person by a hidden address
    user = make_user()
    testapp.login(user.email, USER_PASSWORD)
    assert found() == {"Publicsen", "Membersen"}
    links = testapp.get("/search", {"q": "searchable"}).html.select("a[href*='/people/']")
    assert all(a["href"].endswith("/profile") for a in links)
