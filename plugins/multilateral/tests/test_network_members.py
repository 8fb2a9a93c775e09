"""The network of Norwegians in international organisations: the public form, the
advisers' decision, who sees whom, and messages through the outbox."""

from __future__ import annotations

from sqlalchemy import select

from norec_core import Organisation, Person
from norec_multilateral.models import NetworkMember


def _form(page, formid):
    return next(f for f in page.forms.values() if f.id == formid)


def _register(client, db_session, email="kari@un.example.org", listed=True, **fields):
    undp = db_session.scalars(select(Organisation).where(Organisation.name == "UNDP")).first()
    if undp is None:
        undp = Organisation(name="UNDP", country="US", kind="international")
        db_session.add(undp)
        db_session.flush()
    page = client().get("/multilateral/network/join")
    form = _form(page, "interest")
    values = {
        "given_name": "Kari",
        "family_name": "Nordmann",
        "email": email,
        "organisation_id": str(undp.id),
        "position": "Programme specialist",
        "grade": "P-4",
        "duty_station": "New York",
        "country": "US",
        "contract": "staff",
        "listed": listed,
        "consent": True,
    } | fields
    for name, value in values.items():
        form[name] = value
    return form.submit("submit", status="*")


def test_the_form_keeps_the_input_and_says_what_is_missing(client, db_session):
    page = _register(client, db_session, consent=False, organisation_id="", position="")
    assert page.status_int == 422
    form = _form(page, "interest")
    assert form["given_name"].value == "Kari" and form["email"].value == "kari@un.example.org"
    errors = {e.get("id") for e in page.html.select(".invalid-feedback, [id^=error-]")}
    assert errors  # each error is at its field
    assert "Registering needs this consent." in page
    page = _register(client, db_session, organisation_id="")
    assert page.status_int == 422
    assert "Choose your organisation, or write its name below." in page
    assert db_session.scalars(select(NetworkMember)).all() == []


def test_registered_accepted_and_welcomed_then_listed_for_other_members(
    client, make_user, db_session, mail
):
    _register(client, db_session).follow()
    registration = db_session.scalars(select(NetworkMember)).one()
    assert registration.status == "pending" and registration.person_id is None
    assert mail.messages[-1]["To"] == "kari@un.example.org"  # the receipt
    _register(client, db_session, position="Senior specialist").follow()  # a correction
    assert len(mail.messages) == 1  # no second receipt: the form sends no mail on demand
    db_session.refresh(registration)
    assert registration.position == "Senior specialist"
    adviser = client(make_user("io@example.org", roles=["recruitment_adviser"]).email)
    assert adviser.get("/").html.find(string="Registrations in the network wait for a decision")
    page = adviser.get(f"/multilateral/network/registrations/{registration.id}")
    page.forms[next(k for k, f in page.forms.items() if "accept" in f.fields)].submit("accept")
    db_session.expire_all()
    person = db_session.scalars(select(Person).where(Person.email == "kari@un.example.org")).one()
    assert registration.status == "member" and registration.person_id == person.id
    welcome = mail.messages[-1]
    assert welcome["Subject"].startswith("Welcome")
    assert "http://localhost/register" in welcome.get_body(("plain",)).get_content()
    # Another member, not listed, sees Kari; Kari does not see them.
    _register(client, db_session, email="per@un.example.org", given_name="Per", listed=False)
    other = db_session.scalars(select(NetworkMember).where(NetworkMember.given_name == "Per")).one()
    page = adviser.get(f"/multilateral/network/registrations/{other.id}")
    page.forms[next(k for k, f in page.forms.items() if "accept" in f.fields)].submit("accept")
    for member in (registration, other):
        db_session.refresh(member)
        make_user(member.email, person=member.person)
    seen_by_per = client("per@un.example.org").get("/multilateral/network")
    assert "Kari Nordmann" in seen_by_per.html.find("table").text
    seen_by_kari = client("kari@un.example.org").get("/multilateral/network")
    assert "Per Nordmann" not in seen_by_kari.html.find("table").text
    # Someone logged in but not in the network sees no directory; advisers see all.
    outsider = client(make_user("outsider@example.org").email).get("/multilateral/network")
    assert outsider.html.find("table") is None
    assert "per@un.example.org" in adviser.get("/multilateral/network", {"format": "csv"}).text


def test_a_declined_registration_is_told_why(client, make_user, db_session, mail):
    _register(client, db_session).follow()
    registration = db_session.scalars(select(NetworkMember)).one()
    adviser = client(make_user("io@example.org", roles=["recruitment_adviser"]).email)
    page = adviser.get(f"/multilateral/network/registrations/{registration.id}")
    form = _form(page, "decline")
    form["reason"] = "The network is for Norwegians."
    form.submit("submit").follow()
    db_session.expire_all()
    assert registration.status == "declined"
    assert "The network is for Norwegians." in mail.messages[-1].get_body(("plain",)).get_content()


def test_a_message_goes_to_every_member_with_an_unsubscribe_link(
    client, make_user, db_session, mail
):
    adviser = client(make_user("io@example.org", roles=["recruitment_adviser"]).email)
    for n, country in enumerate(("US", "CH", "CH")):
        _register(client, db_session, email=f"m{n}@un.example.org", country=country).follow()
    for registration in db_session.scalars(select(NetworkMember)):
        page = adviser.get(f"/multilateral/network/registrations/{registration.id}")
        page.forms[next(k for k, f in page.forms.items() if "accept" in f.fields)].submit("accept")
    mail.clear()
    page = adviser.get("/multilateral/network/message")
    form = _form(page, "message")
    form["subject"] = "Geneva gathering"
    form["body"] = "We meet at the Mission on 18 February."
    form["country"] = "CH"
    assert "The message goes to 2 members." in form.submit("submit").follow()
    assert sorted(m["To"] for m in mail.messages) == ["m1@un.example.org", "m2@un.example.org"]
    assert all(m["List-Unsubscribe"] for m in mail.messages)
