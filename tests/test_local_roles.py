"""Local roles: held on one record (and what hangs under it), granted by administrators."""

import pytest
from webtest.forms import Hidden

from norec_core.accounts.users import save_user
from norec_core.domain.models import Registration

# What these tests check lies above the database (views, forms, permissions, mail,
# notices); the engine-specific parts run on PostgreSQL too in their own modules.
pytestmark = pytest.mark.norec_backends("sqlite")


def _role_form(page):
    return next(f for f in page.forms.values() if f.action.startswith("/local-roles/"))


def test_a_contact_person_edits_their_organisation_only(
    admin_app, app, db_session, make_organisation
):
    import webtest

    ours, theirs = make_organisation(name="Haukeland"), make_organisation(name="Vellore")
    save_user(db_session, "contact@example.org", "contact-pass", roles=["member"])
    contact = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    form = contact.get("/login").forms["login"]
    form["email"], form["password"] = "contact@example.org", "contact-pass"
    form.submit("submit")
    contact.get(f"/organisations/{ours.id}/edit", status=403)

    form = _role_form(admin_app.get(f"/organisations/{ours.id}"))
    form["email"], form["role"] = "contact@example.org", "contact"
    page = form.submit("action", value="grant").follow()
    assert "The role is given." in page.text and "contact@example.org" in page.text

    contact.get(f"/organisations/{ours.id}/edit")
    contact.get(f"/organisations/{theirs.id}/edit", status=403)
    contact.get("/organisations/new", status=403)

    revoke = next(
        f
        for f in page.forms.values()
        if f.action.startswith("/local-roles/") and isinstance(f.fields["role"][0], Hidden)
    )
    revoke.submit("action", value="revoke").follow()
    contact.get(f"/organisations/{ours.id}/edit", status=403)


def test_site_roles_cannot_be_given_on_one_record(admin_app, make_organisation):
    organisation = make_organisation()
    form = _role_form(admin_app.get(f"/organisations/{organisation.id}"))
    form["email"] = "admin@test.example.org"
    form["role"].force_value("admin")
    assert "Choose one of the roles." in form.submit("action", value="grant").follow().text


def test_the_owner_of_a_person_may_cancel_their_registrations(
    testapp, db_session, make_person, make_activity
):
    """A registration hangs under its person (__parent__): the person's owner holds it too."""
    person, other = make_person(), make_person()
    activity = make_activity(capacity=5)
    mine = Registration(activity=activity, person=person, status="confirmed")
    theirs = Registration(activity=activity, person=other, status="confirmed")
    db_session.add_all([mine, theirs])
    user = save_user(db_session, "owner@example.org", "owner-password", roles=["member"])
    user.person_id = person.id
    db_session.flush()
    testapp.login("owner@example.org", "owner-password")
    token = testapp.csrf_token()
    testapp.post(f"/registrations/{theirs.id}/cancel", {"csrf_token": token}, status=403)
    testapp.post(f"/registrations/{mine.id}/cancel", {"csrf_token": token}, status=302)
    db_session.refresh(mine)
    assert mine.status == "cancelled"


def test_locally_held_selects_the_records_of_a_users_local_role(
    app_request, db_session, make_organisation, make_partnership, make_user
):
    from sqlalchemy import select

    from norec_core import Organisation, Partnership, grant_local_role, holders_of, locally_held

    ours, theirs = make_organisation(name="Haukeland"), make_organisation(name="Vellore")
    shared = make_partnership(title="Nurses", organisations=[ours, theirs])
    make_partnership(title="Other", organisations=[theirs])
    contact = make_user()
    grant_local_role(db_session, contact, ours, "contact")
    grant_local_role(db_session, contact, theirs, "member")  # another role does not count

    app_request._norec_identity = contact
    mine = select(Organisation.name).where(locally_held(app_request, Organisation, "contact"))
    assert db_session.scalars(mine).all() == ["Haukeland"]
    partnerships = select(Partnership.title).where(
        Partnership.organisations.any(locally_held(app_request, Organisation, "contact"))
    )
    assert db_session.scalars(partnerships).all() == [shared.title]

    assert holders_of(db_session, ours, "contact") == [contact]
    assert holders_of(db_session, theirs, "contact") == []
    contact.active = False
    assert holders_of(db_session, ours, "contact") == []

    app_request._norec_identity = None  # a visitor holds no local role
    anonymous = select(Organisation.name).where(locally_held(app_request, Organisation, "contact"))
    assert db_session.scalars(anonymous).all() == []
