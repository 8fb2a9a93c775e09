"""The JSON API: token authentication, the forms' validation, 4xx with reasons, OpenAPI."""

import pytest
from openapi_spec_validator import validate
from sqlalchemy import select

from norec_core.accounts.users import save_user
from norec_core.audit.models import AuditEvent
from norec_core.domain.models import Person
from norec_core.jsonapi import tokens as api_tokens
from norec_notes.models import Note


@pytest.fixture
def token(db_session):
    """A token of a network adviser, who may read and write people."""
    user = save_user(
        db_session, "adviser@api.example.org", "adviser-pass", roles=["network_adviser"]
    )
    return api_tokens.create(db_session, user, "tests")[1]


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


def test_without_a_token_the_answer_is_401_even_with_a_session(admin_app):
    response = admin_app.get("/api/v1/people", status=401)
    assert response.json["error"].startswith("A valid API token is needed")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    admin_app.get("/api/v1/people", headers=_auth("nrc_forged"), status=401)
    # Public data needs no token.
    assert admin_app.get("/api/v1/organisations").json["total"] >= 0


def test_tokens_are_made_shown_once_and_revoked_on_the_account_page(testapp, db_session):
    save_user(db_session, "kari@example.org", "kari-password-1", roles=["caseworker"])
    testapp.login("kari@example.org", "kari-password-1")
    form = testapp.get("/account/tokens").forms["token"]
    form["name"] = "Reporting script"
    page = form.submit("submit")
    token = page.html.select_one("#new-token")["value"]
    assert "Reporting script" in page.text
    assert "#new-token" not in str(testapp.get("/account/tokens").html.select("#new-token"))
    assert testapp.get("/api/v1/people", headers=_auth(token)).json["total"] >= 0
    revoke = next(f for f in testapp.get("/account/tokens").forms.values() if "revoke" in f.action)
    revoke.submit().follow()
    testapp.get("/api/v1/people", headers=_auth(token), status=401)


def test_create_read_and_patch_a_person(testapp, db_session, token):
    response = testapp.post_json(
        "/api/v1/people",
        {
            "given_name": "Asha",
            "family_name": "Rai",
            "email": "asha@example.org",
            "country": "NP",
            "languages": ["ne", "en"],
            "expertise": ["nursing", "midwifery"],
            "consent_newsletter": True,
        },
        headers=_auth(token),
        status=201,
    )
    created = response.json
    assert response.location.endswith(f"/api/v1/people/{created['id']}")
    assert created["languages"] == ["en", "ne"] and created["expertise"] == ["nursing", "midwifery"]
    event = db_session.scalar(
        select(AuditEvent).where(
            AuditEvent.resource_type == "person", AuditEvent.resource_id == created["id"]
        )
    )
    assert event.actor == "adviser@api.example.org"

    url = f"/api/v1/people/{created['id']}"
    patched = testapp.patch_json(url, {"family_name": "Rai-Shrestha"}, headers=_auth(token)).json
    assert patched["family_name"] == "Rai-Shrestha"
    assert patched["email"] == "asha@example.org" and patched["consent_newsletter"] is True
    assert testapp.get(url, headers=_auth(token)).json == patched
    listed = testapp.get("/api/v1/people", {"q": "shrestha"}, headers=_auth(token)).json
    assert [p["id"] for p in listed["items"]] == [created["id"]]


def test_invalid_input_answers_with_the_error_of_each_field(
    testapp, db_session, token, make_person
):
    auth = _auth(token)
    response = testapp.post_json(
        "/api/v1/people",
        {"given_name": "A", "email": "not-an-address", "country": "XX"},
        headers=auth,
        status=422,
    )
    errors = response.json["errors"]
    assert set(errors) == {"family_name", "email", "country"}
    testapp.post(
        "/api/v1/people",
        "{not json",
        headers={**auth, "Content-Type": "application/json"},
        status=400,
    )
    testapp.post_json("/api/v1/people", ["a", "list"], headers=auth, status=400)
    response = testapp.post_json(
        "/api/v1/people",
        {"given_name": "A", "family_name": "B", "shoe_size": 42},
        headers=auth,
        status=422,
    )
    assert response.json["errors"] == {"shoe_size": "unknown field"}
    # True or false is JSON's true or false: a list or a text is not taken for true.
    for wrong in ([], ["yes"], "no", 1):
        response = testapp.post_json(
            "/api/v1/people",
            {"given_name": "A", "family_name": "B", "consent_newsletter": wrong},
            headers=auth,
            status=422,
        )
        assert response.json["errors"] == {"consent_newsletter": "must be true or false"}
    # A set's items are unique, as the document says: a repeat is refused, not folded.
    response = testapp.post_json(
        "/api/v1/people",
        {"given_name": "A", "family_name": "B", "languages": ["nb", "nb"]},
        headers=auth,
        status=422,
    )
    assert response.json["errors"] == {"languages": "must not repeat an item"}

    person = make_person(family_name="Unchanged")
    url = f"/api/v1/people/{person.id}"
    testapp.patch_json(url, {"family_name": "", "country": "XX"}, headers=auth, status=422)
    db_session.refresh(person)
    assert person.family_name == "Unchanged"
    assert testapp.get("/api/v1/people/999999", headers=auth, status=404).json["error"]
    testapp.get("/api/v1/people/99999999999999999999", headers=auth, status=404)
    assert db_session.scalars(select(Person).where(Person.given_name == "A")).all() == []


def test_partnerships_are_checked_as_the_form_checks_them(admin_app, db_session, make_organisation):
    admin = save_user(db_session, "admin@test.example.org", "admin-password")
    auth = _auth(api_tokens.create(db_session, admin, "t")[1])
    a, b = make_organisation(country="NO"), make_organisation(country="NO")
    body = {
        "title": "Same country",
        "direction": "north-south",
        "starts_on": "2026-01-01",
        "ends_on": "2027-01-01",
        "organisations": [a.id, b.id],
    }
    response = admin_app.post_json("/api/v1/partnerships", body, headers=auth, status=422)
    assert "organisations" in response.json["errors"]
    c = make_organisation(country="IN")
    body["organisations"] = [a.id, c.id]
    created = admin_app.post_json("/api/v1/partnerships", body, headers=auth, status=201).json
    assert created["state"] == "proposed" and sorted(created["organisations"]) == sorted(
        [a.id, c.id]
    )


def test_the_openapi_document_is_valid_and_has_the_plugins_parts(testapp, db_session, make_person):
    document = testapp.get("/api/v1/openapi.json").json
    validate(document)
    paths = document["paths"]
    assert set(paths["/people/{id}"]) == {"get", "patch"}
    assert set(paths["/people"]) == {"get", "post"}
    person_input = document["components"]["schemas"]["PersonInput"]
    assert set(person_input["required"]) == {"given_name", "family_name"}
    assert person_input["properties"]["email"]["format"] == "email"
    assert "/notes/" in paths  # from the example plugin, through the hook

    note_taker = save_user(db_session, "notes@api.example.org", "notes-pass", roles=["admin"])
    auth = _auth(api_tokens.create(db_session, note_taker, "t")[1])
    db_session.add(Note(person=make_person(), text="From the API"))
    db_session.flush()
    assert testapp.get("/api/v1/notes/", headers=auth).json[0]["text"] == "From the API"


def test_workflow_steps_through_the_api(testapp, db_session, make_partnership, token):
    partnership = make_partnership()
    url = f"/api/v1/partnerships/{partnership.id}/workflow"
    assert testapp.get(url).json["state"] == "proposed"
    # A network adviser may not decide: refused with the reason, nothing changed.
    response = testapp.post_json(url, {"transition": "approve"}, headers=_auth(token), status=403)
    assert response.json["error"] == "You may not take this step."
    caseworker = save_user(db_session, "cw@api.example.org", "cw-password", roles=["caseworker"])
    auth = _auth(api_tokens.create(db_session, caseworker, "t")[1])
    response = testapp.post_json(url, {"transition": "reject"}, headers=auth, status=422)
    assert response.json["error"] == "This step needs a comment that gives the reason."
    done = testapp.post_json(
        url, {"transition": "reject", "comment": "No budget for travel."}, headers=auth
    ).json
    assert done["state"] == "rejected"
    assert done["history"][0]["comment"] == "No budget for travel."
    assert [s["transition"] for s in done["steps_open"]] == ["reopen"]
    testapp.post_json(url, {"transition": "approve"}, headers=auth, status=409)


@pytest.mark.parametrize("resource", ["people", "organisations", "partnerships", "activities"])
def test_no_input_of_any_shape_gives_a_500(admin_app, db_session, resource, request):
    """Every field of every write endpoint, given every kind of JSON value: 4xx, never 500."""
    factory = {
        "people": "make_person",
        "organisations": "make_organisation",
        "partnerships": "make_partnership",
        "activities": "make_activity",
    }[resource]
    existing = request.getfixturevalue(factory)()
    admin = save_user(db_session, "admin@test.example.org", "admin-password")
    auth = _auth(api_tokens.create(db_session, admin, "t")[1])
    schema = admin_app.get("/api/v1/openapi.json").json["components"]["schemas"]
    name = {"people": "Person", "organisations": "Organisation"}.get(
        resource, resource[:-1].capitalize() if resource != "activities" else "Activity"
    )
    fields = schema[f"{name}Input"]["properties"]
    shapes = [None, 0, -1, 10**30, 1.5, True, "", "x" * 5000, [], ["a", 1], {}, {"a": 1}]
    for field in fields:
        for value in shapes:
            response = admin_app.post_json(
                f"/api/v1/{resource}", {field: value}, headers=auth, expect_errors=True
            )
            assert response.status_int in (400, 422), (field, value, response.status)
            response = admin_app.patch_json(
                f"/api/v1/{resource}/{existing.id}",
                {field: value},
                headers=auth,
                expect_errors=True,
            )
            assert response.status_int in (200, 400, 422), (field, value, response.status)


def test_a_method_a_path_does_not_have_is_405_with_the_allowed_ones(testapp, token):
    response = testapp.delete("/api/v1/people/1", headers=_auth(token), status=405)
    assert response.headers["Allow"] == "GET, HEAD, PATCH"
    assert response.json["error"] == "This address takes GET, HEAD, PATCH only."
    assert testapp.put_json("/api/v1/people", {}, status=405).headers["Allow"] == "GET, HEAD, POST"
    testapp.post("/api/v1/openapi.json", status=405)
    testapp.get("/api/v1/people/999999", headers=_auth(token), status=404)  # still 404


def test_moments_keep_their_zone_and_an_offset_given_is_never_dropped(testapp, token):
    activity = {
        "title": "Gathering in Nairobi",
        "kind": "meeting",
        "timezone": "Africa/Nairobi",
        "starts_at": "2030-05-23T09:00:00+03:00",
        "ends_at": "2030-05-23T17:00",  # no offset: the venue's local time
        "place": "Nairobi",
    }
    created = testapp.post_json("/api/v1/activities", activity, headers=_auth(token)).json
    read = testapp.get(f"/api/v1/activities/{created['id']}").json
    assert read["starts_at"] == "2030-05-23T06:00:00+00:00"
    assert read["ends_at"] == "2030-05-23T14:00:00+00:00"
    assert read["timezone"] == "Africa/Nairobi"


def test_a_patch_changes_what_it_names_and_nothing_else(
    testapp, db_session, token, make_organisation
):
    # Stored before today's rules (a website that is not a web address): still patchable.
    organisation = make_organisation(website="www.example.org", description="")
    url = f"/api/v1/organisations/{organisation.id}"
    patched = testapp.patch_json(url, {"name": "Renamed"}, headers=_auth(token)).json
    assert (patched["name"], patched["website"]) == ("Renamed", "www.example.org")
    refused = testapp.patch_json(
        url, {"website": "not a web address"}, headers=_auth(token), status=422
    )
    assert set(refused.json["errors"]) == {"website"}
    activity = testapp.post_json(
        "/api/v1/activities",
        {
            "title": "Online",
            "kind": "meeting",
            "starts_at": "2030-01-01T10:00",
            "ends_at": "2030-01-01T11:00",
            "online_url": "https://meet.example.org/x",
        },
        headers=_auth(token),
    ).json
    patched = testapp.patch_json(
        f"/api/v1/activities/{activity['id']}", {"title": "Still online"}, headers=_auth(token)
    ).json
    assert patched["place"] is None and patched["starts_at"] == activity["starts_at"]


def test_a_token_that_does_not_work_is_401_even_where_none_is_needed(testapp):
    response = testapp.get("/api/v1/organisations", headers=_auth("nrc_expired"), status=401)
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]
    testapp.get("/api/v1/organisations", status=200)


def test_the_document_says_what_is_public_nullable_and_refused(testapp):
    document = testapp.get("/api/v1/openapi.json").json
    people = document["paths"]["/people"]
    assert people["get"]["security"] == [{"token": []}]
    assert document["paths"]["/organisations"]["get"]["security"] == [{}, {"token": []}]
    person = people["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    fields = person["properties"]["items"]["items"]["properties"]
    assert fields["email"]["nullable"] and "nullable" not in fields["family_name"]
    assert {"400", "401", "403", "413", "415", "422"} <= set(people["post"]["responses"])
    assert document["components"]["schemas"]["PersonInput"]["additionalProperties"] is False
