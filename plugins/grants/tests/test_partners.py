"""Finding partners: organisations register what they look for, the platform suggests who
suits whom, and a match becomes a proposed partnership in the core."""

from __future__ import annotations

from norec_core import Partnership, grant_local_role
from norec_grants import matching
from norec_grants.models import PartnerSearch


def _search(db_session, organisation, sectors=("health",), countries=(), professions="nurses"):
    found = PartnerSearch(
        organisation=organisation,
        sectors=list(sectors),
        countries=list(countries),
        professions=professions,
        offers="Supervision and a ward to learn in.",
    )
    db_session.add(found)
    db_session.flush()
    return found


def test_who_suits_whom(db_session, make_organisation):
    bergen = _search(
        db_session, make_organisation(name="Bergen", country="NO"), countries=["IN", "KE"]
    )
    vellore = _search(
        db_session, make_organisation(name="Vellore", country="IN"), professions="Nurses, midwives"
    )
    oslo = _search(db_session, make_organisation(name="Oslo", country="NO"))
    nairobi = _search(db_session, make_organisation(name="Nairobi", country="KE"), countries=["UG"])
    farmers = _search(
        db_session,
        make_organisation(name="Farmers", country="IN"),
        sectors=["agriculture"],
        professions="agronomists",
    )
    match = matching.score(bergen, vellore)
    assert match.score == 3 and [str(r) for r in match.reasons] == ["Health", "nurses"]
    assert matching.score(bergen, oslo) is None  # the same country
    assert matching.score(bergen, nairobi) is None  # Nairobi looks for Uganda only
    assert matching.score(bergen, farmers) is None  # nothing in common
    assert [m.search for m in matching.matches(db_session, bergen)] == [vellore]


def test_a_contact_registers_and_sees_the_matches(client, db_session, make_user, make_organisation):
    vellore = _search(db_session, make_organisation(name="Vellore", country="IN"))
    haukeland = make_organisation(name="Haukeland", country="NO")
    kari = make_user("kari@partners.example.org")
    grant_local_role(db_session, kari, haukeland, "contact")
    client = client(kari.email)
    listing = client.get("/grants/partners")
    assert "Vellore" in listing.text
    assert listing.html.find("a", href=f"/grants/partners/{vellore.id}") is None  # not yet
    client.get(f"/grants/partners/{vellore.id}", status=403)
    form = client.get("/grants/partners/new").forms["norec-form"]
    form["professions"] = "nurses"
    form["offers"] = "Too short"
    page = form.submit("submit", status=422)
    assert "Choose at least one sector." in page.text
    form = page.forms["norec-form"]
    assert form["professions"].value == "nurses"
    form["offers"] = "A year in our intensive care unit, with a mentor."
    form.set("checkbox", True, index=0)  # the first sector, health
    page = form.submit("submit").follow()
    assert "Suggested partners" in page.text and "Vellore" in page.text

    # A match becomes a partnership proposed in the core; both searches are then done.
    connect = next(f for f in page.forms.values() if f.action.endswith("/connect"))
    page = connect.submit().follow()
    partnership = db_session.query(Partnership).filter_by(title="Haukeland – Vellore").one()
    assert partnership.state == "proposed" and partnership.direction == "north-south"
    assert {o.name for o in partnership.organisations} == {"Haukeland", "Vellore"}
    db_session.expire_all()
    assert not any(s.active for s in db_session.query(PartnerSearch))


def test_outsiders_cannot_connect_or_close(client, db_session, make_user, make_organisation):
    one = _search(db_session, make_organisation(name="One", country="IN"))
    two = _search(db_session, make_organisation(name="Two", country="NO"))
    stranger = client(make_user("stranger@partners.example.org").email)
    token = stranger.csrf_token()
    stranger.post(
        f"/grants/partners/{one.id}/connect",
        {"csrf_token": token, "other": str(two.id)},
        status=403,
    )
    stranger.post(
        f"/grants/partners/{one.id}/connect", {"csrf_token": token, "other": "x"}, status=404
    )
    stranger.post(f"/grants/partners/{one.id}/close", {"csrf_token": token}, status=403)
    norec = client(make_user("cw@partners.example.org", roles=["caseworker"]).email)
    norec.post(f"/grants/partners/{one.id}/close", {"csrf_token": norec.csrf_token()}, status=302)
    db_session.refresh(one)
    assert not one.active
