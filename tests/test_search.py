"""The site search: the database's own full-text search, ranked, in Norwegian and English
word stems, with facets counted among what the viewer may see, and an index that follows
every change to the records and their files."""

import datetime
import re

import pytest
import weasyprint
from sqlalchemy import func, insert, select

from norec_core import Activity, FileKind, attach, clock, reindex
from norec_core.privacy import personal_data
from norec_core.search.index import rebuild_index
from norec_core.search.models import IndexedDocument
from norec_core.testing import USER_PASSWORD


@pytest.fixture
def visitor(app, testapp):
    """A browser of its own, not logged in (admin_app is testapp, logged in)."""
    return type(testapp)(app, extra_environ={"HTTP_HOST": "localhost"})


def _hits(app, q="", **filters) -> list[str]:
    page = app.get("/search", {"q": q, **filters})
    return [a.text for a in page.html.select("ol li > a")]


def _facets(app, q="", **filters) -> dict[str, dict[str, int]]:
    """{facet title: {value title: count}} as the page shows them."""
    page = app.get("/search", {"q": q, **filters})
    found = {}
    for fieldset in page.html.select("fieldset"):
        values = {}
        for label in fieldset.select("label"):
            title, count = re.fullmatch(r"\s*(.+?)\s+\((\d+)\)\s*", label.text).groups()
            values[title] = int(count)
        found[fieldset.legend.text] = values
    return found


def _note(db_session, person, text, state="open"):
    from norec_notes.models import Note

    note = Note(person=person, text=text, state=state)
    db_session.add(note)
    db_session.flush()
    return note


def test_a_word_in_the_title_ranks_above_the_same_word_in_the_text(testapp, make_activity):
    make_activity(title="Partner meeting", description="Alumni from Nairobi and Oslo meet.")
    make_activity(title="Alumni gathering", description="In Nairobi.")
    make_activity(title="Budget review", description="Nothing of the kind.")
    assert _hits(testapp, "alumni") == ["Alumni gathering", "Partner meeting"]
    assert _hits(testapp, "alumni oslo") == ["Partner meeting"]  # every word must match


def test_words_are_found_by_their_nynorsk_bokmal_and_english_stems(
    admin_app, db_session, make_person, make_activity
):
    writer = make_person(correspondence_language="nn")
    _note(db_session, writer, "Utvekslingane mellom organisasjonane i Sør")
    english = make_person(correspondence_language="en")
    _note(db_session, english, "Volunteers exchanged between hospitals")
    make_activity(title="Frivillige i utveksling", description="")

    assert sorted(_hits(admin_app, "utveksling")) == [
        "Frivillige i utveksling",
        "Utvekslingane mellom organisasjonane i Sør",
    ]
    assert _hits(admin_app, "organisasjonar") == ["Utvekslingane mellom organisasjonane i Sør"]
    assert _hits(admin_app, "volunteer exchanging") == ["Volunteers exchanged between hospitals"]
    assert _hits(admin_app, "hospital") == ["Volunteers exchanged between hospitals"]
    assert _hits(admin_app, "utvikling") == []
    # Diacritics are letters: "sør" is not "sor".
    assert _hits(admin_app, "sor") == []
    assert "nothing found" in admin_app.get("/search", {"q": "utvikling"}).text.lower()


def test_facets_count_what_the_viewer_may_see_and_narrow_the_results(
    visitor, admin_app, make_organisation, make_activity, make_person
):
    make_organisation(name="Kenya Youth Link", country="KE")
    make_organisation(name="Youth Norway", country="NO")
    when = datetime.datetime(2025, 6, 1, 9, tzinfo=datetime.UTC)
    make_activity(title="Youth camp", country="KE", starts_at=when, ends_at=when)
    make_person(given_name="Youth", family_name="Private", country="KE")  # name shown to no one

    assert _facets(visitor, "youth") == {
        "Type": {"Organisation": 2, "Activity": 1},
        "Country": {"Kenya": 2, "Norway": 1},
        "Year": {"2025": 1},
    }
    assert sorted(_hits(visitor, "youth", country="KE")) == ["Kenya Youth Link", "Youth camp"]
    # The chosen facet keeps its other values choosable; the others count what is left.
    assert _facets(visitor, "youth", country="KE") == {
        "Type": {"Organisation": 1, "Activity": 1},
        "Country": {"Kenya": 2, "Norway": 1},
        "Year": {"2025": 1},
    }
    assert _hits(visitor, "youth", country="KE", type="activity") == ["Youth camp"]
    # Staff see the person too, and count them.
    assert _facets(admin_app, "youth")["Type"] == {"Organisation": 2, "Person": 1, "Activity": 1}
    assert _facets(admin_app, "youth")["Country"] == {"Kenya": 3, "Norway": 1}
    # Facets without words browse everything the viewer may see, the newest first.
    assert _hits(visitor, country="KE")[0] == "Youth camp"


def test_people_are_found_as_their_profiles_allow(app, testapp, make_person, make_user):
    public = make_person(given_name="Astrid", family_name="Opensky", employer="Sky Foundation")
    public.visibility = {"name": "public"}
    members = make_person(given_name="Bjørn", family_name="Opensky")
    members.visibility = {"name": "members", "employer": "members"}
    members.employer = "Sky Foundation"
    make_person(given_name="Cecilie", family_name="Opensky")
    make_user()  # flushes the changes above, which the index follows

    assert _hits(testapp, "opensky") == ["Astrid Opensky"]
    # The employer was shown to members only: it finds no one for a visitor.
    assert _hits(testapp, "sky foundation") == []
    member = make_user()
    testapp.login(member.email, USER_PASSWORD)
    assert _hits(testapp, "opensky") == ["Astrid Opensky", "Bjørn Opensky"]
    assert _hits(testapp, "foundation") == ["Bjørn Opensky"]


def test_a_workflow_state_decides_who_finds_a_record(testapp, db_session, make_person, make_user):
    owner = make_user(person=make_person())
    _note(db_session, owner.person, "Travel plan open")
    done = _note(db_session, owner.person, "Travel plan done", state="done")
    testapp.login(owner.email, USER_PASSWORD)
    assert _hits(testapp, "travel") == ["Travel plan open"]
    testapp.reset()
    taker = make_user(roles=["notetaker"])
    testapp.login(taker.email, USER_PASSWORD)
    assert sorted(_hits(testapp, "travel")) == ["Travel plan done", "Travel plan open"]
    assert _facets(testapp, "travel")["State"] == {"open": 1, "done": 1}
    assert testapp.get("/search", {"q": "done"}).html.select_one("ol li > a")["href"] == (
        f"/notes/{done.id}"
    )


def test_the_index_follows_edits_deletions_rollbacks_and_erasure(
    app_request, admin_app, db_session, make_activity, make_person
):
    activity = make_activity(title="Spring seminar")
    form = admin_app.get(f"/activities/{activity.id}/edit").forms["norec-form"]
    form["title"] = "Autumn seminar"
    form.submit("submit").follow()
    assert _hits(admin_app, "seminar") == ["Autumn seminar"]
    assert _hits(admin_app, "spring") == []

    with db_session.begin_nested() as savepoint:
        make_activity(title="Seminar never held")
        savepoint.rollback()
    assert _hits(admin_app, "seminar") == ["Autumn seminar"]

    db_session.delete(db_session.get(Activity, activity.id))
    db_session.flush()
    assert _hits(admin_app, "seminar") == []

    person = make_person(given_name="Erasable", family_name="Someone")
    assert _hits(admin_app, "erasable") == ["Erasable Someone"]
    personal_data.erase_person(app_request, person, "asked to be forgotten")
    db_session.flush()
    assert _hits(admin_app, "erasable") == []
    assert not db_session.scalar(
        select(func.count()).where(IndexedDocument.title.contains("Erasable"))
    )


def _pdf(text: str) -> bytes:
    return weasyprint.HTML(string=f"<html lang='en'><body><p>{text}</p></body></html>").write_pdf()


def test_the_words_of_attached_pdfs_are_found_once_their_embargo_ends(
    app_request, admin_app, db_session, make_person
):
    note = _note(db_session, make_person(correspondence_language="en"), "Field report")
    options = {
        "kind": FileKind(frozenset({"application/pdf"}), 1_000_000),
        "read_permission": "notes.read",
        "edit_permission": "notes.add",
    }
    attach(app_request, note, "report.pdf", _pdf("Irrigation cooperatives in Malawi"), **options)
    db_session.flush()
    assert _hits(admin_app, "irrigation malawi") == ["Field report"]

    soon = clock.now() + datetime.timedelta(days=1)
    draft = _pdf("Unpublished groundwater study")
    row = attach(app_request, note, "draft.pdf", draft, embargo_until=soon, **options)
    db_session.flush()
    assert _hits(admin_app, "groundwater") == []
    row.embargo_until = clock.now() - datetime.timedelta(seconds=1)
    reindex(db_session, note)
    assert _hits(admin_app, "groundwater") == ["Field report"]
    # An embargo moved for all the record's files at once: closed again, then open.
    from norec_core import embargo_files

    assert embargo_files(app_request, note, soon) == 2
    reindex(db_session, note)
    assert _hits(admin_app, "groundwater") == []
    embargo_files(app_request, note, None)
    reindex(db_session, note)
    assert _hits(admin_app, "groundwater") == ["Field report"]


@pytest.mark.parametrize("filters", [{}, {"country": "KE", "type": "activity"}])
def test_the_search_page_costs_the_same_queries_for_10_and_12000_records(
    admin_app, db_session, query_counter, filters
):
    def fill(start, rows):
        when = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
        db_session.execute(
            insert(Activity),
            [
                {
                    "title": f"Seminar {i}",
                    "kind": "meeting",
                    "description": "Exchange of volunteers",
                    "starts_at": when + datetime.timedelta(days=i % 700),
                    "ends_at": when + datetime.timedelta(days=i % 700),
                    "country": ("KE", "NO", "TZ")[i % 3],
                }
                for i in range(start, start + rows)
            ],
        )
        rebuild_index(db_session, ["activity"])

    def queries():
        query_counter.reset()
        page = admin_app.get("/search", {"q": "seminar volunteer", **filters})
        assert page.html.select("ol li > a")
        return query_counter.count

    fill(0, 10)
    queries()
    with_ten = queries()
    fill(10, 11_990)
    assert queries() == with_ten, query_counter.statements
