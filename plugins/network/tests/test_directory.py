"""The directory and resource bank: every field shown and found only by the viewers its
level reaches; facets with counts; the same number of statements for 10 members as for
12,000; writing to a member without seeing their address."""

from __future__ import annotations

import csv
import io
import itertools

import pytest
from sqlalchemy import insert, select, text

from norec_core import Person, User
from norec_network import directory, profile
from norec_network.models import Alumnus, DirectoryEntry, Member, PastExchange

LEVEL_OF = {"me": "Mirjam", "advisers": "Ada", "members": "Mona", "public": "Paula"}
# Who each viewer is, and the levels of others' fields they should see.
VIEWERS = {
    "anonymous": ("public",),
    "outsider": ("public",),  # logged in, not a member
    "member": ("members", "public"),
    "adviser": ("advisers", "members", "public"),
}
# The field's title on a member's page, to tell whether it is shown.


@pytest.fixture
def shown_as(app_request):
    """Each field's heading on a profile, as the page writes it (a title may name the
    agency, which the site's localizer fills in)."""
    translate = app_request.localizer.translate
    return {f: f'<dt class="col-sm-3">{translate(t)}</dt>' for f, t in profile.FIELDS.items()}


@pytest.fixture
def everyone(make_member, make_user, db_session, client):
    """Four members, each showing every field at one level, and a browser per viewer."""
    targets = {}
    for level, name in LEVEL_OF.items():
        member = make_member(
            given_name=name,
            family_name="Level",
            email=f"{name.lower()}@example.org",
            country="TZ",
            city=f"city{name}",
            employer=f"employer{name}",
            expertise=[f"expertise{name}"],
            languages=["sw"],
            sectors=[f"sector{name}"],
            offers=["interpreter"],
            availability=f"evenings{name}",
            about=f"about{name}",
            visibility=dict.fromkeys(profile.FIELDS, level),
        )
        alumnus = Alumnus(person=member.person)
        alumnus.exchanges = [PastExchange(year=2001, sending=f"sending{name}", receiving="R")]
        db_session.add(alumnus)
        db_session.flush()
        directory.index(db_session, [member])
        targets[level] = member
    browsers = {
        "anonymous": client(),
        "outsider": client(make_user("outsider@example.org").email),
        "member": client(make_member(account=True, email="viewer@example.org").person.email),
        "adviser": client(make_user("adv@example.org", roles=["network_adviser"]).email),
    }
    return targets, browsers


@pytest.mark.parametrize("viewer", sorted(VIEWERS))
def test_every_field_is_shown_and_found_only_where_its_level_reaches(everyone, viewer, shown_as):
    targets, browsers = everyone
    browser = browsers[viewer]
    for level, member in targets.items():
        seen = level in VIEWERS[viewer]
        name = LEVEL_OF[level]
        page = browser.get(f"/network/members/{member.id}", status=200 if seen else 404)
        if seen:
            for field, heading in shown_as.items():
                if field != "name":
                    assert heading in page.text, (viewer, level, field)
        # Found by a word of each text field, and by each facet, only where seen.
        for word in ("city", "employer", "expertise", "sector", "evenings", "about", "sending"):
            found = browser.get("/network/directory", {"q": f"{word}{name}"})
            assert (f"/network/members/{member.id}" in found.text) == seen, (viewer, word)
        found = browser.get("/network/directory", {"sectors": f"sector{name}"})
        assert (f"/network/members/{member.id}" in found.text) == seen


def test_a_member_sees_their_own_profile_whole(everyone, client, make_user, shown_as):
    targets, _ = everyone
    hidden = targets["me"]
    mine = client(make_user(hidden.person.email, person=hidden.person).email)
    page = mine.get(f"/network/members/{hidden.id}")
    assert all(heading in page.text for f, heading in shown_as.items() if f != "name")


def test_without_consent_nobody_finds_a_member(make_member, client, make_user):
    member = make_member(listed=False, visibility=dict.fromkeys(profile.FIELDS, "public"))
    adviser = client(make_user("adv2@example.org", roles=["network_adviser"]).email)
    adviser.get(f"/network/members/{member.id}", status=404)
    assert f"/network/members/{member.id}" not in adviser.get("/network/directory").text


def test_facets_count_what_the_viewer_may_see(make_member, client):
    public = dict.fromkeys(profile.FIELDS, "public")
    for n, (country, offers) in enumerate(
        [("KE", ["mentor"]), ("KE", ["mentor", "lecturer"]), ("NP", ["lecturer"])]
    ):
        make_member(
            given_name=f"F{n}",
            country=country,
            offers=offers,
            mentor_capacity=1,
            visibility=public,
        )
    # Her country is for members alone: an anonymous visitor does not count it.
    make_member(given_name="Hidden", country="KE", visibility=public | {"country": "members"})
    result_page = client().get("/network/directory")
    text = result_page.text
    assert 'value="KE"' in text
    assert 'Kenya\n              <span class="text-body-secondary">(2)</span>' in text
    page = client().get("/network/directory", {"offers": "mentor", "country": "KE"})
    assert page.text.count("/network/members/") == 2
    assert 'value="mentor"\n' in page.text and "checked" in page.text


def test_a_card_shows_only_the_parts_shown_with_its_offers_and_languages(make_member, client):
    public = dict.fromkeys(profile.FIELDS, "public")
    member = make_member(
        given_name="Rahima",
        family_name="Akter",
        country="BD",
        city="Khulna",
        employer="Khulna Medical College",
        offers=["mentor", "interpreter"],
        mentor_capacity=1,
        languages=["bn", "en"],
        visibility=public | {"country": "me"},  # her country is hers alone
    )
    page = client().get("/network/directory")
    link = page.html.find("a", href=f"/network/members/{member.id}")
    card = link.find_parent("li")
    assert card.find_parent("ul")["role"] == "list" and "card" in card.div["class"]
    assert link.find_parent("h2") is not None and link.text == "Rahima Akter"
    place = card.find("p", class_="text-body-secondary").text.strip()
    assert place == "Khulna" and "Bangladesh" not in card.text
    assert ", Khulna" not in card.text
    assert card.find("svg")["aria-hidden"] == "true" and card.find("svg").text.strip() == "RA"
    badges = [b.text for b in card.find_all("li", class_="badge")]
    assert badges == ["Mentor", "Interpreter"]
    assert "Languages: Bangla, English" in card.text and "Khulna Medical College" in card.text

    # Both shown: city and country joined once, in that order.
    make_member(
        given_name="Sita", family_name="Rai", country="NP", city="Pokhara", visibility=public
    )
    page = client().get("/network/directory", {"q": "Pokhara"})
    assert "Pokhara, Nepal" in page.text


def test_the_export_has_only_what_the_viewer_sees(everyone):
    _, browsers = everyone
    response = browsers["member"].get("/network/directory", {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.text)))
    emails = {r[1] for r in rows[1:]}
    assert "mona@example.org" in emails and "paula@example.org" in emails
    assert "ada@example.org" not in response.text
    response = browsers["anonymous"].get("/network/directory", {"format": "csv"}, status=302)
    assert "/login" in response.location


def _many(db_session, n, offset=0):
    """`n` listed members, made in a few statements (the ORM would take minutes)."""
    start = db_session.scalar(select(Person.id).order_by(Person.id.desc()).limit(1)) or 0
    numbers = range(offset, offset + n)
    db_session.execute(
        insert(Person),
        [
            {
                "id": start + i + 1 - offset,
                "given_name": f"G{i}",
                "family_name": f"Many{i:05d}",
                "email": f"many{i}@example.org",
                "country": ("KE", "NP", "IN", "TZ")[i % 4],
                "expertise": [],
                "visibility": {},
                "consent_directory": True,
            }
            for i in numbers
        ],
    )
    first = db_session.scalar(select(Member.id).order_by(Member.id.desc()).limit(1)) or 0
    public = dict.fromkeys(profile.FIELDS, "public")
    db_session.execute(
        insert(Member),
        [
            {
                "id": first + i + 1 - offset,
                "person_id": start + i + 1 - offset,
                "sectors": [],
                "offers": ["mentor"] if i % 3 else [],
                "visibility": public,
                "name_level": "public",
            }
            for i in numbers
        ],
    )
    # An exchange each, shown on their cards' pages (loaded for the page alone).
    alumni = db_session.scalar(select(Alumnus.id).order_by(Alumnus.id.desc()).limit(1)) or 0
    db_session.execute(
        insert(Alumnus),
        [{"id": alumni + i + 1 - offset, "person_id": start + i + 1 - offset} for i in numbers],
    )
    db_session.execute(
        insert(PastExchange),
        [{"alumnus_id": alumni + i + 1 - offset, "year": 2001 + i % 20} for i in numbers],
    )
    db_session.execute(
        insert(DirectoryEntry),
        [
            {"member_id": first + i + 1 - offset, "field": field, "value": value, "level": "public"}
            for i in numbers
            for field, value in (
                ("country", ("KE", "NP", "IN", "TZ")[i % 4]),
                ("word", f"many{i:05d}"),
                ("word", "nurse"),
                *([("offers", "mentor")] if i % 3 else []),
            )
        ],
    )
    db_session.flush()
    if db_session.get_bind().dialect.name == "postgresql":
        # What autovacuum does once such a load commits, which inside the test's
        # transaction it never does: without it the planner may take minutes.
        db_session.execute(text("ANALYZE network_member, network_directory_entry, person"))


# A word, a facet and both, each matching thousands of the 12,000.
SEARCHES = {"word": {"q": "nurse"}, "facet": {"offers": "mentor"}}
SEARCHES["both"] = SEARCHES["word"] | SEARCHES["facet"]


def test_a_directory_search_costs_the_same_statements_for_10_as_for_12000(
    make_member, client, db_session, query_counter
):
    browsers = {"anonymous": client(), "member": client(make_member(account=True).person.email)}

    def counts():
        found = {}
        for (who, browser), (kind, search) in itertools.product(browsers.items(), SEARCHES.items()):
            query_counter.reset()
            # Page 2: of 10, the last, the first; of 12,000, one read past the rows skipped.
            page = browser.get("/network/directory", search | {"page": "2"})
            found[who, kind] = query_counter.count
            assert "Many" in page.text, (who, kind)
        return found

    _many(db_session, 10)
    few = counts()
    _many(db_session, 12000 - 10, offset=10)
    many = counts()
    assert few == many
    # The facets counted, the total, the page with its people, their languages, their
    # records as former participants and their exchanges; logged in, the session and
    # the viewer's own membership too.
    assert set(few.values()) == {6, 8}, few


def test_the_facets_count_every_member_found_not_only_the_page(make_member, client, db_session):
    _many(db_session, 60)
    page = client().get("/network/directory", {"q": "nurse", "offers": "mentor"})
    # 40 of the 60 offer to mentor, 10 of them in each country; the page shows 25.
    assert 'mentor"\n' in page.text and "(40)" in page.text
    assert page.text.count("/network/members/") == 25
    for code in ("KE", "NP", "IN", "TZ"):
        assert f'value="{code}"' in page.text
    assert page.text.count('<span class="text-body-secondary">(10)</span>') == 4


def test_every_row_but_the_words_is_a_facet(everyone, db_session):
    """The facets are counted from the rows that are not words (`FACET_ROWS`, the index
    of them alone): a member's rows hold no other field."""
    fields = set(db_session.scalars(select(DirectoryEntry.field).distinct()))
    assert fields == {*directory.FACETS, "word"}


def test_writing_to_a_member_hides_both_addresses(make_member, client, mail, make_user):
    recipient = make_member(
        given_name="Rose",
        email="rose.private@example.org",
        consent_contact=True,
        visibility={"name": "members"},
    )
    sender = make_member(account=True, given_name="Sam", email="sam@example.org")
    browser = client(sender.person.email)
    page = browser.get(f"/network/members/{recipient.id}")
    assert "rose.private@example.org" not in page.text
    form = page.click("Write to this member").forms["contact"]
    form["subject"] = "Your work in Arusha"
    form["text"] = "Could we talk about midwifery training?"
    form.submit().follow()
    message = mail.messages[-1]
    assert message["To"] == "rose.private@example.org"
    assert message["Reply-To"] is None
    body = message.get_body(("plain",)).get_content()
    assert "Sam" in body and "midwifery training" in body and "sam@example.org" not in body
    assert f"http://localhost/network/members/{sender.id}" in body

    # With the box ticked, the sender's address goes along, to reply to.
    form = browser.get(f"/network/members/{recipient.id}/contact").forms["contact"]
    form["subject"], form["text"], form["share"] = "Again", "Hello", True
    form.submit()
    assert mail.messages[-1]["Reply-To"] == "sam@example.org"


def test_writing_needs_consent_unless_an_adviser_writes_to_a_resource_person(
    make_member, client, make_user, make_person, mail
):
    quiet = make_member(visibility={"name": "advisers"})
    resource = make_member(visibility={"name": "advisers"}, offers=["resource"])
    sender = make_member(account=True)
    client(sender.person.email).get(f"/network/members/{quiet.id}/contact", status=404)
    user = make_user("writer@example.org", roles=["network_adviser"])  # no person record
    adviser = client(user.email)
    adviser.get(f"/network/members/{quiet.id}/contact", status=403)
    form = adviser.get(f"/network/members/{resource.id}/contact").forms["contact"]
    assert "share" not in form.fields  # an adviser writes for Norec, from a work address
    form["subject"], form["text"] = "A lecture in Bergen", "Would you give one in March?"
    form.submit().follow()
    assert mail.messages[-1]["To"] == resource.person.email
    assert mail.messages[-1]["Reply-To"] == "writer@example.org"


def test_a_sender_is_limited_per_day_and_keeps_the_text(make_member, client, db_session):
    from norec_network import relay
    from norec_network.models import RelayedMessage

    recipient = make_member(consent_contact=True, visibility={"name": "members"})
    sender = make_member(account=True)
    account = db_session.scalars(select(User).where(User.person_id == sender.person_id)).one()
    db_session.add_all(
        RelayedMessage(
            sender_user_id=account.id, sender_id=sender.person_id, recipient_id=recipient.person_id
        )
        for _ in range(relay.PER_DAY)
    )
    db_session.flush()
    form = client(sender.person.email).get(f"/network/members/{recipient.id}/contact")
    form = form.forms["contact"]
    form["subject"], form["text"] = "One more", "Text that must not be lost"
    page = form.submit(status=429)
    assert "Text that must not be lost" in page.text
