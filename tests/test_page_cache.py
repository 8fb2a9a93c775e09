"""Reading pages are kept while nothing they show has changed, and never past that: a change
by this process or another, a session ended, a permission lost, a minute gone by, another
visitor's session or a message to show all make the page anew."""

import datetime

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session
from webtest import TestApp

from norec_core import clock
from norec_core.accounts.models import LoginSession
from norec_core.accounts.sessions import SEEN_EVERY
from norec_core.accounts.users import save_user
from norec_core.app import main
from norec_core.db import make_engine
from norec_core.domain.models import Organisation, Person
from norec_core.migrate import upgrade
from norec_core.page_cache import Page, PageCache
from norec_core.query_counting import counting
from norec_core.testing import ADMIN_EMAIL, ADMIN_PASSWORD, USER_PASSWORD


def _statements(query_counter, browser, path: str) -> int:
    query_counter.reset()
    browser.get(path, status=200)
    return query_counter.count


@pytest.fixture
def person(db_session):
    person = Person(given_name="Kept", family_name="Page", email="kept@example.org", country="NO")
    db_session.add(person)
    db_session.flush()
    return person


def test_a_page_asked_again_is_answered_without_rendering(admin_app, person, query_counter):
    path = f"/people/{person.id}"
    query_counter.reset()
    made = admin_app.get(path)
    assert query_counter.count > 5
    # Kept: one statement, which names the database's state, and the same page.
    assert _statements(query_counter, admin_app, path) == 1
    assert admin_app.get(path).text == made.text


def test_a_change_through_a_form_shows_at_once(admin_app, person):
    path = f"/people/{person.id}"
    assert "Kept" in admin_app.get(path).text
    form = admin_app.get(f"/people/{person.id}/edit").forms["norec-form"]
    form["given_name"] = "Changed"
    page = form.submit("submit").follow()
    # The message is shown once, on a page made for it, and not kept with the page.
    assert "Changed" in page.text and "Saved." in page.text
    again = admin_app.get(path)
    assert "Changed" in again.text and "Kept" not in again.text
    assert "Saved." not in again.text


def test_a_change_by_the_test_session_shows_at_once(admin_app, person, db_session):
    path = f"/people/{person.id}"
    admin_app.get(path)
    person.family_name = "Renamed"
    db_session.flush()
    assert "Renamed" in admin_app.get(path).text


def test_another_visitor_never_gets_a_page_kept_for_someone_else(admin_app, client, person):
    path = f"/people/{person.id}"
    admin_app.get(path, status=200)
    anonymous = client()
    anonymous.get(path, status=[302, 403])
    # The same administrator in another browser: a session of its own, and its own token.
    other = client(ADMIN_EMAIL, ADMIN_PASSWORD)
    mine, theirs = admin_app.get(path), other.get(path)
    token = mine.html.find("input", {"name": "csrf_token"})["value"]
    assert token == admin_app.csrf_token()
    assert theirs.html.find("input", {"name": "csrf_token"})["value"] == other.csrf_token()
    assert token != other.csrf_token()


def test_a_lost_permission_closes_a_kept_page(admin_app, client, make_user, person):
    user = make_user(roles=["caseworker"])
    browser = client(user.email)
    path = f"/people/{person.id}"
    browser.get(path, status=200)
    browser.get(path, status=200)
    form = admin_app.get(f"/admin/users/{user.id}").forms["norec-form"]
    form["active"] = False
    form.submit("submit")
    browser.get(path, status=[302, 403])


def test_a_session_ended_gets_no_kept_page(app, client, person):
    path = f"/people/{person.id}"
    browser = client(ADMIN_EMAIL, ADMIN_PASSWORD)
    browser.get(path, status=200)
    copy = TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    for cookie in browser.cookiejar:
        copy.cookiejar.set_cookie(cookie)
    copy.get(path, status=200)
    browser.post("/logout", {"csrf_token": browser.csrf_token()})
    assert copy.get(path).status_int == 302


def test_a_kept_page_lasts_no_longer_than_its_login_session(app, admin_app, person, query_counter):
    path = f"/people/{person.id}"
    admin_app.get(path)
    page_cache = app.registry["norec.page_cache"]
    kept = list(page_cache._pages.items())  # this test's: each test begins with none
    # At most until the session is next marked seen (five minutes), and never past idle.
    soon = clock.now() + datetime.timedelta(minutes=5)
    assert kept and all(p.valid_until <= soon for _, p in kept)
    assert _statements(query_counter, admin_app, path) == 1
    for digest, page in kept:
        page_cache._pages[digest] = page._replace(valid_until=clock.now())
    assert _statements(query_counter, admin_app, path) > 1


def test_a_minute_later_the_page_is_made_again(admin_app, person, query_counter, monkeypatch):
    path = f"/people/{person.id}"
    admin_app.get(path)
    kept = _statements(query_counter, admin_app, path)
    later = clock.now() + datetime.timedelta(minutes=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert _statements(query_counter, admin_app, path) > kept


def test_least_recently_used_pages_go_first_and_memory_stays_bounded():
    forever = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    page = Page("200 OK", (("Content-Type", "text/html"),), b"1234", forever)
    cache = PageCache(max_bytes=2 * page.cost)
    for name in (b"a", b"b", b"c"):
        cache.put(name, page)
    assert cache.get(b"a") is None and len(cache) == 2 and cache.size == 2 * page.cost
    cache.get(b"b")
    cache.put(b"d", page)
    assert cache.get(b"c") is None and cache.get(b"b") is not None
    # Empty pages count all the same, so that many of them cannot grow the process.
    empty = Page("200 OK", (), b"", forever)
    for n in range(1000):
        cache.put(str(n).encode(), empty)
    assert cache.size <= cache.max_bytes and len(cache) == 2 * page.cost // empty.cost


def test_a_long_address_or_header_keeps_a_key_of_the_same_size(admin_app, person, app):
    path = f"/people/{person.id}"
    long_accept = "text/html;q=0.9, " * 5000
    admin_app.get(path, {"q": "x" * 1500}, headers={"Accept": long_accept})
    assert {len(key) for key in app.registry["norec.page_cache"]._pages} == {20}


@pytest.fixture(scope="module")
def own_database(norec_backend, app_settings, tmp_path_factory, request):
    """A database of its own, written by other connections as another process would."""
    if norec_backend == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('page-cache') / 'norec.sqlite'}"
    else:
        url = request.getfixturevalue("postgresql_server").create_database("norec_page_cache")
    settings = {**app_settings, "sqlalchemy.url": url}
    upgrade(settings)
    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        save_user(session, "cache@example.org", USER_PASSWORD, roles=["admin"])
        organisation = Organisation(name="Before", country="KE", kind="ngo")
        session.add(organisation)
        session.flush()
        organisation_id = organisation.id
    yield settings, engine, organisation_id
    engine.dispose()


def test_a_commit_by_another_process_shows_at_once(own_database):
    settings, engine, organisation_id = own_database
    app = main({}, **settings)
    anonymous = TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    path = f"/organisations/{organisation_id}"
    for n in range(3):
        name = f"After {n}"
        assert anonymous.get(path).text == anonymous.get(path).text
        with engine.begin() as connection:  # the worker, another web process
            connection.execute(
                update(Organisation).where(Organisation.id == organisation_id).values(name=name)
            )
        assert name in anonymous.get(path).text
    # A transaction another process rolled back changed nothing.
    kept = anonymous.get(path).text
    with engine.connect() as connection:
        connection.begin()
        connection.execute(update(Organisation).values(name="Never"))
        connection.rollback()
    assert anonymous.get(path).text == kept
    app.registry["norec.db_engine"].dispose()


def test_without_memory_for_pages_nothing_is_kept(own_database):
    settings, engine, organisation_id = own_database
    app = main({}, **{**settings, "norec.page_cache_mb": "0"})
    assert "norec.page_cache" not in app.registry
    browser = TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    with engine.connect() as connection:
        name = connection.scalar(
            select(Organisation.name).where(Organisation.id == organisation_id)
        )
    assert name in browser.get(f"/organisations/{organisation_id}").text
    app.registry["norec.db_engine"].dispose()


def _statements_of(engine, browser, path: str) -> tuple[int, str]:
    """How many statements `engine` ran to answer `path`, and the page."""
    with counting(engine) as counter:
        page = browser.get(path)
    return counter.count, page.text


def test_one_copy_of_a_page_serves_every_connection_of_the_process(own_database):
    """Whichever pooled connection answers, a page kept by another one is found: the
    state's name is the database's, not each connection's (each kept its own copy, and at
    four threads the cache did nothing)."""
    settings, _engine, organisation_id = own_database
    app = main({}, **settings)
    engine = app.registry["norec.db_engine"]
    anonymous = TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    path = f"/organisations/{organisation_id}"
    made = anonymous.get(path).text
    held = [engine.connect() for _ in range(3)]  # the next request gets a connection anew
    try:
        assert _statements_of(engine, anonymous, path) == (1, made)
    finally:
        for connection in held:
            connection.close()
    engine.dispose()


@pytest.mark.norec_backends("sqlite")
def test_a_login_seen_again_leaves_every_kept_page_as_it_is(own_database):
    """The seen mark changes nothing a page shows, so it does not make kept pages new (on
    PostgreSQL any transaction that writes moves the snapshot, once in five minutes a login).
    """
    settings, engine, organisation_id = own_database
    app = main({}, **settings)
    app_engine = app.registry["norec.db_engine"]
    anonymous = TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    path = f"/organisations/{organisation_id}"
    admin = TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    form = admin.get("/login").forms["login"]
    form["email"], form["password"] = "cache@example.org", USER_PASSWORD
    form.submit("submit", status=302)
    made = anonymous.get(path).text
    assert _statements_of(app_engine, anonymous, path) == (1, made)
    with engine.begin() as connection:
        long_ago = clock.now() - SEEN_EVERY - datetime.timedelta(minutes=1)
        connection.execute(update(LoginSession).values(last_seen_at=long_ago))
    assert _statements_of(app_engine, anonymous, path)[0] > 1  # a commit: made anew
    admin.get("/account")  # ... and marked seen after it
    with engine.connect() as connection:
        assert connection.scalar(select(LoginSession.last_seen_at)) > long_ago
    assert _statements_of(app_engine, anonymous, path) == (1, made)
    app_engine.dispose()
