"""The core's side of a third party's plugin: the example (examples/notes, distribution
norec-example-notes) is found through its entry point, leaves no trace when disabled, and
its field on the person record reaches the API. Its own tests are in examples/notes/tests.
"""

import pytest
import webtest
from sqlalchemy import select

from norec_core.accounts.models import User
from norec_core.app import main
from norec_core.plugins import installed_plugins
from norec_core.testing import ADMIN_EMAIL, make_settings


def test_discovered_through_its_entry_point():
    assert installed_plugins()["notes"].value == "norec_notes.hooks"


@pytest.mark.bundle
def test_disabled_it_leaves_no_trace(migrated_database):
    settings = make_settings(migrated_database["sqlalchemy.url"], **{"norec.plugins": "grants"})
    app = webtest.TestApp(main({}, **settings))
    app.get("/notes/", status=404)


def test_its_field_on_the_person_record_is_in_the_api(admin_app, db_session, make_person):
    from norec_core.jsonapi import tokens as api_tokens

    person = make_person()
    form = admin_app.get(f"/people/{person.id}/edit").forms["norec-form"]
    form["nickname"] = "Kari K."
    form.submit("submit").follow()
    admin = db_session.scalar(select(User).where(User.email == ADMIN_EMAIL))
    token = api_tokens.create(db_session, admin, "t")[1]
    api = admin_app.get(f"/api/v1/people/{person.id}", headers={"Authorization": f"Bearer {token}"})
    assert api.json["notes"] == {"nickname": "Kari K."}
